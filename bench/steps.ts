/**
 * One simulation step of every concept, at its default settings and at the most its
 * controls allow (read from the concept's schema), timed the same way in Node and in
 * Chromium. Where Play only reveals results computed when a setting changes (gradient
 * descent, bias–variance, correlation), the step is that computation.
 *
 * bench/run.js lists every concept in the registry; one without an entry here shows as
 * missing in the table, and the run fails.
 */
import { defaultValues } from '$lib/widget/schema';
import { assignStep, buildPoints, createState, startRng, updateStep, releasePointTensors } from '$lib/concepts/kmeans/sim';
import { schema as kmeansSchema } from '$lib/concepts/kmeans/params';
import { schema as gdSchema } from '$lib/concepts/gradient-descent/params';
import { DEFAULT_HYPERPARAMETERS, OPTIMIZERS, type OptimizerName } from '$lib/concepts/gradient-descent/optimizers';
import { builtInSurface } from '$lib/concepts/gradient-descent/surfaces';
import { runOnSurface } from '$lib/concepts/gradient-descent/sim';
import { schema as bvSchema } from '$lib/concepts/bias-variance/params';
import { createExperiment, fitSetting } from '$lib/concepts/bias-variance/sim';
import { builtInTruth } from '$lib/concepts/bias-variance/truths';
import { schema as correlationSchema } from '$lib/concepts/correlation/params';
import { generatePoints } from '$lib/concepts/correlation/data';
import { correlate } from '$lib/concepts/correlation/sim';
import { schema as vgSchema } from '$lib/concepts/vanishing-gradients/params';
import * as vg from '$lib/concepts/vanishing-gradients/sim';
import { schema as wiSchema } from '$lib/concepts/weight-init/params';
import * as wi from '$lib/concepts/weight-init/sim';
import { makeClassificationSet } from '$lib/network/datasets';
import type { NetworkSpec } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import { timeIt, type Timing } from './timing';

export interface StepBench {
	/** What one step is, in a few words. */
	what: string;
	/** The settings of each case, for the table. */
	defaultCase: string;
	maximumCase: string;
	run(which: 'default' | 'maximum'): Timing;
}

function kmeansIteration(n: number, k: number): Timing {
	const points = buildPoints({ dataset: 'uniform', n, centers: 1, added: [] }, 1);
	const start = createState(points, { init: 'kmeans++', k, tol: 0 }, startRng(1, 0));
	const timing = timeIt(() => void updateStep(assignStep({ ...start, converged: null })));
	releasePointTensors();
	return timing;
}

function gradientDescentPaths(optimizers: readonly OptimizerName[], steps: number): Timing {
	const values = defaultValues(gdSchema);
	const surface = builtInSurface(values.surface as Exclude<typeof values.surface, 'custom'>, values.cond);
	const settings = {
		lr: values.lr,
		schedule: 'constant' as const,
		options: { totalSteps: steps, warmup: 1, period: 1 },
		steps,
		tol: 0,
		hp: DEFAULT_HYPERPARAMETERS,
		noise: 0,
		seed: 1
	};
	return timeIt(() => {
		for (const name of optimizers) runOnSurface(surface, name, [values.x0, values.y0], settings);
	});
}

function biasVarianceFits(n: number, sets: number): Timing {
	const { degree, noise } = defaultValues(bvSchema);
	let seed = 1;
	return timeIt(() => {
		// A new seed each time: a setting change draws new training sets (nothing is remembered).
		const result = createExperiment(builtInTruth('sin'), { n, sets, noise, seed: ++seed });
		if (!result.ok) throw new Error(result.error);
		void fitSetting(result.experiment, { model: 'poly', degree, lambda: 0 });
	});
}

function correlationMove(n: number): Timing {
	const { rho, transform, noise } = defaultValues(correlationSchema);
	const points = generatePoints({ rho, n, transform, noise }, 1);
	let moved = 0;
	return timeIt(() => {
		moved = (moved + 1) % 50;
		void correlate(points.map((p, i) => (i === 0 ? [p[0] + moved * 0.01, p[1]] : p)));
	});
}

