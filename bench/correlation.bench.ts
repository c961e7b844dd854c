/**
 * Correlation timings: the bootstrap the issue budgets (n = 1000, 1 000 resamples, run in the
 * background in slices), its longest slice between yields, and what one step of a point
 * drag recomputes at n = 200 (all three coefficients, ranks, lines, pulls and influence;
 * the bootstrap waits until the drag settles).
 */
import { runNow } from '$lib/common/slices';
import { generatePoints } from '$lib/concepts/correlation/data';
import { bootstrapJob, correlate } from '$lib/concepts/correlation/sim';
import { longestSlice, timeIt, timeOnce, type Timing } from './timing';

export interface CorrelationTimings {
	bootstrap1000: Timing;
	/** Warm: after the bootstrap above, so wasm memory has already grown. */
	bootstrapLongestSlice: Timing;
	drag200: Timing;
	correlate1000: Timing;
}

function points(n: number) {
	return generatePoints({ rho: 0.6, n, transform: 'cube', noise: 0.2 }, 1);
}

export function benchCorrelation(): CorrelationTimings {
	const big = points(1000);
	const small = points(200);
	let moved = 0;
	return {
		// About 1 s on wasm and 25 s on cpu: one warm-up, then one timed run.
		bootstrap1000: (runNow(bootstrapJob(big, 1000, 2)), timeOnce(() => void runNow(bootstrapJob(big, 1000, 1)))),
		bootstrapLongestSlice: longestSlice((run) => bootstrapJob(big, 1000, run + 3), 1),
		drag200: timeIt(() => {
			// One pointer move: point 0 goes somewhere new, everything is recomputed.
			moved = (moved + 1) % 50;
			void correlate(small.map((p, i) => (i === 0 ? [p[0] + moved * 0.01, p[1]] : p)));
		}),
		correlate1000: timeIt(() => void correlate(big))
	};
}
