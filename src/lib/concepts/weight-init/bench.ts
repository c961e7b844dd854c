import { networkStepBenchmark } from '$lib/widget/network/bench';
import { choicesOf } from './network';
import { schema } from './params';
import { BINS, DATA_POINTS, networkSpec, UNIT_LAYER } from './sim';

export const stepBenchmark = networkStepBenchmark({
	what: 'one training step with every layer’s histogram',
	schema,
	spec: (values) => networkSpec(values, choicesOf(values)[0]),
	dataPoints: DATA_POINTS,
	batch: DATA_POINTS,
	detail: { bins: BINS, unitLayer: UNIT_LAYER }
});
