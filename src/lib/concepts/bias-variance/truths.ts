/**
 * The true functions the training data is drawn around, all on 0 ≤ x ≤ 1 with values in
 * [−1, 1] and mean 0 over [0, 1]. Plain functions of one number: no tensors here.
 */

export type TruthName = 'sin' | 'cubic' | 'step' | 'custom';
/** The truths the widget brings; `custom` is a formula the reader types. */
export type BuiltInTruth = Exclude<TruthName, 'custom'>;

/** Each built-in truth as shown to the reader. */
export const TRUTH_FORMULAS: Record<BuiltInTruth, string> = {
	sin: 'sin(2πx)',
	cubic: '20(x − ½)³ − 3(x − ½)',
	step: '−½ for x < ½, +½ from ½ on'
};

const TRUTHS: Record<BuiltInTruth, (x: number) => number> = {
	sin: (x) => Math.sin(2 * Math.PI * x),
	// The Legendre polynomial P₃(2x − 1): from −1 at x = 0 up to +0.45 (x ≈ 0.28), down to
	// −0.45 (x ≈ 0.72) and up to +1 at x = 1. Being a cubic, it leaves polynomial fits of
	// degree 3 and more no bias at all.
	cubic: (x) => 20 * (x - 0.5) ** 3 - 3 * (x - 0.5),
	// A jump no polynomial can follow: bias never vanishes near x = ½.
	step: (x) => (x < 0.5 ? -0.5 : 0.5)
};

/**
 * The built-in truth `name` as a plain function.
 *
 * @example
 * builtInTruth('step')(0.5); // 0.5: the step belongs to the upper half from ½ on
 */
export function builtInTruth(name: BuiltInTruth): (x: number) => number {
	return TRUTHS[name];
}
