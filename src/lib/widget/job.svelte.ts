/**
 * One background computation at a time under one name (restarts, a sweep over k): each is
 * started with a key naming its inputs, starting a new one cancels the old, and the result
 * (with the key it belongs to), progress and any error are reactive.
 */
import { Cancelled, runInSlices, type Job } from '$lib/engine/slices';
import { errorMessage } from '$lib/engine/errors';

export class JobRunner<T> {
	/** The key of the job started last (running, done or failed). */
	key = $state<string | null>(null);
	result = $state.raw<T | null>(null);
	/** The key `result` was computed for. */
	resultKey = $state<string | null>(null);
	running = $state(false);
	error = $state<string | null>(null);
	#controller: AbortController | null = null;

	/** Starts `makeJob()` after `delayMs` (to let a slider settle); cancels any job under way. */
	start(key: string, makeJob: () => Job<T>, delayMs = 0) {
		this.cancel();
		const controller = new AbortController();
		this.#controller = controller;
		this.key = key;
		this.running = true;
		this.error = null;
		const wait = new Promise((resolve) => setTimeout(resolve, delayMs));
		wait
			.then(() => {
				if (controller.signal.aborted) throw new Cancelled();
				return runInSlices(makeJob(), controller.signal);
			})
			.then(
				(result) => {
					if (this.#controller !== controller) return;
					this.result = result;
					this.resultKey = key;
					this.running = false;
				},
				(error: unknown) => {
					if (error instanceof Cancelled || this.#controller !== controller) return;
					this.error = errorMessage(error);
					this.running = false;
				}
			);
	}

	cancel() {
		this.#controller?.abort();
		this.#controller = null;
		this.running = false;
	}
}
