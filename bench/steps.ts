/**
 * One simulation step of every concept, at its default settings and at the most its
 * controls allow, timed the same way in Node and in Chromium. Each concept folder declares
 * its step in `bench.ts` (`stepBenchmark`, see StepBenchmark in widget/contract.ts), so a
 * new folder is benchmarked with no edit here; bench/run.js lists every concept in the
 * registry, and one without a `bench.ts` shows as missing and fails the run.
 */
import type { StepBenchmark } from '$lib/widget/contract';
import { timeIt, type Timing } from './timing';

const folders = import.meta.glob<StepBenchmark>('/src/lib/concepts/*/bench.ts', { eager: true, import: 'stepBenchmark' });

export const STEP_BENCHES: Record<string, StepBenchmark> = Object.fromEntries(
	Object.entries(folders).map(([path, bench]) => [path.split('/')[4], bench])
);

function timeCase(bench: StepBenchmark, which: 'default' | 'maximum'): Timing {
	const { step, budgetMs, done } = bench.prepare(which);
	try {
		return timeIt(step, budgetMs);
	} finally {
		done?.();
	}
}

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
		Object.entries(STEP_BENCHES).map(([slug, bench]) => [
			slug,
			{ what: bench.what, defaultCase: bench.defaultCase, maximumCase: bench.maximumCase, default: timeCase(bench, 'default'), maximum: timeCase(bench, 'maximum') }
		])
	);
}
