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

/**
 * Runs a job in slices of about `sliceMs`, giving the event loop a turn between them.
 * When `signal` aborts, the job is closed (its `finally` blocks run, freeing tensors)
 * and the promise rejects with `Cancelled`.
 */
export async function runInSlices<T>(job: Job<T>, signal?: AbortSignal, sliceMs = 8): Promise<T> {
	try {
		for (;;) {
			const sliceEnd = performance.now() + sliceMs;
			while (performance.now() < sliceEnd) {
				if (signal?.aborted) throw new Cancelled();
				const next = job.next();
				if (next.done) return next.value;
			}
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
	} finally {
		job.return(undefined as never);
	}
}
