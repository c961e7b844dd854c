import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '$lib/engine/tfjs';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { createRng } from '$lib/engine/rng';
import {
	compileExpression,
	EXPRESSION_FUNCTIONS,
	MAX_EXPRESSION_LENGTH,
	type CompiledExpression
} from '$lib/engine/expression';
import { expectClose } from './helpers/close';

const XY = ['x', 'y'];
const FUNCTIONS = 'sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan';
const HINT = `Use numbers, x, y, pi, e, + − * / ^ ( ) and ${FUNCTIONS}.`;

function compiled(text: string, variables: readonly string[] = XY): CompiledExpression {
	const result = compileExpression(text, variables);
	if (!result.ok) throw new Error(`${JSON.stringify(text)} was refused: ${result.error}`);
	return result.expression;
}

function refusal(text: string, variables: readonly string[] = XY): string {
	const result = compileExpression(text, variables);
	if (result.ok) throw new Error(`${JSON.stringify(text)} was accepted as ${result.expression.text}`);
	return result.error;
}

/** NaN and ±Infinity must match exactly; finite values to float32 precision. */
function expectSameValue(actual: number, expected: number) {
	if (Number.isFinite(expected)) expectClose(actual, expected, { abs: 1e-4, rel: 1e-4 });
	else expect(actual).toBe(expected);
}

