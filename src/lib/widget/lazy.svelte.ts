/**
 * Code a run loads only when it needs it (mathjs for a typed formula), as reactive state:
 * the module once it arrives, or why it did not (a chunk gone after a new deploy, a lost
 * connection). Asking again after a failure tries again, so a new run (Reset) retries.
 */
import { errorMessage } from '$lib/engine/errors';

export class Lazy<T> {
	value = $state.raw<T | null>(null);
	error = $state<string | null>(null);
	#loading = false;
	#load: () => Promise<T>;

	constructor(load: () => Promise<T>) {
		this.#load = load;
	}

	/** Starts loading unless it is loaded or loading. */
	request(): void {
		if (this.value || this.#loading) return;
		this.#loading = true;
		this.error = null;
		this.#load().then(
			(value) => {
				this.value = value;
				this.#loading = false;
			},
			(error: unknown) => {
				this.error = errorMessage(error);
				this.#loading = false;
			}
		);
	}
}

/** The formula parser (mathjs, ~90 kB), shared by every widget on the page. */
export const formulas = new Lazy(() => import('$lib/engine/expression'));
