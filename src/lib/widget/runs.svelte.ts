/**
 * The shell's side of the concept contract (contract.ts), without the page: makes a
 * concept's runs by the one rule (a change makes a new run, handed the old one; Reset makes
 * one from nothing), and lends them background jobs, values kept across runs, and objects
 * kept for the widget's life. `Widget.svelte` drives it from the widget's state; the
 * contract tests drive it directly.
 */
import { errorMessage } from '$lib/engine/errors';
import { JobRunner } from './job.svelte';
import type { ConceptMeta, ConceptModule, JobHandle, JobRequest, Run, RunInput, RunServices, WidgetStatus } from './contract';
import type { Schema, Values } from './schema';

/** The file "Export data" writes: `<slug>-<seed>.json`. */
export function exportPayload(meta: Pick<ConceptMeta, 'slug' | 'exportVersion'>, values: Record<string, unknown>, seed: number, run: Run | null) {
	const { state, history } = run?.exportData() ?? { state: null, history: [] };
	return { concept: meta.slug, version: meta.exportVersion, params: values, seed, state, history };
}

/** What `data-status` says: a failure anywhere is `error`; a run that plays and can go on is `running`. */
export function widgetStatusOf(run: Run | null, { failed, playing }: { failed: boolean; playing: boolean }): WidgetStatus {
	if (failed || run?.status === 'error') return 'error';
	if (run?.status === 'converged' || run?.status === 'diverged') return run.status;
	return playing && run?.status === 'ready' ? 'running' : 'idle';
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

export class Services implements RunServices {
	#jobs = new Map<string, JobRunner<unknown>>();
	#memos = new Map<string, { key: string; value: unknown }>();
	#kept = new Map<string, { value: unknown; dispose?: (value: never) => void }>();

	job<T>(name: string, { key, make, delayMs = 0, start = 'now', finishFirst = false }: JobRequest<T>): JobHandle<T> {
		let runner = this.#jobs.get(name) as JobRunner<T> | undefined;
		if (!runner) this.#jobs.set(name, (runner = new JobRunner<T>()));
		const job = runner;
		const begin = () => {
			if (job.key === key && (job.running || job.resultKey === key)) return;
			job.start(key, make, delayMs, finishFirst);
		};
		// Inputs changed: what runs (or ran) for the old ones is of no more use (unless it is to finish first).
		if (job.key !== key && !finishFirst) job.cancel();
		if (start === 'now') begin();
		return {
			get result() {
				return job.resultKey === key ? job.result : null;
			},
			get latest() {
				return job.result;
			},
			get running() {
				return job.running && job.key === key;
			},
			get error() {
				return job.key === key ? job.error : null;
			},
			start: begin
		};
	}

	memo<T>(name: string, key: string, compute: () => T): T {
		const kept = this.#memos.get(name);
		if (kept?.key === key) return kept.value as T;
		const value = compute();
		this.#memos.set(name, { key, value });
		return value;
	}

	keep<T>(name: string, create: () => T, dispose?: (value: T) => void): T {
		if (!this.#kept.has(name)) this.#kept.set(name, { value: create(), dispose: dispose as (value: never) => void });
		return this.#kept.get(name)!.value as T;
	}

	/** Resolves once no job is running (tests). */
	async settled(): Promise<void> {
		while ([...this.#jobs.values()].some((job) => job.running)) await pause();
	}

	dispose() {
		for (const job of this.#jobs.values()) job.cancel();
		for (const { value, dispose } of this.#kept.values()) dispose?.(value as never);
		this.#jobs.clear();
		this.#memos.clear();
		this.#kept.clear();
	}
}

export class RunHost<S extends Schema, R extends Run> {
	run = $state.raw<R | null>(null);
	/** Why the last run could not be made (it threw), or null. */
	error = $state<string | null>(null);
	readonly services = new Services();
	#module: ConceptModule<S, R>;
	#set: (values: Partial<Values<S>>) => void;

	constructor(module: ConceptModule<S, R>, set: (values: Partial<Values<S>>) => void) {
		this.#module = module;
		this.#set = set;
	}

	/** Makes the run for `values` and `seed`: handed the current one after a change, else from nothing. */
	update(values: Values<S>, seed: number, cause: RunInput<S, R>['cause']) {
		const previous = cause === 'change' ? this.run : null;
		let next: R | null = null;
		try {
			next = this.#module.createRun({ values, seed, cause, previous, set: this.#set, services: this.services });
			this.error = null;
		} catch (error) {
			this.error = errorMessage(error);
		}
		if (this.run && this.run !== next) this.run.dispose?.();
		this.run = next;
	}

	/** Resolves once the run has no step under way and the jobs it asked for are done (tests). */
	async settled(): Promise<void> {
		await this.run?.settled?.();
		await this.services.settled();
	}

	dispose() {
		this.run?.dispose?.();
		this.run = null;
		this.services.dispose();
	}
}
