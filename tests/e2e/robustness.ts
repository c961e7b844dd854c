/**
 * What the fuzz and monkey tests share: a seeded random generator, and the checks that a
 * widget is still sound (status, text, the run still steps) whatever was done to it.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The statuses a widget may show (DESIGN: the widget contract). */
export const STATUSES = ['idle', 'running', 'converged', 'diverged', 'error'];

/** A seed for every random choice; set FUZZ_SEED to explore others. Failures print it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20240611);

/** mulberry32: small, fast and seeded, so a failing run repeats exactly. */
export function randomSource(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (below: number) => Math.floor(next() * below),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
	};
}
export type RandomSource = ReturnType<typeof randomSource>;

/** The widget root inside a page, an iframe-less embed or a web component (the locator pierces shadow roots). */
export function widgetRoot(scope: Page | Locator): Locator {
	return scope.locator('[data-concept]').first();
}

/**
 * Rendered text (HTML and SVG, and accessible names) in the widget that shows NaN,
 * Infinity or undefined. The notices are left out: they quote the bad input on purpose.
 */
export async function brokenNumbersShown(root: Locator): Promise<string[]> {
	return root.evaluate((element) => {
		const broken = /\b(NaN|Infinity|undefined)\b/;
		const found: string[] = [];
		const quoted = (node: Element) => node.closest('.notices, script, style, template') !== null;
		const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || quoted(parent) || !parent.checkVisibility()) continue;
			if (broken.test(node.textContent ?? '')) found.push(`text: ${node.textContent!.trim().slice(0, 160)}`);
		}
		for (const labelled of element.querySelectorAll('[aria-label], [aria-valuetext]')) {
			if (quoted(labelled)) continue;
			for (const name of ['aria-label', 'aria-valuetext']) {
				const value = labelled.getAttribute(name);
				if (value && broken.test(value)) found.push(`${name}: ${value.slice(0, 160)}`);
			}
		}
		return found;
	});
}

/** Asserts the widget's status is a documented one and no broken number is on show. */
export async function expectSound(root: Locator, context: string) {
	const status = await root.getAttribute('data-status');
	expect(STATUSES, `${context}: data-status="${status}"`).toContain(status);
	expect(await brokenNumbersShown(root), `${context}: NaN, Infinity or undefined shown`).toEqual([]);
}

/** What a step changes that a reader sees: the status line and the readouts. */
async function runSignature(root: Locator): Promise<string> {
	return root.evaluate((element) =>
		[element.querySelector('[data-status-text]'), ...element.querySelectorAll('output[data-readout]')].map((e) => e?.textContent ?? '').join('|')
	);
}

/**
 * Waits until the widget can step (true), or has settled where Step stays off: finished,
 * diverged or in error (false). A widget with nothing to animate (correlation) settles as
 * `converged` once its numbers are computed; one that opens finished (bias–variance) at once.
 */
export async function canStepOnceSettled(root: Locator, timeout = 20_000): Promise<boolean> {
	const step = root.getByRole('button', { name: 'Step', exact: true });
	const state = async () => {
		if (await step.isEnabled()) return 'can step';
		const status = (await root.getAttribute('data-status')) ?? '';
		return ['converged', 'diverged', 'error'].includes(status) ? 'settled' : 'waiting';
	};
	await expect.poll(state, { timeout, intervals: [100, 250, 500] }).not.toBe('waiting').catch(() => {});
	return (await state()) === 'can step';
}

/**
 * The widget still works: Step advances the run (something the reader sees changes), or
 * Step is disabled and the status line says why; either way the status is not `error`.
 */
export async function expectStillWorks(root: Locator, context: string) {
	await expect(root.locator('[data-backend]:not([data-backend=""])'), `${context}: TF.js started`).toBeAttached({ timeout: 20_000 });
	const step = root.getByRole('button', { name: 'Step', exact: true });
	const statusLine = root.locator('[data-status-text]');
	if (!(await canStepOnceSettled(root))) {
		await expect(statusLine, `${context}: Step is disabled, and the status line must say why`).not.toHaveText(/^\s*\w+\s*(Starting TF\.js…)?\s*$/);
	} else {
		const before = await runSignature(root);
		await step.click();
		await expect.poll(() => runSignature(root), { message: `${context}: Step changed nothing the reader sees`, timeout: 15_000 }).not.toBe(before);
	}
	await expect(root, `${context}: the widget is in error`).not.toHaveAttribute('data-status', 'error');
	await expectSound(root, `${context}, after Step`);
}