// The surfaces the gradient-descent widget offers, and formulas a reader might type.
const SURFACES: [string, (x: number, y: number) => number][] = [
	['x^2 + 10*y^2', (x, y) => x ** 2 + 10 * y ** 2],
	['sin(x)*cos(y) + 0.1*(x^2+y^2)', (x, y) => Math.sin(x) * Math.cos(y) + 0.1 * (x ** 2 + y ** 2)],
	['(1-x)^2 + 100*(y-x^2)^2', (x, y) => (1 - x) ** 2 + 100 * (y - x ** 2) ** 2],
	['(x^2+y-11)^2+(x+y^2-7)^2', (x, y) => (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2],
	['exp(-x^2-y^2)', (x, y) => Math.exp(-(x ** 2) - y ** 2)],
	['log(1+x^2+y^2)', (x, y) => Math.log(1 + x ** 2 + y ** 2)],
	['sqrt(1+x^2)', (x) => Math.sqrt(1 + x ** 2)],
	['abs(x)+y', (x, y) => Math.abs(x) + y],
	['tanh(x*y)', (x, y) => Math.tanh(x * y)],
	['atan(x)-y^3', (x, y) => Math.atan(x) - y ** 3],
	['2x + 3y', (x, y) => 2 * x + 3 * y],
	['pi*x + e*y', (x, y) => Math.PI * x + Math.E * y],
	['tan(x/3) + sinh(y) - cosh(x/2)', (x, y) => Math.tan(x / 3) + Math.sinh(y) - Math.cosh(x / 2)],
	['x^y + 2^x', (x, y) => x ** y + 2 ** x]
];

describe('compileExpression()', () => {
	it.each(SURFACES)('evaluate() of %s matches the same formula in JavaScript', (text, reference) => {
		const f = compiled(text);
		const rng = createRng(1);
		for (let i = 0; i < 20; i++) {
			const [x, y] = [rng.uniform(0.1, 2), rng.uniform(-2, 2)];
			expectClose(f.evaluate(x, y), reference(x, y), { abs: 1e-12, rel: 1e-12 });
		}
	});

	it.each(SURFACES)('gradient of %s matches central finite differences at random points', (text) => {
		const f = compiled(text);
		const rng = createRng(2);
		const h = 1e-5;
		for (let i = 0; i < 20; i++) {
			// x > 0 keeps x^y real; abs(x) is smooth there too.
			const [x, y] = [rng.uniform(0.1, 2), rng.uniform(-2, 2)];
			const dx = (f.evaluate(x + h, y) - f.evaluate(x - h, y)) / (2 * h);
			const dy = (f.evaluate(x, y + h) - f.evaluate(x, y - h)) / (2 * h);
			expectClose(f.gradient[0].evaluate(x, y), dx, { abs: 1e-6, rel: 1e-6 });
			expectClose(f.gradient[1].evaluate(x, y), dy, { abs: 1e-6, rel: 1e-6 });
		}
	});

	it('gives one partial derivative per variable, in order, with a readable text', () => {
		const f = compiled('x^2 + 10*y^2');
		expect(f.gradient.map((g) => [g.variable, g.text])).toEqual([
			['x', '2 * x'],
			['y', '20 * y']
		]);
		expect(compiled('(1-x)^2 + 100*(y-x^2)^2').gradient.map((g) => g.text)).toEqual([
			'-2 * (1 - x) - 400 * x * (y - x ^ 2)',
			'200 * (y - x ^ 2)'
		]);
		expect(compiled('tanh(x*y)').gradient[0].text).toBe('y * sech(x * y) ^ 2');
		expect(compiled('x + 1').gradient[1].text).toBe('0');
	});

	it('gradient text, read back as a formula, has the values of gradient evaluate() (property)', () => {
		const { wellFormed } = fc.letrec<{ wellFormed: string }>((tie) => ({
			wellFormed: fc.oneof(
				{ depthSize: 'small' },
				// No literal 0: the text may print −0 as 0, which only 1/0 versus 1/−0 can tell apart.
				fc.constantFrom('x', 'y', 'pi', '2', '0.5', '3', '1'),
				fc
					.tuple(tie('wellFormed'), fc.constantFrom('+', '-', '*', '/', '^', ' '), tie('wellFormed'))
					.map((parts) => parts.join('')),
				fc.tuple(fc.constantFrom('sin', 'exp', 'log', 'sqrt', 'atan'), tie('wellFormed')).map(([f, a]) => `${f}(${a})`),
				tie('wellFormed').map((a) => `-(${a})`)
			)
		}));
		const milli = (min: number, max: number) => fc.integer({ min, max }).map((v) => v / 1000);
		let checked = 0;
		fc.assert(
			fc.property(wellFormed, milli(100, 2000), milli(-2000, 2000), (text, x, y) => {
				const result = compileExpression(text, XY);
				if (!result.ok) return;
				for (const partial of result.expression.gradient) {
					const readBack = compileExpression(partial.text, XY);
					const expected = partial.evaluate(x, y);
					if (!readBack.ok || !Number.isFinite(expected) || Math.abs(expected) > 1e6) continue;
					expectClose(readBack.expression.evaluate(x, y), expected, { abs: 1e-6, rel: 1e-6 });
					checked++;
				}
			}),
			{ numRuns: 2000, seed: 3 }
		);
		expect(checked).toBeGreaterThan(1000);
	});

	it('works in one variable: sin(2*pi*x)', () => {
		const f = compiled('sin(2*pi*x)', ['x']);
		expect(f.variables).toEqual(['x']);
		expectClose(f.evaluate(0.25), 1);
		expect(f.gradient).toHaveLength(1);
		expectClose(f.gradient[0].evaluate(0), 2 * Math.PI);
		expect(refusal('sin(2*pi*y)', ['x'])).toBe(
			`"y" is not allowed (at character 10). Use numbers, x, pi, e, + − * / ^ ( ) and ${FUNCTIONS}.`
		);
	});

	it('prints the formula as mathjs reads it, implicit multiplication shown', () => {
		expect(compiled('2x + 3y').text).toBe('2 * x + 3 * y');
		expect(compiled('x^2y').text).toBe('x ^ 2 * y');
		expect(compiled(' (x − y)\n*(x + y) ').text).toBe('(x - y) * (x + y)');
		expect(compiled('(x − y)(x + y)').text).toBe('(x - y) * (x + y)');
	});

	it('reads ^ as mathjs does: right-associative, above unary minus, like Math.pow on reals', () => {
		expect(compiled('2^3^2').evaluate(0, 0)).toBe(512);
		expect(compiled('-2^2').evaluate(0, 0)).toBe(-4);
		expect(compiled('(-x)^3').evaluate(2, 0)).toBe(-8);
		expect(compiled('x^-2').evaluate(-2, 0)).toBe(0.25);
		// A fractional power of a negative number is not real: NaN, which callers treat as undefined.
		expect(compiled('x^0.5').evaluate(-1, 0)).toBeNaN();
		expect(compiled('log(x)').evaluate(-1, 0)).toBeNaN();
	});

	// [what, formula, the message the reader sees]
	const REFUSALS: [string, string, string][] = [
		['import()', 'import("fs")', `"import" is not allowed (at character 1). ${HINT}`],
		['evaluate()', 'evaluate("1+1")', `"evaluate" is not allowed (at character 1). ${HINT}`],
		['createUnit()', 'createUnit("foo")', `"createUnit" is not allowed (at character 1). ${HINT}`],
		['a function definition', 'f(x)=x^2', `"f" is not allowed (at character 1). ${HINT}`],
		['an assignment', 'x=1', `"=" is not allowed (at character 2). ${HINT}`],
		['a matrix', '[1,2]', `"[" is not allowed (at character 1). ${HINT}`],
		['a conditional', 'x ? 1 : 2', `"?" is not allowed (at character 3). ${HINT}`],
		['a comparison', 'x > 1', `">" is not allowed (at character 3). ${HINT}`],
		['a factorial', '3!', `"!" is not allowed (at character 2). ${HINT}`],
		['a unit', '5 cm', `"cm" is not allowed (at character 3). ${HINT}`],
		['a block of statements', 'x; y', `";" is not allowed (at character 2). ${HINT}`],
		['a string', '"text"', `A quote mark is not allowed (at character 1). ${HINT}`],
		['an unknown variable', 'z + 1', `"z" is not allowed (at character 1). ${HINT}`],
		['a named operator', 'x mod 2', `"mod" is not allowed (at character 3). ${HINT}`],
		['property access', 'x.y', '"." must be part of a number, like 0.5 (at character 2).'],
		['an element-wise operator', '2.*x', '"." must be part of a number, like 0.5 (at character 2).'],
		[
			'a function of two arguments',
			'sin(x, y)',
			'Each function takes exactly one argument, so "," is not allowed (at character 6).'
		],
		['a function without brackets', 'sin', '"sin" needs its argument in brackets, like sin(x) (at character 1).'],
		['sin x', 'sin x', '"sin" needs its argument in brackets, like sin(x) (at character 1).'],
		[
			'a variable called as a function',
			'x (y+1)',
			'"x" is not a function (at character 1): write x*(…) to multiply.'
		],
		['a hexadecimal prefix', '3 + 0x', '"0x" is not allowed (at character 5): write 0*x to multiply.'],
		[
			'an exponent without digits',
			'2e-x',
			'"2e" needs whole-number digits after it (at character 1); for 2 times e, write 2*e.'
		],
		['a number too large for a double', '1e400 * x', 'The number 1e400 is too large (at character 1).'],
		[
			'a 10 000-character string',
			'x+'.repeat(5000),
			`The formula is 10000 characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed.`
		],
		[
			'1 000 nested brackets',
			`${'('.repeat(1000)}x${')'.repeat(1000)}`,
			`The formula is 2001 characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed.`
		],
		[
			'21 nested brackets',
			`${'('.repeat(21)}x${')'.repeat(21)}`,
			'Brackets are nested more than 20 deep (at character 21).'
		],
		['an unclosed bracket', 'sin(x*(y+1)', '"(" is never closed (at character 4).'],
		['a stray closing bracket', 'x)', '")" has no matching "(" (at character 2).'],
		['the empty string', '', 'Type a formula, for example x^2 + y^2.'],
		['only spaces', ' \t ', 'Type a formula, for example x^2 + y^2.'],
		[
			'a formula that ends too early',
			'x + ',
			'The formula could not be read: unexpected end of expression (at character 5).'
		],
		[
			'two terms with only a space between them (a + from a web address)',
			'x^2 y^2',
			'Two terms are separated only by a space (at character 5): put an operator such as * or + between them. (In a web address, write + as %2B.)'
		],
		[
			'two numbers side by side',
			'1 2',
			'Two terms are separated only by a space (at character 3): put an operator such as * or + between them. (In a web address, write + as %2B.)'
		],
		[
			'a chain of more than 100 operations',
			`${'-'.repeat(150)}x`,
			'The formula is too long: it chains more than 100 operations.'
		],
		[
			'more than 200 numbers, names and operations',
			'(2x*2x*2x)'.repeat(20),
			'The formula is too long: at most 200 numbers, names and operations.'
		],
		[
			'a power tower too big to differentiate',
			'x^'.repeat(99) + 'x',
			'The formula is too complex to differentiate.'
		]
	];

	it.each(REFUSALS)('refuses %s, saying what is wrong and where', (_, text, error) => {
		expect(refusal(text)).toBe(error);
	});

	it('refuses variable names that are not plain names or that are taken', () => {
		expect(refusal('x', ['x', 'sin'])).toBe('"sin" cannot be a variable name.');
		expect(refusal('x', ['x-1'])).toBe('"x-1" cannot be a variable name.');
	});

	it('never throws, and whatever it accepts evaluates to a number at (0.3, -0.7) (property)', () => {
		const tokens = [
			...['x', 'y', 'z', 'pi', 'e', '2', '0.5', '1e3', '10', '.', ',', ' ', '(', ')', '(', ')'],
			...['+', '-', '*', '/', '^', '!', '=', '"', ';', '[', ']', ':', '?', "'", '\n', '−', 'x(', 'sin x'],
			...['sin(', 'cos(', 'tan(', 'exp(', 'log(', 'sqrt(', 'abs(', 'tanh(', 'sinh(', 'cosh(', 'atan(', 'import(']
		];
		// Well-formed formulas (mostly accepted), then random text (mostly refused).
		const { wellFormed } = fc.letrec<{ wellFormed: string }>((tie) => ({
			wellFormed: fc.oneof(
				{ depthSize: 'small' },
				fc.constantFrom('x', 'y', 'pi', 'e', '2', '0.5', '1e3'),
				fc
					.tuple(tie('wellFormed'), fc.constantFrom('+', '-', '*', '/', '^', ' '), tie('wellFormed'))
					.map((parts) => parts.join('')),
				fc.tuple(fc.constantFrom(...EXPRESSION_FUNCTIONS), tie('wellFormed')).map(([f, a]) => `${f}(${a})`),
				tie('wellFormed').map((a) => `(${a})`),
				tie('wellFormed').map((a) => `-${a}`)
			)
		}));
		const formulas = fc.oneof(
			wellFormed,
			fc.string({ unit: fc.constantFrom(...tokens), maxLength: 40 }),
			fc.string({ unit: 'binary', maxLength: 60 }),
			fc.string({ unit: fc.constantFrom(...'xy0123456789.+-*/^(), sincotaexplgqrbh'), maxLength: 60 })
		);
		let accepted = 0;
		fc.assert(
			fc.property(formulas, (text) => {
				const result = compileExpression(text, XY);
				if (!result.ok) return typeof result.error === 'string' && result.error.length > 0;
				accepted++;
				const { evaluate, gradient } = result.expression;
				return [evaluate, ...gradient.map((g) => g.evaluate)].every((f) => typeof f(0.3, -0.7) === 'number');
			}),
			{ numRuns: 4000, seed: 42 }
		);
		// The property must also have met formulas that compile, not only refusals.
		expect(accepted).toBeGreaterThan(500);
	});
});

const TENSOR_CASES = [
	...SURFACES.map(([text]) => text),
	...['x^2', 'x^3', '(-x)^2', '(-x)^3', '-x^2', 'x^-1', 'y^-2', 'x^0.5', '2^x', 'x^y', 'sqrt(x) + log(y)', 'abs(x)/x'],
	...['sin(2*pi*x)', '1/3*x + 2/3*y', 'tan(x)', 'sinh(x)*cosh(y)', '+x - -y']
];

/** x and y on a 17 × 17 grid over [−2, 2]², steps of 0.25 (exact in float32), both signs and 0. */
function checkTensorsAgreeWithEvaluate(text: string) {
	const f = compiled(text);
	const ticks = Array.from({ length: 17 }, (_, i) => -2 + i / 4);
	const xs = ticks.flatMap((x) => ticks.map(() => x));
	const ys = ticks.flatMap(() => ticks);
	const values = tf.tidy(() => f.toTensor({ x: tf.tensor1d(xs), y: tf.tensor1d(ys) }).dataSync());
	expect(values).toHaveLength(xs.length);
	xs.forEach((x, i) => expectSameValue(values[i], f.evaluate(x, ys[i])));
}

describe('toTensor()', () => {
	it.each(TENSOR_CASES)('agrees with evaluate() on a grid for %s (cpu)', (text) => {
		checkTensorsAgreeWithEvaluate(text);
	});

	it('fills the shape of its inputs when the formula has no variable in it', () => {
		const x = tf.tensor2d([
			[1, 2],
			[3, 4]
		]);
		const result = tf.tidy(() => compiled('2*pi').toTensor({ x, y: x }));
		expect(result.shape).toEqual([2, 2]);
		expect(Array.from(result.dataSync())).toEqual(Array(4).fill(Math.fround(2 * Math.PI)));
		tf.dispose([x, result]);
	});

	it('leaves no tensor behind inside tf.tidy', async () => {
		const f = compiled('(1-x)^2 + 100*(y-x^2)^2');
		const x = tf.tensor1d([0, 1, 2]);
		await assertNoTensorLeak(() => tf.tidy(() => void f.toTensor({ x, y: x })), 'toTensor');
		x.dispose();
	});
});

describe('toTensor() on the wasm backend', () => {
	beforeAll(async () => {
		await import('@tensorflow/tfjs-backend-wasm');
		await tf.setBackend('wasm');
		expect(tf.getBackend()).toBe('wasm');
	});

	afterAll(async () => {
		await tf.setBackend('cpu');
	});

	it.each(TENSOR_CASES)('agrees with evaluate() on a grid for %s (wasm)', (text) => {
		checkTensorsAgreeWithEvaluate(text);
	});
});
