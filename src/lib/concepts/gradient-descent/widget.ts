/** The gradient-descent widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import { formulas } from '$lib/widget/lazy.svelte';
import { BATCH_GROUP, SURFACE_DEFAULTS, type schema, type SurfaceName } from './params';
import { FORMULA_VARIABLES } from './surfaces';
import { GradientDescentRun } from './run.svelte';
import Plots from './Plots.svelte';
import RegressionPanel from './RegressionPanel.svelte';

export default {
	createRun: (input) => new GradientDescentRun(input),
	Plots,
	Panels: RegressionPanel,
	defaultSpeed: 30,
	needs: (values) => (values.surface === 'custom' ? [formulas] : []),
	controlsElsewhere: [BATCH_GROUP],
	// A new surface brings the start and learning rate that suit it.
	adjust(key, value) {
		if (key !== 'surface') return undefined;
		const { start, lr } = SURFACE_DEFAULTS[value as SurfaceName];
		return { x0: start[0], y0: start[1], lr };
	},
	// Before mathjs arrives nothing is refused; the run reports the formula once it can read it.
	validate(_run, key, text) {
		const result = key === 'expr' ? formulas.value?.compileExpression(text, FORMULA_VARIABLES) : undefined;
		return result && !result.ok ? result.error : null;
	},
	readoutColors: (run) => Object.fromEntries(run.optimizers.map(({ label, color }) => [label, color]))
} satisfies ConceptModule<typeof schema, GradientDescentRun>;
