/**
 * What a bias–variance run starts from: the true function (built in, or typed and read with
 * the formula parser once it has loaded) and the experiment drawn around it, or why there is
 * none yet (the parser is loading) or none at all (it failed to load, or the formula has no
 * value to fit). Pure: the parser and the experiment come in as arguments.
 */
import type { ExpressionResult } from '$lib/engine/expression';
import { schema, type BiasVarianceParams } from './params';
import type { Experiment, ExperimentResult, Truth } from './sim';
import { builtInTruth, TRUTH_FORMULAS } from './truths';

/** The formula parser as the run sees it: loaded, loading (both null) or failed. */
export interface ParserState {
	value: { compileExpression(text: string, variables: readonly string[]): ExpressionResult } | null;
	error: string | null;
}

export type Setup =
	| { state: 'loading'; text: string; formula: string }
	| { state: 'error'; text: string; formula: string }
	| { state: 'ready'; formula: string; experiment: Experiment; notice: string | null };

/**
 * The run's start for `truth` and `expr`. `experimentFor` draws the experiment around a
 * truth (`formula` names it, for keeping it across runs); a truth undefined on all of
 * 0 ≤ x ≤ 1 gives `error`, with its message, not a run that waits for ever.
 *
 * @example
 * prepare({ truth: 'custom', expr: 'log(x-2)' }, parser, draw).state; // 'error': nothing to fit
 */
export function prepare(
	{ truth, expr }: Pick<BiasVarianceParams, 'truth' | 'expr'>,
	parser: ParserState,
	experimentFor: (truth: Truth, formula: string) => ExperimentResult
): Setup {
	let chosen: { truth: Truth; formula: string; notice: string | null };
	if (truth !== 'custom') {
		chosen = { truth: builtInTruth(truth), formula: TRUTH_FORMULAS[truth], notice: null };
	} else if (parser.error !== null) {
		return { state: 'error', text: `The formula parser could not be loaded: ${parser.error}. Reset to try again.`, formula: expr };
	} else if (!parser.value) {
		return { state: 'loading', text: 'Reading the formula…', formula: expr };
	} else {
		const compiled = parser.value.compileExpression(expr, ['x']);
		const used = compiled.ok ? compiled : parser.value.compileExpression(schema.expr.default, ['x']);
		if (!used.ok) return { state: 'error', text: used.error, formula: expr };
		const notice = compiled.ok ? null : `The formula "${expr}" is not used. ${compiled.error} Showing ${schema.expr.default} instead.`;
		chosen = { truth: used.expression.evaluate, formula: compiled.ok ? compiled.expression.text : schema.expr.default, notice };
	}
	const created = experimentFor(chosen.truth, chosen.formula);
	if (!created.ok) return { state: 'error', text: created.error, formula: chosen.formula };
	return { state: 'ready', formula: chosen.formula, experiment: created.experiment, notice: chosen.notice };
}
