/**
 * Long computations (restarts, silhouettes) are written as generators that `yield`
 * between small pieces of work. In the page they run in slices of a few milliseconds so
 * that no task blocks a frame; in tests they run straight through.
 */

export type Job<T> = Generator<void, T, void>;

/** Runs a job to the end at once (tests, Node). */
export function runNow<T>(job: Job<T>): T {
	for (;;) {
		const next = job.next();
		if (next.done) return next.value;
	}
}

export class Cancelled extends Error {
	constructor() {
		super('cancelled');
	}
}

/** Waits for idle time (after the frame's own work), or a macrotask where there is no such API. */
function nextSlice(): Promise<number> {
	if (typeof requestIdleCallback === 'function') {
		return new Promise((resolve) => requestIdleCallback((deadline) => resolve(deadline.timeRemaining()), { timeout: 200 }));
	}
	return new Promise((resolve) => setTimeout(() => resolve(8), 0));
}

/**
 * Runs a job in slices of idle time, at most `maxSliceMs` each, so that background work
 * never delays a frame. When `signal` aborts, the job is closed (its `finally` blocks run,
 * freeing tensors) and the promise rejects with `Cancelled`.
 */
export async function runInSlices<T>(job: Job<T>, signal?: AbortSignal, maxSliceMs = 10): Promise<T> {
	try {
		for (;;) {
			const budget = Math.min(maxSliceMs, Math.max(2, await nextSlice()));
			const sliceEnd = performance.now() + budget;
			do {
				if (signal?.aborted) throw new Cancelled();
				const next = job.next();
				if (next.done) return next.value;
			} while (performance.now() < sliceEnd);
		}
	} finally {
		job.return(undefined as never);
	}
}
