import { networkStepBenchmark } from '$lib/widget/network/bench';
import { schema } from './params';
import { DATA_POINTS, DETAIL, networkSpec } from './sim';
import { defaultValues } from '$lib/widget/schema';

export const stepBenchmark = networkStepBenchmark({
	what: 'one training step of the batch-norm network, with its histograms and the whole set in both modes',
	schema,
	spec: (values) => networkSpec(values, { bn: true }),
	dataPoints: DATA_POINTS,
	batch: defaultValues(schema).batch,
	detail: DETAIL,
	evaluateModes: true
});