/** The trainer's step, as the worker runs it (with the histograms when `bins` is given). */
function networkStep(spec: NetworkSpec, points: number, detail?: { bins: number; unitLayer: number }): Timing {
	const networks = new Networks();
	networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data: makeClassificationSet('spiral', points, 1), seed: 1 }], grid: new Float32Array(0), detail });
	try {
		return timeIt(() => void networks.handle({ type: 'step', generation: 1, boundary: false }), 3000);
	} finally {
		networks.dispose();
	}
}

const max = (parameter: { max?: number }) => parameter.max!;

/** A network widget's default values, with depth and width at their maximum for the maximum case. */
function networkValues<S extends typeof vgSchema | typeof wiSchema>(schema: S, which: 'default' | 'maximum') {
	const values = defaultValues(schema);
	return { values, sized: which === 'default' ? values : { ...values, depth: max(schema.depth), width: max(schema.width) } };
}

export const STEP_BENCHES: Record<string, StepBench> = {
	kmeans: {
		what: 'one Lloyd iteration (assign + update)',
		defaultCase: `n = ${kmeansSchema.n.default}, k = ${kmeansSchema.k.default}`,
		maximumCase: `n = ${max(kmeansSchema.n)}, k = ${max(kmeansSchema.k)}`,
		run: (which) => (which === 'default' ? kmeansIteration(kmeansSchema.n.default, kmeansSchema.k.default) : kmeansIteration(max(kmeansSchema.n), max(kmeansSchema.k)))
	},
	'gradient-descent': {
		what: "every chosen optimizer's whole path (on a setting change)",
		defaultCase: `${gdSchema.opt.default.length} optimizers × ${gdSchema.steps.default} steps`,
		maximumCase: `${OPTIMIZERS.length} optimizers × ${max(gdSchema.steps)} steps`,
		run: (which) =>
			which === 'default' ? gradientDescentPaths(gdSchema.opt.default as OptimizerName[], gdSchema.steps.default) : gradientDescentPaths(OPTIMIZERS, max(gdSchema.steps))
	},
	'bias-variance': {
		what: 'new training sets and their fits (on a setting change)',
		defaultCase: `${bvSchema.sets.default} sets × n = ${bvSchema.n.default}`,
		maximumCase: `${max(bvSchema.sets)} sets × n = ${max(bvSchema.n)}`,
		run: (which) => (which === 'default' ? biasVarianceFits(bvSchema.n.default, bvSchema.sets.default) : biasVarianceFits(max(bvSchema.n), max(bvSchema.sets)))
	},
	correlation: {
		what: 'r, ρ, τ-b, ranks and lines after one point moves',
		defaultCase: `n = ${correlationSchema.n.default}`,
		maximumCase: `n = ${max(correlationSchema.n)}`,
		run: (which) => correlationMove(which === 'default' ? correlationSchema.n.default : max(correlationSchema.n))
	},
	'vanishing-gradients': {
		what: 'one training step with per-layer norms',
		defaultCase: `depth ${vgSchema.depth.default} × width ${vgSchema.width.default}, batch ${vg.BATCH_SIZE}`,
		maximumCase: `depth ${max(vgSchema.depth)} × width ${max(vgSchema.width)}`,
		run: (which) => {
			const { values, sized } = networkValues(vgSchema, which);
			return networkStep(vg.networkSpec(sized, values), vg.DATA_POINTS);
		}
	},
	'weight-init': {
		what: 'one training step with every layer’s histogram',
		defaultCase: `depth ${wiSchema.depth.default} × width ${wiSchema.width.default}, batch ${wi.DATA_POINTS}`,
		maximumCase: `depth ${max(wiSchema.depth)} × width ${max(wiSchema.width)}`,
		run: (which) => {
			const { values, sized } = networkValues(wiSchema, which);
			return networkStep(wi.networkSpec(sized, values), wi.DATA_POINTS, { bins: wi.BINS, unitLayer: wi.UNIT_LAYER });
		}
	}
};

export interface StepTimings {
	what: string;
	defaultCase: string;
	maximumCase: string;
	default: Timing;
	maximum: Timing;
}

/** Both cases of every concept that has a step benchmark, with what they are. */
export function benchSteps(): Record<string, StepTimings> {
	return Object.fromEntries(
		Object.entries(STEP_BENCHES).map(([slug, { what, defaultCase, maximumCase, run }]) => [slug, { what, defaultCase, maximumCase, default: run('default'), maximum: run('maximum') }])
	);
}
