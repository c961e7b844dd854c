/**
 * An active-learning run: a pool of points (a preset or the reader's own) whose classes stay
 * hidden until labelled, a softmax regression refitted after every label, and the next query
 * of the chosen strategy. Step labels that query; a click on a pool point labels it instead
 * ("you as the strategy"). In the background every strategy is run from the same starts over
 * several seeds for the accuracy-against-labels comparison.
 *
 * Every fit (the starting labels', and one per label after) runs in slices of idle time, one
 * after another, so that a step never holds up a frame: `state` is the last fit, and a label
 * asked for meanwhile waits in `#queue` until the fits before it are in.
 */
import type { LabelledPoint } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { Cancelled, runInSlices, type Job } from '$lib/common/slices';
import { tidyNumber } from '$lib/engine/arrays';
import { createRng } from '$lib/engine/rng';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type ActiveParams, type PresetValue, type schema } from './params';
import {
	chooseNext,
	comparisonJob,
	featureCount,
	featuresOf,
	fitSetsJob,
	logitsOf,
	parseLabelSequence,
	presetPoints,
	problemOf,
	queryRng,
	softmaxRows,
	startingLabels,
	STRATEGY_NAMES,
	uncertainty,
	type Comparison,
	type PresetName,
	type Problem,
	type Strategy
} from './sim';

export const CLASS_LETTERS = ['A', 'B', 'C'] as const;
export const GRID = 44;

/** The class a click adds in edit mode, and what a click on the plot does; kept for the widget's life. */
export class ClickChoice {
	readonly addClass = new AddClass();
	mode = $state<'label' | 'edit'>('label');
}

export interface Learner {
	/** Pool indices in the order they were labelled. */
	labelled: number[];
	/** d × classes, or null before any fit. */
	weights: Float32Array | null;
	/** The pool's class probabilities, n × classes. */
	probabilities: Float64Array;
	/** Over the plot's grid, GRID × GRID × classes (row 0 at the bottom). */
	grid: Float64Array;
	accuracy: number | null;
	/** The strategy's next query, or null when none is left. */
	next: number | null;
}

export interface HistoryPoint {
	labels: number;
	accuracy: number | null;
	/** The point labelled at this step, and who chose it; null for the starting set. */
	point: number | null;
	by: Strategy | 'you' | 'start';
}

/** The plot's x or y range: the points' extent, padded by a tenth. */
export function extent(list: readonly LabelledPoint[], k: 0 | 1): [number, number] {
	if (list.length === 0) return [-3, 3];
	let [lo, hi] = [Infinity, -Infinity];
	for (const p of list) [lo, hi] = [Math.min(lo, p[k]), Math.max(hi, p[k])];
	const pad = lo === hi ? Math.abs(lo) * 0.5 || 1 : (hi - lo) * 0.1;
	return [lo - pad, hi + pad];
}

/** A label waiting for its fit: `index` null is the strategy's next query; `remember` puts it in the link. */
interface Queued {
	index: number | null;
	by: Strategy | 'you';
	remember: boolean;
}

