/**
 * Where a widget's simulation computes, as reactive state: the engine that started (TF.js
 * and its backend), or why none could. Nothing starts on the server (prerendering leaves
 * it idle).
 */
import type { EngineInfo } from '$lib/engine/backend';
import { errorMessage } from '$lib/engine/errors';

export class EngineStatus {
	info = $state.raw<EngineInfo | null>(null);
	error = $state<string | null>(null);
	#starter: (() => Promise<EngineInfo>) | undefined;
	#started = false;

	/** @param starter starts the engine when the first widget asks (see `start`) */
	constructor(starter?: () => Promise<EngineInfo>) {
		this.#starter = starter;
	}

	get ready(): boolean {
		return this.info !== null;
	}

	/** Starts the engine once (again, after it failed to start); safe to call from every widget. */
	start() {
		if (!this.#starter || (this.#started && this.error === null)) return;
		this.#started = true;
		this.follow(this.#starter());
	}

	/** Shows the engine `started` resolves to, or the reason it rejects with. */
	follow(started: Promise<EngineInfo>) {
		this.info = null;
		this.error = null;
		started.then(
			(info) => (this.info = info),
			(error: unknown) => (this.error = errorMessage(error))
		);
	}
}

/** TF.js on this page, shared by its widgets and loaded only when one starts it. */
export const engine = new EngineStatus(() => import('$lib/engine/page').then(({ startPageEngine }) => startPageEngine()));
