/**
 * "Show the code", for every concept that has a `code.py`: the downloaded program runs with
 * the Python and NumPy on this machine and recomputes the widget's numbers. It is then run
 * again on the widget's export with those numbers blanked out, so it cannot pass by reading
 * them back: what it prints must match what the widget exported.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CONCEPTS } from './concepts';
import { canStepOnceSettled, widgetRoot } from './robustness';

const run = promisify(execFile);
const python = (...args: string[]) => run('python3', args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
/** The loosest agreement a program may ask for (relative, or absolute near zero). */
const LOOSEST_TOLERANCE = 1e-2;
const STEPS = 6;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The part of an export at a dotted path, '*' mapping over a list (as the preamble's at_path). */
function atPath(value: Json, path: string[]): Json {
	if (!path.length || value === null) return value;
	const [head, ...rest] = path;
	if (head === '*') return (value as Json[]).map((item) => atPath(item, rest));
	if (Array.isArray(value)) return atPath(value[Number(head)], rest);
	return atPath((value as Record<string, Json>)[head] ?? null, rest);
}

/** The export with the values at `path` set to null. */
function blank(value: Json, path: string[]): Json {
	if (value === null || typeof value !== 'object') return value;
	const [head, ...rest] = path;
	if (Array.isArray(value)) {
		if (head === '*') return value.map((item) => (rest.length ? blank(item, rest) : null));
		return value.map((item, i) => (i === Number(head) ? (rest.length ? blank(item, rest) : null) : item));
	}
	return { ...value, [head]: rest.length ? blank(value[head] ?? null, rest) : null };
}

const flat = (value: Json): (number | null)[] => (Array.isArray(value) ? value.flatMap(flat) : [typeof value === 'number' ? value : null]);

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return readFile((await download.path())!, 'utf8');
}

const withCode = CONCEPTS.filter(({ slug }) => existsSync(new URL(`../../src/lib/concepts/${slug}/code.py`, import.meta.url)));

for (const { slug } of withCode) {
	test(`${slug}: Show the code gives a NumPy program that reproduces the widget's numbers`, async ({ page, open }) => {
		test.slow();
		await open(`/concepts/${slug}/?seed=11`);
		const root = widgetRoot(page);
		for (let i = 0; i < STEPS && (await canStepOnceSettled(root)); i++) await root.getByRole('button', { name: 'Step', exact: true }).click();
		await canStepOnceSettled(root);

		await root.getByRole('button', { name: 'Show the code' }).click();
		const dialog = page.locator('dialog[data-dialog="code"]');
		await expect(dialog.locator('[data-program]')).toContainText('report(export');
		// The concept's own code first; what the file starts with (the preamble, and the shared parts it uses) in the details.
		const start = dialog.locator('[data-program-start]');
		await expect(start).toContainText('def load_export');
		if ((await dialog.locator('[data-program]').textContent())!.startsWith('# uses: network')) await expect(start).toContainText('def forward_backward');
		const program = await downloaded(page, () => dialog.locator('[data-download-code]').click());
		await dialog.getByRole('button', { name: 'Close' }).click();
		const folder = await mkdtemp(join(tmpdir(), `code-${slug}-`));
		const programFile = join(folder, 'program.py');
		await writeFile(programFile, program);

		// As downloaded: the export inside it, the comparison printed for a reader.
		const { stdout: printed } = await python(programFile);
		expect(printed, 'the program compares its numbers with the widget').toContain('agrees');
		expect(printed).not.toContain('DIFFERS');
		const paths = Object.keys(JSON.parse((await python(programFile, '--json')).stdout).results as Record<string, Json>);
		expect(paths.length, 'the program reports numbers').toBeGreaterThan(0);

		// The widget's export once every number the program reproduces is in it (jobs may still be running).
		let exported: Json = null;
		await expect
			.poll(
				async () => {
					exported = JSON.parse(await downloaded(page, () => root.getByRole('button', { name: 'Export data' }).click()));
					return paths.filter((path) => flat(atPath(exported, path.split('.'))).some((number) => number === null));
				},
				{ timeout: 30_000, intervals: [500, 1000, 2000] }
			)
			.toEqual([]);

		const blanked = paths.reduce((value, path) => blank(value, path.split('.')), exported as Json);
		const exportFile = join(folder, `${slug}-11.json`);
		await writeFile(exportFile, JSON.stringify(blanked));
		const { tolerance, results } = JSON.parse((await python(programFile, exportFile, '--json')).stdout) as { tolerance: number; results: Record<string, Json> };
		expect(tolerance).toBeLessThanOrEqual(LOOSEST_TOLERANCE);
		expect(Object.keys(results).sort()).toEqual([...paths].sort());
		for (const path of paths) {
			const ours = flat(results[path]);
			const widgets = flat(atPath(exported, path.split('.')));
			expect(ours.length, `${path}: as many numbers as the widget's`).toBe(widgets.length);
			ours.forEach((value, i) => {
				const expected = widgets[i]!;
				expect(Math.abs(value! - expected), `${path}[${i}]: ${value} against the widget's ${expected}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
			});
		}
	});
}
