/**
 * Formulas typed by a reader — from a URL, an element attribute or a text box, so hostile
 * input — turned into plain functions: `compileExpression('x^2 + 10*y^2', ['x', 'y'])`
 * gives the value, both partial derivatives, and the same formula as TF.js ops.
 *
 * mathjs only parses and differentiates here; it never evaluates. The text is checked
 * character by character before parsing (so that a message can say where the problem
 * is), the parsed tree against an allow-list after, and every evaluation runs through
 * closures built from that checked tree.
 */
import { create, derivativeDependencies, parseDependencies } from 'mathjs';
import type {
	ConstantNode,
	FunctionNode,
	MathNode,
	OperatorNode,
	OperatorNodeFn,
	OperatorNodeOp,
	ParenthesisNode,
	SymbolNode
} from 'mathjs';
import * as tf from '$lib/engine/tfjs';
import { EXPRESSION_FUNCTIONS as FUNCTIONS, MAX_EXPRESSION_LENGTH } from './expression-limits';
import { errorMessage } from './errors';

// `derivative` brings `parse` and `simplify` along; neither evaluates text.
const math = create({ parseDependencies, derivativeDependencies });

const FUNCTION_NAMES = FUNCTIONS;
export const EXPRESSION_FUNCTIONS: readonly string[] = FUNCTIONS;
export { MAX_EXPRESSION_LENGTH };
const MAX_NESTING = 20;
const MAX_NODES = 200;
const MAX_DEPTH = 100;
/** Derivatives grow quadratically with nesting (x^x^…^x); past this size they are refused. */
const MAX_DERIVATIVE_NODES = 2000;
const CONSTANTS = ['pi', 'e'];
const OPERATORS = ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'];

export interface CompiledExpression {
	/** The formula as mathjs prints it (normalised). */
	text: string;
	variables: readonly string[];
	/** Plain JavaScript evaluation, arguments in `variables` order. Fast: no mathjs at call time. */
	evaluate: (...values: number[]) => number;
	/** One partial derivative per variable, in `variables` order, from mathjs `derivative`. */
	gradient: { variable: string; text: string; evaluate: (...values: number[]) => number }[];
	/** The same formula as TF.js ops, elementwise over tensors of one shape (one per variable). Call inside tf.tidy. */
	toTensor: (values: Record<string, tf.Tensor>) => tf.Tensor;
}

export type ExpressionResult = { ok: true; expression: CompiledExpression } | { ok: false; error: string };

type Operator = OperatorNode<OperatorNodeOp, OperatorNodeFn>;
type Scalar = (values: readonly number[]) => number;
type TensorFn = (values: readonly tf.Tensor[]) => tf.Tensor;

// Maps, not object literals: a name like "constructor" must not find Object.prototype.
const SCALAR_FUNCTIONS = new Map<string, (v: number) => number>([
	...FUNCTION_NAMES.map((name) => [name, Math[name]] as const),
	// Only derivatives use these two: tan′ = sec², tanh′ = sech².
	['sec', (v) => 1 / Math.cos(v)],
	['sech', (v) => 1 / Math.cosh(v)]
]);
const TENSOR_FUNCTIONS = new Map<string, (t: tf.Tensor) => tf.Tensor>(FUNCTION_NAMES.map((name) => [name, tf[name]]));
const TENSOR_OPERATORS = new Map<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>(
	Object.entries({ add: tf.add, subtract: tf.sub, multiply: tf.mul, divide: tf.div, pow: tf.pow })
);

/**
 * Checks and compiles a formula in the given variables. Never throws: a formula that
 * cannot be used gives `{ ok: false, error }` with a message for the reader.
 *
 * @example
 * const result = compileExpression('(1-x)^2 + 100*(y-x^2)^2', ['x', 'y']);
 * if (result.ok) result.expression.gradient[0].evaluate(1, 1); // ∂f/∂x at (1, 1): 0
 */
export function compileExpression(text: string, variables: readonly string[]): ExpressionResult {
	try {
		return compile(text, variables);
	} catch (error) {
		return fail(`This formula cannot be used (${errorMessage(error)}).`);
	}
}

