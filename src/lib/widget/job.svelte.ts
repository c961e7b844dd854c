/**
 * One background computation at a time under one name (restarts, a sweep over k): each is
 * started with a key naming its inputs, starting a new one cancels the old (or, asked to
 * finish first, waits for it), and the result (with the key it belongs to), progress and
 * any error are reactive.
 */
import { Cancelled, runInSlices, type Job } from '$lib/common/slices';
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
	/** The job to start once the one under way finishes (`finishFirst`). */
	#next: { key: string; makeJob: () => Job<T> } | null = null;

	/**
	 * Starts `makeJob()` after `delayMs` (to let a slider settle). A job under way is
	 * cancelled, or with `finishFirst` left to finish (its result shows meanwhile) and this one
	 * started after it: a slider dragged on and on then updates as often as the work allows.
	 */
	start(key: string, makeJob: () => Job<T>, delayMs = 0, finishFirst = false) {
		if (finishFirst && this.#controller) {
			this.#next = { key, makeJob };
			this.key = key;
			this.error = null;
			return;
		}
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
			// The result is handed over one task after the job's last slice: what it changes on
			// the page (plots, tables) is then drawn in a task of its own, not added to that slice.
			.then((result) => new Promise<T>((resolve) => setTimeout(() => resolve(result), 0)))
			.then(
				(result) => {
					if (this.#controller !== controller) return;
					this.result = result;
					this.resultKey = key;
					this.#finished();
				},
				(error: unknown) => {
					if (error instanceof Cancelled || this.#controller !== controller) return;
					if (!this.#next) this.error = errorMessage(error);
					this.#finished();
				}
			);
	}

	#finished() {
		this.#controller = null;
		this.running = false;
		const next = this.#next;
		this.#next = null;
		// (Asked back to the inputs just finished: nothing more to do.)
		if (next && !(next.key === this.resultKey && !this.error)) this.start(next.key, next.makeJob);
	}

	cancel() {
		this.#controller?.abort();
		this.#controller = null;
		this.#next = null;
		this.running = false;
	}
}
