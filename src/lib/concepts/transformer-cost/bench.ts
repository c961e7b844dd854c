import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { schema } from './params';
import { layerOnRandomInputs, MEASURE_LENGTHS, MEASURE_MAX_D, memoryAt, nextLength, opsAt } from './sim';

const LONGEST = MEASURE_LENGTHS[MEASURE_LENGTHS.length - 1];

/**
 * A Step moves the marker and recounts, which is cheap. What costs is the timing a reader
 * asks for: its largest piece, one attention layer at the longest length, is the maximum case.
 */
export const stepBenchmark: StepBenchmark = {
	what: 'the marker moved a quarter octave with every count redone; at the maximum, one timed attention layer (TF.js)',
	defaultCase: `T = ${schema.t.default}, d = ${schema.d.default}`,
	maximumCase: `one attention layer, T = ${LONGEST}, d = ${MEASURE_MAX_D}`,
	prepare: (which) => {
		if (which === 'default') {
			let t = schema.t.default;
			return {
				step: () => {
					t = t >= schema.t.max ? schema.t.default : nextLength(t, schema.t.max);
					void opsAt(t, schema.d.default, schema.window.default);
					void memoryAt(t, schema.d.default, schema.window.default);
				}
			};
		}
		const layer = layerOnRandomInputs(LONGEST, MEASURE_MAX_D, createRng(1));
		return { step: layer.run, done: layer.dispose };
	}
};