function compile(text: string, variables: readonly string[]): ExpressionResult {
	const badName = variables.find((v) => !/^[A-Za-z][A-Za-z0-9]*$/.test(v) || isReserved(v));
	if (badName !== undefined) return fail(`"${badName}" cannot be a variable name.`);
	// Same length, so positions still match what the reader typed. mathjs reads a newline
	// as the end of a statement, hence every kind of space becomes a plain one.
	const clean = text.replace(/\s/g, ' ').replace(/−/g, '-');
	const textProblem = checkText(clean, variables);
	if (textProblem) return fail(textProblem);
	let root: MathNode;
	try {
		root = math.parse(clean);
	} catch (error) {
		const message = errorMessage(error);
		const where = message.replace(/ \(char (\d+)\)$/, ' (at character $1)');
		return fail(`The formula could not be read: ${where.charAt(0).toLowerCase()}${where.slice(1)}.`);
	}
	const treeProblem = checkTree(root, variables);
	if (treeProblem) return fail(treeProblem);

	const gradient: CompiledExpression['gradient'] = [];
	for (const variable of variables) {
		const derivative = math.derivative(root, variable, { simplify: false });
		if (countNodes(derivative) > MAX_DERIVATIVE_NODES) return fail('The formula is too complex to differentiate.');
		const partial = toScalar(derivative, variables);
		const shown = tidy(derivative).toString({ implicit: 'show' });
		gradient.push({ variable, text: shown, evaluate: (...values) => partial(values) });
	}
	const value = toScalar(root, variables);
	const tensor = toTensorFn(root, variables);
	const expression: CompiledExpression = {
		text: root.toString({ implicit: 'show' }),
		variables: [...variables],
		evaluate: (...values) => value(values),
		gradient,
		toTensor(values) {
			const inputs = variables.map((name) => values[name]);
			if (inputs.some((input) => !input)) throw new Error(`toTensor() needs a tensor for each of ${variables}`);
			const result = tensor(inputs);
			// A formula without any variable in it still fills the inputs' shape.
			return inputs.length > 0 && result.size !== inputs[0].size ? tf.broadcastTo(result, inputs[0].shape) : result;
		}
	};
	return { ok: true, expression };
}

function fail(error: string): ExpressionResult {
	return { ok: false, error };
}

function isReserved(name: string): boolean {
	return EXPRESSION_FUNCTIONS.includes(name) || CONSTANTS.includes(name);
}

function allowedHint(variables: readonly string[]): string {
	const names = [...variables, ...CONSTANTS].join(', ');
	return `Use numbers, ${names}, + − * / ^ ( ) and ${EXPRESSION_FUNCTIONS.join(', ')}.`;
}