export class ActiveRun implements Run {
	readonly values: ActiveParams;
	readonly seed: number;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly click: ClickChoice;
	readonly problem: Problem;
	/** The test points are the pool itself (own points have no fresh sample). */
	readonly testIsPool: boolean;
	readonly dataKey: string;
	readonly limit: number;
	readonly xDomain: [number, number];
	readonly yDomain: [number, number];
	readonly gridFeatures: Float32Array;
	readonly comparison: JobHandle<Comparison>;
	state = $state.raw<Learner>(null!);
	history = $state.raw<HistoryPoint[]>([]);
	readonly #set: (values: Partial<ActiveParams>) => void;
	/** How many labels the starting set holds. */
	readonly startCount: number;
	/** Why part of the `labelled` list could not be replayed, or null. */
	replayProblem: string | null = null;
	/** False until the starting labels are fitted. */
	fitted = $state(false);
	/** Labels asked for and not yet fitted, in order; a strategy's pick is made when its turn comes. */
	#queue: Queued[] = [];
	queued = $state(0);
	/** The fits under way, one after another. */
	#work: Promise<void> = Promise.resolve();
	#stop = new AbortController();
	fitError = $state<string | null>(null);

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, ActiveRun>) {
		this.values = values;
		this.seed = seed;
		this.#set = set;
		const { preset, features, budget, repeats } = values;
		const own = preset === 'own';
		this.dataKey = own ? JSON.stringify(values.points) : JSON.stringify([preset, seed]);
		const pool = own ? values.points : services.memo('pool', this.dataKey, () => presetPoints(preset as PresetName, seed));
		const test = own ? pool : services.memo('test', this.dataKey, () => presetPoints(preset as PresetName, seed, 'test'));
		this.testIsPool = own;
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, pool, MAX_OWN_POINTS);
		this.click = services.keep('click', () => new ClickChoice());
		this.problem = services.memo('problem', JSON.stringify([this.dataKey, features]), () => problemOf(pool, test, features));
		this.limit = Math.min(budget, pool.length);
		this.xDomain = extent(pool, 0);
		this.yDomain = extent(pool, 1);
		this.gridFeatures = services.memo('grid', JSON.stringify([this.dataKey, features]), () => featuresOf(features, this.problem.scaling, gridPoints(this.xDomain, this.yDomain)));

		// A change of strategy, budget or features goes on from the labels so far; new data or a new seed starts again.
		// So does a `labelled` list the run wrote itself (its labels so far start with it); one changed from outside (an attribute) is replayed.
		const same = previous && previous.dataKey === this.dataKey && previous.seed === seed ? previous : null;
		const wrote = (run: ActiveRun) => values.labelled === run.values.labelled || `${run.labelledText},`.startsWith(`${values.labelled},`);
		const carried = same && wrote(same) ? same : null;
		if (carried) {
			const labelled = carried.state.labelled.slice(0, Math.max(this.limit, carried.history[0]?.labels ?? 0));
			const sameModel = carried.values.features === features && labelled.length === carried.state.labelled.length;
			this.history = carried.history.filter((h) => h.labels <= labelled.length);
			this.startCount = carried.startCount;
			// Nothing the model sees has changed (a new strategy or budget): keep the fit, ask for the next query again.
			if (sameModel && carried.state.weights) {
				this.state = { ...carried.state, next: this.#nextQuery(labelled, carried.state.probabilities) };
				this.fitted = true;
			} else this.#fitStart(labelled);
			// Labels the replaced run had not fitted yet go on here.
			for (const item of carried.#queue) this.#enqueue(item);
			// A smaller budget drops labels: the link drops them too.
			if (values.labelled !== '' && values.labelled !== this.labelledText && labelled.length < carried.state.labelled.length) set({ labelled: this.labelledText });
		} else {
			const starting = startingLabels(pool, this.problem.classes, createRng(seed).fork('repeat-0'));
			this.startCount = starting.length;
			this.#fitStart(starting, true);
			// The list belongs to the data and seed it was made on: a link or attribute replays it; new data, a new seed or Reset start again.
			if (values.labelled !== '') {
				if (cause === 'reset' || (previous && !same)) set({ labelled: '' });
				else this.#replay(values.labelled, starting);
			}
		}

		const problem = this.problem;
		this.comparison = services.job('comparison', {
			key: JSON.stringify([this.dataKey, features, repeats, budget]),
			make: () => comparisonJob(problem, seed, repeats, budget),
			delayMs: 250
		});
	}

	/** Labels the list's points in order, each by the strategy if it would have picked it (decided when its fit comes), else by you. */
	#replay(text: string, starting: readonly number[]) {
		const { indices, problem } = parseLabelSequence(text, this.problem.pool.length, starting, this.limit - starting.length);
		this.replayProblem = problem;
		for (const index of indices) this.#enqueue({ index, by: this.values.strategy, remember: false });
	}

	/** Shows `labelled` unfitted (uniform probabilities) until its fit is in; `first` starts the history with it. */
	#fitStart(labelled: number[], first = false) {
		this.state = this.#learner(labelled, null, null);
		this.fitted = false;
		this.#then(async () => {
			this.state = await runInSlices(this.#fitJob(labelled, null), this.#stop.signal);
			if (first) this.history = [{ labels: labelled.length, accuracy: this.state.accuracy, point: null, by: 'start' }];
			this.fitted = true;
		});
	}

	/** Runs `work` after the fits before it; a run replaced meanwhile stops quietly. */
	#then(work: () => Promise<void>) {
		this.#work = this.#work.then(async () => {
			if (this.#stop.signal.aborted) return;
			try {
				await work();
			} catch (error) {
				if (!(error instanceof Cancelled)) this.fitError = error instanceof Error ? error.message : String(error);
			}
		});
	}

	#enqueue(item: Queued) {
		this.#queue.push(item);
		this.queued = this.#queue.length;
		this.#then(async () => {
			const { labelled, weights, next } = this.state;
			const index = item.index ?? next;
			if (index !== null && !labelled.includes(index) && labelled.length < this.limit) {
				const more = [...labelled, index];
				const learner = await runInSlices(this.#fitJob(more, weights), this.#stop.signal);
				// A replayed label counts as the strategy's only if the strategy would have picked it.
				const by = item.by === 'you' || index === next ? item.by : 'you';
				this.state = learner;
				this.history = [...this.history, { labels: more.length, accuracy: learner.accuracy, point: index, by }];
			}
			this.#queue.shift();
			this.queued = this.#queue.length;
			if (item.remember) this.#set({ labelled: this.labelledText });
		});
	}

	/** Resolves once every fit asked for is in. */
	async settled(): Promise<void> {
		let seen: Promise<void>;
		do {
			seen = this.#work;
			await seen;
		} while (seen !== this.#work);
	}

	dispose() {
		this.#stop.abort();
	}

	/** The `labelled` key for the labels so far: every one after the starting set, in order. */
	get labelledText(): string {
		return this.state.labelled.slice(this.startCount).join(',');
	}

	/** The model fitted to `labelled`, warm-started from `start`, and what it says of the pool and the plot. */
	*#fitJob(labelled: number[], start: Float32Array | null): Job<Learner> {
		if (labelled.length === 0) return this.#learner(labelled, null, null);
		const fitted = yield* fitSetsJob(this.problem, [labelled], start);
		yield;
		return this.#learner(labelled, fitted.weights, fitted.accuracy[0], fitted.poolProbabilities[0]);
	}

	/** A learner from its weights; without weights every class is equally likely everywhere. */
	#learner(labelled: number[], weights: Float32Array | null, accuracy: number | null, poolProbabilities?: Float64Array): Learner {
		const { problem } = this;
		const { classes } = problem;
		const shape = { batch: 1, d: featureCount(problem.map), classes };
		const uniform = (n: number) => new Float64Array(n * classes).fill(1 / classes);
		if (!weights) return { labelled, weights: null, probabilities: uniform(problem.pool.length), grid: uniform(GRID * GRID), accuracy: null, next: null };
		const probabilities = poolProbabilities ?? softmaxRows(logitsOf(problem.poolFeatures, problem.pool.length, weights, shape), classes);
		const grid = softmaxRows(logitsOf(this.gridFeatures, GRID * GRID, weights, shape), classes);
		return { labelled, weights, probabilities, grid, accuracy, next: this.#nextQuery(labelled, probabilities) };
	}

	#nextQuery(labelled: number[], probabilities: Float64Array): number | null {
		if (labelled.length >= this.limit) return null;
		return chooseNext(this.values.strategy, probabilities, this.problem.classes, new Set(labelled), queryRng(this.seed, 0, labelled.length));
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	get classes(): number {
		return this.problem.classes;
	}

	get labelledSet(): Set<number> {
		return new Set(this.state.labelled);
	}

	/** Each pool point's uncertainty under the strategy, 0–1. */
	get uncertainties(): Float64Array {
		const { probabilities } = this.state;
		if (this.#uncertain?.of !== probabilities) {
			const k = this.classes;
			const values = Float64Array.from({ length: this.problem.pool.length }, (_, i) => uncertainty(this.values.strategy, probabilities.subarray(i * k, (i + 1) * k)));
			this.#uncertain = { of: probabilities, values };
		}
		return this.#uncertain.values;
	}

	/** The last `uncertainties`, kept while the probabilities they were read from are the same. */
	#uncertain: { of: Float64Array; values: Float64Array } | null = null;

	/**
	 * Labels point `index` of the pool (the strategy's pick or the reader's) and refits, after
	 * the fits under way. A label of yours goes into the link (`labelled`), with every label before it.
	 */
	label(index: number, by: Strategy | 'you') {
		if (index < 0 || index >= this.problem.pool.length || this.#queue.some((q) => q.index === index)) return;
		this.#enqueue({ index, by, remember: by === 'you' });
	}

	/** Labels asked for, fitted or not. */
	get #asked(): number {
		return this.state.labelled.length + this.queued;
	}

	get canStep(): boolean {
		if (!this.fitted || this.fitError) return false;
		return this.#asked < this.limit && (this.queued > 0 || this.state.next !== null);
	}

	/** Labels the strategy's next query; while fits are under way, at most one more waits its turn. */
	step(): boolean {
		if (!this.canStep) return false;
		if (this.queued < 2) this.#enqueue({ index: null, by: this.values.strategy, remember: false });
		return true;
	}

	/** Why the run cannot learn much, in plain words, or null. */
	get problemText(): string | null {
		const n = this.problem.pool.length;
		if (n === 0) return 'No points: choose a preset, or switch clicks to editing and add some.';
		const present = new Set(this.problem.pool.map((p) => p[2])).size;
		if (present < 2) return `Every point is class ${CLASS_LETTERS[this.problem.pool[0][2]] ?? this.problem.pool[0][2]}: with one class there is nothing to learn, and every strategy sees the same certainty everywhere.`;
		return null;
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.comparison.error || this.fitError) return 'error';
		if (!this.fitted) return 'loading';
		return this.canStep || this.queued > 0 ? 'ready' : 'converged';
	}

	get statusText(): string {
		if (this.fitError) return `The fit failed: ${this.fitError}`;
		if (this.comparison.error) return `The strategy comparison failed: ${this.comparison.error}`;
		const problem = this.problemText;
		if (!this.fitted) return `${problem ? `${problem} ` : ''}Fitting the model to ${this.state.labelled.length} labels…`;
		const { labelled, accuracy } = this.state;
		const acc = accuracy === null ? '' : ` Accuracy ${formatValue(100 * accuracy, 3)}% on ${this.testIsPool ? 'all the points' : `${this.problem.test.length} fresh test points`}.`;
		const head = `${labelled.length} of ${this.problem.pool.length} points labelled.${acc}`;
		if (problem) return `${problem} ${head}`;
		if (!this.canStep && this.queued === 0) return `${head} Finished: ${labelled.length >= this.limit ? `the budget of ${this.limit} labels is spent` : 'no point is left to label'}.`;
		return `${head} Step labels the point ${STRATEGY_NAMES[this.values.strategy]} picks.`;
	}

	get readouts(): Readout[] {
		const { next, accuracy, labelled } = this.state;
		return [
			{ name: 'accuracy', label: this.testIsPool ? 'Accuracy (all points)' : 'Accuracy (fresh test points)', value: accuracy, digits: 3 },
			{ name: 'labels', label: 'Labels', value: labelled.length },
			{ name: 'next_uncertainty', label: 'Uncertainty of the next query (0–1)', value: next === null ? null : this.uncertainties[next], digits: 3 }
		];
	}

	get notices(): Notice[] {
		return [
			...(this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : []),
			...(this.replayProblem ? [{ key: 'labelled', message: this.replayProblem }] : [])
		];
	}

	exportData() {
		const comparison = this.comparison.result;
		const k = this.classes;
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				classes: k,
				features: this.values.features,
				strategy: this.values.strategy,
				labelled: this.state.labelled,
				nextQuery: this.state.next,
				accuracy: this.state.accuracy,
				labels: this.state.labelled.length,
				testPoints: this.testIsPool ? 'the pool' : this.problem.test.length,
				testData: this.testIsPool ? null : this.problem.test.map(([x, y, c]) => [x, y, c]),
				probabilities: Array.from({ length: this.problem.pool.length }, (_, i) => Array.from(this.state.probabilities.subarray(i * k, (i + 1) * k), (p) => tidyNumber(p))),
				comparison: comparison
					? {
							repeats: comparison.repeats,
							labels: comparison.labels,
							curves: comparison.curves.map((c) => ({ strategy: c.strategy, mean: c.mean.map(tidyNumber), low: c.low.map(tidyNumber), high: c.high.map(tidyNumber) }))
						}
					: null
			},
			history: this.history
		};
	}
}

/** The centres of the plot's GRID × GRID cells, row by row from the bottom. */
export function gridPoints([x0, x1]: [number, number], [y0, y1]: [number, number]): [number, number][] {
	return Array.from({ length: GRID * GRID }, (_, i): [number, number] => [x0 + ((i % GRID) + 0.5) * ((x1 - x0) / GRID), y0 + (Math.floor(i / GRID) + 0.5) * ((y1 - y0) / GRID)]);
}
