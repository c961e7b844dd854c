import { networkStepBenchmark } from '$lib/widget/network/bench';
import { choicesOf } from './network';
import { schema } from './params';
import { DATA_POINTS, DETAIL, networkSpec } from './sim';

export const stepBenchmark = networkStepBenchmark({
	what: 'one training step with the dead units of every layer',
	schema,
	spec: (values) => networkSpec(values, choicesOf(values)[0]),
	dataPoints: DATA_POINTS,
	batch: DATA_POINTS,
	detail: DETAIL
});
