import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PREAMBLE, partsUsed, programFileName, programStart, programText, programWithExport } from '$lib/widget/code/program';

const CONCEPTS_FOLDER = new URL('../../../src/lib/concepts/', import.meta.url);

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

	it('programText() puts the parts named in the first line between the preamble and the code', () => {
		const code = "# uses: network\nprint(json.dumps(activate('relu', np.array([-1.0, 2.0]))[0].tolist()))";
		expect(partsUsed(code)).toEqual(['network']);
		const program = programText(code);
		expect(program.startsWith(PREAMBLE.trim())).toBe(true);
		expect(program.indexOf('class Optimizer')).toBeGreaterThan(program.indexOf('def report('));
		expect(program.indexOf('class Optimizer')).toBeLessThan(program.indexOf('# uses: network'));
		expect(program.endsWith(`${programStart(code)}\n\n\n${code}\n`)).toBe(true);
		expect(JSON.parse(python(program))).toEqual([0, 2]);
	});

	it('programStart() is the preamble alone for a program without a uses line', () => {
		expect(partsUsed('print(1)\n# uses: network')).toEqual([]);
		expect(programStart('print(1)')).toBe(PREAMBLE.trim());
	});

	it('programText() fails loudly on a part it does not know', () => {
		expect(() => programText('# uses: network, netwrok\nprint(1)')).toThrow(/unknown part "netwrok"/);
		expect(() => programText('# uses:\nprint(1)')).toThrow(/unknown part ""/);
	});

	it('the stats part: the Wilson interval of textbook cases, and a Legendre basis orthonormal on [0, 1]', () => {
		const check = `# uses: stats
nodes, weights = np.polynomial.legendre.leggauss(20)
x, w = (nodes + 1) / 2, weights / 2  # Gauss–Legendre on [0, 1]
basis = legendre_basis(x, 6)
print(json.dumps({'gram': float(np.abs(basis.T @ (w[:, None] * basis) - np.eye(7)).max()), 'half': wilson_interval(50, 100), 'none': wilson_interval(0, 10)}))`;
		const { gram, half, none } = JSON.parse(python(programText(check)));
		expect(gram).toBeLessThan(1e-12);
		// 50 of 100: p̂ ± z·√(p̂q̂/n + z²/4n²) around (p̂ + z²/2n), over 1 + z²/n (Wilson, 1927).
		expect(half[0]).toBeCloseTo(0.40383, 5);
		expect(half[1]).toBeCloseTo(0.59617, 5);
		// No successes: the interval starts at 0 and reaches z²/(n + z²).
		expect(none[0]).toBe(0);
		expect(none[1]).toBeCloseTo(3.8415 / 13.8415, 4);
	});

	it("the network part's forward_backward() gives the gradients of finite differences, for every activation", () => {
		const check = `# uses: network
rng = np.random.default_rng(1)
x, y = rng.normal(size=(7, 2)), rng.integers(0, 2, size=(7, 1)).astype(float)
worst = 0.0
for name in ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'swish', 'softplus', 'linear']:
    weights, biases = starting_weights({'width': 3, 'depth': 3}, [rng.normal(size=6), rng.normal(size=9), rng.normal(size=3)])
    biases = [rng.normal(size=b.shape) for b in biases]  # zero biases would put ReLU's kink under a unit whose inputs are all 0
    loss, _, _, weight_grads, bias_grads = forward_backward(name, weights, biases, x, y)
    for p, g in zip(weights + biases, weight_grads + bias_grads):
        for i in np.ndindex(p.shape):
            p[i] += 1e-6
            above = forward_backward(name, weights, biases, x, y)[0]
            p[i] -= 2e-6
            below = forward_backward(name, weights, biases, x, y)[0]
            p[i] += 1e-6
            worst = max(worst, abs((above - below) / 2e-6 - g[i]))
print(worst)`;
		expect(Number(python(programText(check)))).toBeLessThan(1e-6);
	});

	it('names the download after the concept and seed', () => {
		expect(programFileName('bias-variance', 42)).toBe('bias_variance_42.py');
	});

	// The browser test (code.spec.ts) runs each against the widget's export.
	it('exists for every concept', () => {
		const folders = readdirSync(CONCEPTS_FOLDER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
		expect(folders.length).toBeGreaterThan(0);
		expect(folders.filter((slug) => !existsSync(new URL(`${slug}/code.py`, CONCEPTS_FOLDER)))).toEqual([]);
	});
});
