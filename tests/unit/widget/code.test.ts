import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programFileName, programText, programWithExport } from '$lib/widget/code/program';

const CONCEPTS_FOLDER = new URL('../../../src/lib/concepts/', import.meta.url);
/**
 * Concepts whose code.py is still to be written. Every other concept must have one; the
 * browser test (code.spec.ts) runs each against the widget's export.
 */
const STILL_WITHOUT_CODE = new Set<string>([]);

const python = (program: string, ...args: string[]) => execFileSync('python3', ['-c', program, ...args], { encoding: 'utf8' });

describe('Show the code', () => {
	it('carries an export through quotes, backslashes and other scripts into Python unchanged', () => {
		const payload = { concept: 'kmeans', seed: 3, params: { expr: `it's "x" \\ y'''`, label: 'σ² — ünïcode', empty: '' }, state: { values: [1.5, -2e-9, null] } };
		const program = programWithExport(programText('print(json.dumps(load_export()))'), payload);
		expect(JSON.parse(python(program))).toEqual(payload);
	});

	it('reports what it computed beside the widget, and as JSON with --json', () => {
		const payload = { concept: 'x', seed: 1, state: { mean: 2, list: [[1, 2], [3, 4]] } };
		const code = "report(load_export(), {'state.mean': 2.0000001, 'state.list': np.array([[1, 2], [3, 5]])})";
		const program = programWithExport(programText(code), payload);
		const printed = python(program);
		expect(printed).toMatch(/state\.mean: 2, agrees/);
		expect(printed).toMatch(/state\.list: 4 numbers, DIFFERS/);
		expect(JSON.parse(python(program, '--json'))).toEqual({ tolerance: 1e-4, results: { 'state.mean': 2.0000001, 'state.list': [[1, 2], [3, 5]] } });
	});

	it('says how to run it when there is no export', () => {
		expect(() => execFileSync('python3', ['-c', programText('load_export()')], { stdio: 'pipe' })).toThrow(/Export data/);
	});

	it('names the download after the concept and seed', () => {
		expect(programFileName('bias-variance', 42)).toBe('bias_variance_42.py');
	});

	it('exists for every concept (but those listed as still to write)', () => {
		const folders = readdirSync(CONCEPTS_FOLDER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
		const missing = folders.filter((slug) => !existsSync(new URL(`${slug}/code.py`, CONCEPTS_FOLDER)));
		expect(missing.sort()).toEqual([...STILL_WITHOUT_CODE].sort());
	});
});
