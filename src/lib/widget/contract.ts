/**
 * The concept contract: what a concept folder gives the shell, and what the shell gives it.
 * `src/lib/concepts/README.md` walks through a whole concept built on it.
 *
 * A concept is a folder `src/lib/concepts/<slug>/` whose files the registry finds by name:
 * `meta.ts` (export `meta`), `params.ts` (export `schema`) and `Preview.svelte` are light —
 * the gallery ships every preview, and reads every meta at build time —; `widget.ts` (default export: a
 * `ConceptModule`, the run and the views, with TF.js) and `About.svelte` load only when a
 * widget or its page is shown.
 *
 * A *run* is one simulation, created from the parameter values and the seed. The shell
 * (`Widget.svelte`) owns everything around it, the same for every concept: starting TF.js
 * and saying so, Play / Step / Reset and their keys, the speed, `data-status`, the live
 * region, the readouts, the notices, Export data and image, the embed code. Its one rule for
 * change: **any change of a value or the seed creates a new run**, handed the run it replaces
 * as `previous` so it can carry over what should survive (how far Play had got, an edit made
 * by hand); Reset, and a question's "show me", create one with `previous: null`.
 */
import type { Component } from 'svelte';
import type { Job } from '$lib/common/slices';
import type { EngineStatus } from '$lib/engine/status.svelte';
import type { Lazy } from './lazy.svelte';
import type { Notice, Schema, Values } from './schema';
import type { WidgetState } from './state.svelte';

/** Where a run is. `loading`: not ready to step yet (waiting for a worker, a formula's parser). */
export type RunStatus = 'loading' | 'ready' | 'converged' | 'diverged' | 'error';

/** What the widget's root says in `data-status` (the DESIGN's widget contract). */
export type WidgetStatus = 'idle' | 'running' | 'converged' | 'diverged' | 'error';

export const WIDGET_STATUSES: readonly WidgetStatus[] = ['idle', 'running', 'converged', 'diverged', 'error'];

export interface Readout {
	/** The `data-readout` name; tests and screen readers find the number by it. */
	name: string;
	label: string;
	value: number | null;
	/** Significant digits shown (integers are shown whole). */
	digits?: number;
	/** Readouts that share a group (one optimizer's) form a row of a table. */
	group?: string;
}

/** What "Export data" writes besides concept, version, params and seed. */
export interface Exported {
	state: unknown;
	history: unknown;
}

/**
 * One simulation as the shell sees it. Its properties are read reactively: a run that
 * changes over time keeps them in `$state` (or getters over it), so the shell redraws.
 */
export interface Run {
	readonly status: RunStatus;
	/** One short sentence: where the run is ("Iteration 3; next: assign"). */
	readonly statusText: string;
	readonly canStep: boolean;
	/** Advances one step; returns false when the run cannot go on. */
	step(): boolean;
	readonly readouts: readonly Readout[];
	/** Notices about input the run could not use (a formula), shown with the shell's own. */
	readonly notices?: readonly Notice[];
	exportData(): Exported;
	/** Resolves once no step is under way (runs that step in a worker); tests await it. */
	settled?(): Promise<void>;
	/** Frees what the run holds (tensors). Called when a newer run replaces it. */
	dispose?(): void;
}

/** Background work, run by the shell in slices of idle time so no frame waits for it. */
export interface JobHandle<T> {
	/** The result for this handle's key, or null while there is none. */
	readonly result: T | null;
	/** The last result the job finished, for these inputs or others: something to show while `result` is on its way. */
	readonly latest: T | null;
	readonly running: boolean;
	readonly error: string | null;
	/** Starts the work (jobs asked for with `start: 'on-demand'`); does nothing if it is running or done. */
	start(): void;
}

export interface JobRequest<T> {
	/** The job's inputs as one string: the same key keeps the result (or the job under way) across runs. */
	key: string;
	make: () => Job<T>;
	/** Wait this long before starting, so a dragged slider settles first. */
	delayMs?: number;
	/** `now` (default) or `on-demand`, when a button starts it. */
	start?: 'now' | 'on-demand';
	/**
	 * Let a job under way for other inputs finish before this one starts, rather than cancel
	 * it: a slider dragged on and on then shows new results as often as the work allows (with
	 * `latest`), not only once it stops.
	 */
	finishFirst?: boolean;
}

/** What the shell lends a run: work it runs for it, and things that outlive any one run. */
export interface RunServices {
	/** Background work under `name`; a newer key cancels the older job. */
	job<T>(name: string, request: JobRequest<T>): JobHandle<T>;
	/** A value kept across runs until `key` changes: costly pieces a value change leaves alone. */
	memo<T>(name: string, key: string, compute: () => T): T;
	/** One object for the widget's whole life (a training worker); `dispose` runs when the widget goes. */
	keep<T>(name: string, create: () => T, dispose?: (value: T) => void): T;
}

export interface RunInput<S extends Schema, R> {
	values: Values<S>;
	seed: number;
	/**
	 * Why this run is made: the widget's first, or a question's case set up (`start`); a change
	 * of value or seed (`change`: `previous` is the run it replaces); the reader's Reset (`reset`).
	 */
	cause: 'start' | 'change' | 'reset';
	/** The run this one replaces after a change of value or seed; null on Reset and at the start. */
	previous: R | null;
	/** Changes values from inside the run (an edit made on a plot); the shell then makes the next run. */
	set(values: Partial<Values<S>>): void;
	services: RunServices;
}

