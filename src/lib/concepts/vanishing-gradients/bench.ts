import { networkStepBenchmark } from '$lib/widget/network/bench';
import { choicesOf } from './network';
import { schema } from './params';
import { BATCH_SIZE, DATA_POINTS, networkSpec } from './sim';

export const stepBenchmark = networkStepBenchmark({
	what: 'one training step with per-layer norms',
	schema,
	spec: (values) => networkSpec(values, choicesOf(values)[0]),
	dataPoints: DATA_POINTS,
	batch: BATCH_SIZE
});