function shorten(text: string): string {
	return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

// As mathjs reads numbers, where "2.*x" is 2 .* x (element-wise), not 2. * x.
const NUMBER = /(?:\d+(?:\.(?![*/^])\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z][A-Za-z0-9]*/y;

function matchAt(pattern: RegExp, text: string, index: number): string | null {
	pattern.lastIndex = index;
	return pattern.exec(text)?.[0] ?? null;
}

/** Reads `text` as mathjs will, refusing what it must not see; the message says where (1-based). */
function checkText(text: string, variables: readonly string[]): string | null {
	if (text.trim() === '') return `Type a formula, for example ${variables.map((v) => `${v}^2`).join(' + ') || '1'}.`;
	if (text.length > MAX_EXPRESSION_LENGTH) {
		return `The formula is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed.`;
	}
	const open: number[] = [];
	// Where the last number, variable or ")" ended: mathjs would read "x y" as x·y, and a
	// "+" in a web address arrives as a space ("x^2+y^2" → "x^2 y^2"), so two terms with
	// only a space between them are refused rather than silently multiplied.
	let operandEnd = -1;
	let i = 0;
	while (i < text.length) {
		const at = `(at character ${i + 1})`;
		const number = matchAt(NUMBER, text, i);
		const name = matchAt(NAME, text, i);
		const spaced = operandEnd >= 0 && operandEnd < i && text.slice(operandEnd, i).trim() === '';
		const spacedTerms = `Two terms are separated only by a space ${at}: put an operator such as * or + between them. (In a web address, write + as %2B.)`;
		if (text[i] !== ' ') operandEnd = -1;
		if (number !== null) {
			const after = text.slice(i + number.length, i + number.length + 2);
			const c1 = after.charAt(0);
			// mathjs reads 0x…, 0b…, 0o… as hexadecimal, binary and octal numbers.
			if (number === '0' && /[box]/.test(c1)) return `"0${c1}" is not allowed ${at}: write 0*${c1} to multiply.`;
			if (/^[eE][-+.]/.test(after)) {
				return `"${number}${c1}" needs whole-number digits after it ${at}; for ${number} times e, write ${number}*e.`;
			}
			if (!Number.isFinite(Number(number))) return `The number ${shorten(number)} is too large ${at}.`;
			if (spaced) return spacedTerms;
			i += number.length;
			operandEnd = i;
		} else if (name !== null) {
			const called = text.slice(i + name.length).trimStart().startsWith('(');
			if (EXPRESSION_FUNCTIONS.includes(name)) {
				if (!called) return `"${name}" needs its argument in brackets, like ${name}(x) ${at}.`;
			} else if (variables.includes(name) || CONSTANTS.includes(name)) {
				if (called) return `"${name}" is not a function ${at}: write ${name}*(…) to multiply.`;
			} else {
				return `"${shorten(name)}" is not allowed ${at}. ${allowedHint(variables)}`;
			}
			if (spaced) return spacedTerms;
			i += name.length;
			if (!EXPRESSION_FUNCTIONS.includes(name)) operandEnd = i;
		} else {
			const char = String.fromCodePoint(text.codePointAt(i)!);
			if (char === '(') {
				if (spaced) return spacedTerms;
				open.push(i);
				if (open.length > MAX_NESTING) return `Brackets are nested more than ${MAX_NESTING} deep ${at}.`;
			} else if (char === ')') {
				if (open.pop() === undefined) return `")" has no matching "(" ${at}.`;
				operandEnd = i + 1;
			} else if (char === ',') {
				return `Each function takes exactly one argument, so "," is not allowed ${at}.`;
			} else if (char === '.') {
				return `"." must be part of a number, like 0.5 ${at}.`;
			} else if (!' +-*/^'.includes(char)) {
				const shown = char === '"' ? 'A quote mark' : JSON.stringify(char);
				return `${shown} is not allowed ${at}. ${allowedHint(variables)}`;
			}
			i += char.length;
		}
	}
	if (open.length > 0) return `"(" is never closed (at character ${open[0] + 1}).`;
	return null;
}

/** The allow-list on the parsed tree, and its size limits. */
function checkTree(root: MathNode, variables: readonly string[]): string | null {
	let count = 0;
	const visit = (node: MathNode, depth: number): string | null => {
		if (++count > MAX_NODES) return `The formula is too long: at most ${MAX_NODES} numbers, names and operations.`;
		if (depth > MAX_DEPTH) return `The formula is too long: it chains more than ${MAX_DEPTH} operations.`;
		if (!isAllowed(node, variables)) return `"${shorten(node.toString())}" is not allowed. ${allowedHint(variables)}`;
		for (const child of children(node)) {
			const problem = visit(child, depth + 1);
			if (problem) return problem;
		}
		return null;
	};
	return visit(root, 1);
}

function isAllowed(node: MathNode, variables: readonly string[]): boolean {
	switch (node.type) {
		case 'ConstantNode': {
			const value: unknown = (node as ConstantNode).value;
			return typeof value === 'number' && Number.isFinite(value);
		}
		case 'SymbolNode': {
			const name = (node as SymbolNode).name;
			return variables.includes(name) || CONSTANTS.includes(name);
		}
		case 'OperatorNode': {
			const { fn, args } = node as Operator;
			return OPERATORS.includes(fn) && args.length === (fn.startsWith('unary') ? 1 : 2);
		}
		case 'ParenthesisNode':
			return true;
		case 'FunctionNode': {
			const { fn, args } = node as FunctionNode;
			return fn.type === 'SymbolNode' && EXPRESSION_FUNCTIONS.includes(fn.name) && args.length === 1;
		}
	}
	return false;
}

/** Child expressions only: a FunctionNode's name is not one. */
function children(node: MathNode): MathNode[] {
	if (node.type === 'ParenthesisNode') return [(node as ParenthesisNode).content];
	if (node.type === 'OperatorNode' || node.type === 'FunctionNode') return (node as Operator | FunctionNode).args;
	return [];
}

function countNodes(root: MathNode): number {
	let count = 0;
	root.traverse(() => count++);
	return count;
}

/** Nested closures over an allow-listed tree (or its derivative): no mathjs at call time. */
function toScalar(node: MathNode, variables: readonly string[]): Scalar {
	switch (node.type) {
		case 'ConstantNode': {
			const value = (node as ConstantNode).value;
			return () => value;
		}
		case 'SymbolNode': {
			const name = (node as SymbolNode).name;
			const index = variables.indexOf(name);
			if (index >= 0) return (values) => values[index];
			if (name === 'pi') return () => Math.PI;
			if (name === 'e') return () => Math.E;
			break;
		}
		case 'ParenthesisNode':
			return toScalar((node as ParenthesisNode).content, variables);
		case 'FunctionNode': {
			const { fn, args } = node as FunctionNode;
			const f = SCALAR_FUNCTIONS.get(fn.name);
			if (!f || args.length !== 1) break;
			const arg = toScalar(args[0], variables);
			return (values) => f(arg(values));
		}
		case 'OperatorNode': {
			const { fn, args } = node as Operator;
			const [a, b] = args.map((arg) => toScalar(arg, variables));
			if (fn === 'unaryMinus') return (values) => -a(values);
			if (fn === 'unaryPlus') return a;
			if (fn === 'add') return (values) => a(values) + b(values);
			if (fn === 'subtract') return (values) => a(values) - b(values);
			if (fn === 'multiply') return (values) => a(values) * b(values);
			if (fn === 'divide') return (values) => a(values) / b(values);
			if (fn === 'pow') return (values) => a(values) ** b(values);
			break;
		}
	}
	throw new Error(`cannot compile "${shorten(node.toString())}"`);
}

/** The same tree as TF.js ops. Parts without variables are computed once, in float64. */
function toTensorFn(node: MathNode, variables: readonly string[]): TensorFn {
	const usesVariables = node.filter((n) => n.type === 'SymbolNode' && variables.includes((n as SymbolNode).name));
	if (usesVariables.length === 0) {
		const value = toScalar(node, variables)([]);
		return () => tf.scalar(value);
	}
	switch (node.type) {
		case 'SymbolNode': {
			const index = variables.indexOf((node as SymbolNode).name);
			return (values) => values[index];
		}
		case 'ParenthesisNode':
			return toTensorFn((node as ParenthesisNode).content, variables);
		case 'FunctionNode': {
			const { fn, args } = node as FunctionNode;
			const f = TENSOR_FUNCTIONS.get(fn.name)!;
			const arg = toTensorFn(args[0], variables);
			return (values) => f(arg(values));
		}
		case 'OperatorNode': {
			const { fn, args } = node as Operator;
			const [a, b] = args.map((arg) => toTensorFn(arg, variables));
			if (fn === 'unaryMinus') return (values) => tf.neg(a(values));
			if (fn === 'unaryPlus') return a;
			const op = TENSOR_OPERATORS.get(fn)!;
			return (values) => op(a(values), b(values));
		}
	}
	throw new Error(`cannot compile "${shorten(node.toString())}" to tensors`);
}

/**
 * A readable copy of a derivative, for display only: one bottom-up pass of safe rewrites
 * (constants in a product multiplied out, 0·a → 0, 1·a → a, a + 0 → a, a + −b → a − b, a^1 → a;
 * so the text may differ where a is infinite or a zero's sign matters).
 * mathjs `simplify`, and even `simplifyCore`, can take seconds on short input: not used.
 */
function tidy(node: MathNode): MathNode {
	if (node.type === 'ParenthesisNode') return tidy((node as ParenthesisNode).content);
	if (node.type !== 'OperatorNode' && node.type !== 'FunctionNode') return node;
	const copy = (node as Operator | FunctionNode).clone();
	copy.args = copy.args.map(tidy);
	if (copy.type === 'FunctionNode') return copy;
	const { fn, args } = copy as Operator;
	if (fn === 'multiply' || fn === 'unaryMinus') return product(args, fn === 'multiply' ? 1 : -1) ?? copy;
	if (fn === 'unaryPlus') return args[0];
	const [a, b] = args.map(constantValue);
	const folded = a === undefined || b === undefined ? undefined : fold(fn, a, b);
	if (folded !== undefined && Number.isFinite(folded) && String(folded).length <= 8) return constant(folded);
	if (fn === 'add' && a === 0) return args[1];
	if (fn === 'subtract' && a === 0) return product([args[1]], -1) ?? copy;
	if ((fn === 'add' || fn === 'subtract') && b === 0) return args[0];
	if ((fn === 'divide' || fn === 'pow') && b === 1) return args[0];
	if (fn === 'pow' && b === 0) return constant(1);
	const positive = fn === 'add' || fn === 'subtract' ? withoutMinus(args[1]) : undefined;
	if (positive) return operator(fn === 'add' ? 'subtract' : 'add', args[0], positive);
	return copy;
}

/** A product with its numeric factors and signs multiplied out, the number first; none if that overflows. */
function product(args: MathNode[], sign: number): MathNode | undefined {
	let scale = sign;
	const factors: MathNode[] = [];
	const collect = (node: MathNode) => {
		const value = constantValue(node);
		if (value !== undefined) scale *= value;
		else if (isOperator(node, 'multiply')) node.args.forEach(collect);
		else if (isOperator(node, 'unaryMinus')) {
			scale = -scale;
			collect(node.args[0]);
		} else factors.push(node);
	};
	args.forEach(collect);
	if (!Number.isFinite(scale)) return undefined;
	scale = Number(scale.toPrecision(12));
	if (scale === 0 || factors.length === 0) return constant(scale);
	const rest = factors.reduce((left, right) => operator('multiply', left, right));
	if (scale === 1) return rest;
	return scale === -1 ? new math.OperatorNode('-', 'unaryMinus', [rest]) : operator('multiply', constant(scale), rest);
}

/** `b` for −b or −c·b, so that a + (−b) can be printed as a − b. */
function withoutMinus(node: MathNode): MathNode | undefined {
	if (isOperator(node, 'unaryMinus')) return node.args[0];
	const lead = isOperator(node, 'multiply') ? constantValue(node.args[0]) : undefined;
	return lead !== undefined && lead < 0 ? operator('multiply', constant(-lead), (node as Operator).args[1]) : undefined;
}

function isOperator(node: MathNode, fn: OperatorNodeFn): node is Operator {
	return node.type === 'OperatorNode' && (node as Operator).fn === fn;
}

function operator(fn: 'add' | 'subtract' | 'multiply', a: MathNode, b: MathNode): MathNode {
	return new math.OperatorNode(fn === 'add' ? '+' : fn === 'subtract' ? '-' : '*', fn, [a, b]);
}

function fold(fn: string, a: number, b: number): number | undefined {
	if (fn === 'add') return a + b;
	if (fn === 'subtract') return a - b;
	if (fn === 'divide') return a / b;
	if (fn === 'pow') return a ** b;
	return undefined;
}

/** The number a node stands for when it is a literal or a negated literal. */
function constantValue(node: MathNode): number | undefined {
	if (node.type === 'ConstantNode') return (node as ConstantNode).value;
	const inner = isOperator(node, 'unaryMinus') ? node.args[0] : undefined;
	return inner?.type === 'ConstantNode' ? -(inner as ConstantNode).value : undefined;
}

/** Negative numbers as −(n), so that mathjs prints (−2)^x with its brackets. */
function constant(value: number): MathNode {
	const magnitude = new math.ConstantNode(Math.abs(value));
	return value < 0 ? new math.OperatorNode('-', 'unaryMinus', [magnitude]) : magnitude;
}