/** What every view component of a concept is given. */
export interface ViewProps<S extends Schema, R extends Run> {
	run: R;
	values: Values<S>;
	seed: number;
	/** Sets values as a control would. */
	set(values: Partial<Values<S>>): void;
	/** The widget's state, for views that draw some of the schema's controls themselves. */
	ws: WidgetState<S>;
}

export type View<S extends Schema, R extends Run> = Component<ViewProps<S, R>>;

/** What `load()` brings: how to make a run, and the views that draw it. */
export interface ConceptModule<S extends Schema, R extends Run> {
	createRun(input: RunInput<S, R>): R;
	/** The charts (everything here is part of "Export image"). */
	Plots: View<S, R>;
	/** Sections under the main view (analyses, comparisons). */
	Panels?: View<S, R>;
	/** Buttons that belong with the controls ("Clear added points"). */
	Actions?: View<S, R>;
	/** More export buttons beside "Export data" ("Export CSV"). */
	Exports?: View<S, R>;
	/** Steps per second the speed control starts at (one of the player's SPEEDS). */
	defaultSpeed?: number;
	/** Control groups a view draws itself, next to the plots they drive. */
	controlsElsewhere?: string[];
	/** Values to change along with one the reader changed (a new surface brings its own start). */
	adjust?(key: string, value: unknown): Partial<Values<S>> | undefined;
	/**
	 * Code these values need before a run can be made (the formula parser for a typed
	 * formula): the shell loads it, says so meanwhile, and reports it if it fails.
	 */
	needs?(values: Values<S>): Lazy<unknown>[];
	/** Checks for typed formulas by key: why a text cannot be used, or null. */
	validate?(run: R | null, key: string, text: string): string | null;
	/** Colour keys for grouped readouts (each run's line colour), by group. */
	readoutColors?(run: R): Record<string, string>;
	/**
	 * Where the run computes, when not with TF.js on this page (a training worker). The shell
	 * then makes runs without waiting for the page's TF.js, and shows this engine instead.
	 */
	engine?(services: RunServices): EngineStatus;
}

/**
 * One simulation step of the concept, for `npm run bench` (the concept folder's `bench.ts`
 * exports it as `stepBenchmark`): timed at the default settings and at the most the
 * controls allow. Where Play only reveals what a setting change computed, the step is
 * that computation.
 */
export interface StepBenchmark {
	/** What one step is, in a few words. */
	what: string;
	/** The settings of each case, for the table. */
	defaultCase: string;
	maximumCase: string;
	/** Sets up one case: the work to time, how long to keep timing it (ms), and what to free after. */
	prepare(which: 'default' | 'maximum'): { step: () => void; budgetMs?: number; done?: () => void };
}

/** Gallery sections, in the order the gallery shows them. */
export const TOPICS = [
	{ id: 'probability', title: 'Probability & statistics' },
	{ id: 'regression', title: 'Regression & regularisation' },
	{ id: 'classification', title: 'Classification, trees & kernels' },
	{ id: 'networks', title: 'Neural networks' },
	{ id: 'optimisation', title: 'Optimisation' },
	{ id: 'clustering', title: 'Clustering' }
] as const;

export type Topic = (typeof TOPICS)[number]['id'];

/** The gallery's order: by topic as TOPICS lists them (an unknown topic last), then by title. */
export function galleryOrder(a: Pick<ConceptMeta, 'topic' | 'title'>, b: Pick<ConceptMeta, 'topic' | 'title'>): number {
	const rank = ({ topic }: Pick<ConceptMeta, 'topic'>) => {
		const index = TOPICS.findIndex(({ id }) => id === topic);
		return index < 0 ? TOPICS.length : index;
	};
	return rank(a) - rank(b) || a.title.localeCompare(b.title);
}

/** What every concept tells the gallery, its page and its export, besides its schema. */
export interface ConceptMeta<V = Record<string, unknown>> {
	slug: string;
	title: string;
	/** The gallery section it belongs to. */
	topic: Topic;
	/** One line for the gallery card: what the widget teaches. */
	summary: string;
	/** The interview question the page answers. */
	interviewQuestion: string;
	tags: string[];
	/**
	 * Slugs of concepts to read next. A link shows on both pages (a concept lists what it names
	 * and what names it), so a new concept can link to old ones without editing them.
	 */
	related?: string[];
	/** Text alternative of the gallery preview. */
	thumbnail: string;
	/** Version of the "Export data" format; raise it when its shape changes. */
	exportVersion: number;
	defaultSeed: number;
	questions: PredictQuestion<V>[];
}

/** "Predict, then check": the reader commits to an answer, then the widget shows the case. */
export interface PredictQuestion<V> {
	id: string;
	prompt: string;
	choices: { label: string; correct: boolean }[];
	explanation: string;
	/** The parameters that show the answer. */
	show: Partial<V>;
	seed: number;
}

/** What a concept's page and widget need of it (types widened, so that concepts of every schema fit one list). */
export interface ConceptPageEntry {
	meta: ConceptMeta<Values<Schema>>;
	schema: Schema;
	/** The run and the views (`widget.ts`). */
	load(): Promise<ConceptModule<Schema, Run>>;
	/** The explanation on the concept page (`About.svelte`). */
	loadAbout(): Promise<Component>;
	/** The NumPy program behind "Show the code" (`code.py`, see widget/code/program.ts). */
	loadCode?: () => Promise<string>;
}

/** A link from one concept page to another. */
export interface RelatedConcept {
	slug: string;
	title: string;
	summary: string;
}

/** A concept as the registry lists it for the gallery: with its card's picture. */
export interface ConceptEntry extends ConceptPageEntry {
	/** A small drawn picture for the gallery card, no simulation; `label` is the meta's `thumbnail`. */
	Preview: Component<{ label: string }>;
}
