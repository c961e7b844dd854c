import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { networkStep } from '$lib/widget/network/bench';
import { schema } from './params';
import { BINS, DATA_POINTS, networkSpec, UNIT_LAYER } from './sim';

export const stepBenchmark: StepBenchmark = {
	what: 'one training step with every layer’s histogram',
	defaultCase: `depth ${schema.depth.default} × width ${schema.width.default}, batch ${DATA_POINTS}`,
	maximumCase: `depth ${schema.depth.max} × width ${schema.width.max}`,
	prepare(which) {
		const values = defaultValues(schema);
		const sized = which === 'default' ? values : { ...values, depth: schema.depth.max, width: schema.width.max };
		return networkStep(networkSpec(sized, values), DATA_POINTS, { bins: BINS, unitLayer: UNIT_LAYER });
	}
};
