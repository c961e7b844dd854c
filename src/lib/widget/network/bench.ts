/** The trainer's step as the worker runs it, for a network concept's step benchmark (its `bench.ts`). */
import { makeClassificationSet } from '$lib/network/datasets';
import type { NetworkSpec } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import type { DetailRequest } from '$lib/network/protocol';
import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues, type NumberSpec, type Schema, type Values } from '$lib/widget/schema';

function networkStep(spec: NetworkSpec, points: number, detail?: DetailRequest, evaluateModes?: boolean) {
	const networks = new Networks();
	const setups = [{ spec, data: makeClassificationSet('spiral', points, 1), seed: 1 }];
	networks.handle({ type: 'reset', generation: 1, setups, grid: new Float32Array(0), detail, ...(evaluateModes ? { evaluateModes } : {}) });
	return { step: () => void networks.handle({ type: 'step', generation: 1, boundary: false }), budgetMs: 3000, done: () => networks.dispose() };
}

/** One training step of network A at the default values, and at the largest depth × width the controls allow. */
export function networkStepBenchmark<S extends Schema & { depth: NumberSpec; width: NumberSpec }>(options: {
	what: string;
	schema: S;
	/** Network A's settings from the values. */
	spec: (values: Values<S>) => NetworkSpec;
	dataPoints: number;
	batch: number;
	detail?: DetailRequest;
	/** Each step also evaluates the whole set in batch norm's two modes (NetworkConcept.evaluateModes). */
	evaluateModes?: boolean;
}): StepBenchmark {
	const { schema } = options;
	return {
		what: options.what,
		defaultCase: `depth ${schema.depth.default} × width ${schema.width.default}, batch ${options.batch}`,
		maximumCase: `depth ${schema.depth.max} × width ${schema.width.max}`,
		prepare(which) {
			const values = defaultValues(schema);
			const sized = which === 'default' ? values : { ...values, depth: schema.depth.max, width: schema.width.max };
			return networkStep(options.spec(sized), options.dataPoints, options.detail, options.evaluateModes);
		}
	};
}
