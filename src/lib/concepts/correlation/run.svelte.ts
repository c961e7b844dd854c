/**
 * A correlation run for the widget: the points (a preset, generated, or the reader's own),
 * their three coefficients at once, and bootstrap intervals in the background. Nothing to
 * step: the run is converged once the intervals are in. Editing a preset's points makes
 * them the reader's own (`preset: 'own'`, the points in the URL); Reset then goes back to
 * the preset they were copied from, and own points an edit replaced can be brought back.
 */
import type { Point } from '$lib/common/geometry';
import { tidyNumber } from '$lib/engine/arrays';
import { errorMessage } from '$lib/engine/errors';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { generatePoints, presetPoints, roundPoint, type PresetName } from './data';
import { MAX_OWN_POINTS, type CorrelationParams, type PresetValue, type schema } from './params';
import { bootstrapJob, correlate, COEFFICIENTS, mostInfluential, outlierFor, plainReading, type Correlations, type Intervals } from './sim';

/** What the reader's edits leave for later runs, Reset's included (kept for the widget's life). */
class Edits {
	/** The preset the reader's points were copied from, for Reset. */
	editedFrom = $state<PresetValue | null>(null);
	/** Own points replaced by an edit of a preset: offered back, never silently lost. */
	stash = $state.raw<Point[] | null>(null);
}

/** A finished bootstrap, wrapped: too few points give no intervals, and that is a result too. */
interface Bootstrapped {
	intervals: Intervals | null;
}

const NAMES = { pearson: 'Pearson r', spearman: 'Spearman ρ', kendall: 'Kendall τ-b' } as const;

export class CorrelationRun implements Run {
	readonly values: CorrelationParams;
	readonly seed: number;
	/** The points as the values give them (before any drag). */
	readonly basePoints: Point[];
	/** While a point is being dragged: which, and where (the values change on release). */
	drag = $state<{ index: number; point: Point } | null>(null);
	/** What the last edit did, or why it did nothing. */
	editNotice = $state<string | null>(null);
	/** The bootstrap of the points shown (of the dragged ones during a drag). */
	bootstrap: JobHandle<Bootstrapped>;
	readonly canStep = false;
	#edits: Edits;
	#set: (values: Partial<CorrelationParams>) => void;
	#services: RunServices;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, CorrelationRun>) {
		this.values = values;
		this.seed = seed;
		this.#set = set;
		this.#services = services;
		this.#edits = services.keep('edits', () => new Edits());
		this.editNotice = previous?.editNotice ?? null;
		const { preset, rho, n, transform, noise } = values;
		if (preset === 'own') this.basePoints = values.points;
		else if (preset === 'generated') {
			this.basePoints = services.memo('points', JSON.stringify([preset, rho, n, transform, noise, seed]), () => generatePoints({ rho, n, transform, noise }, seed));
		} else this.basePoints = services.memo('points', JSON.stringify([preset, seed]), () => presetPoints(preset as PresetName, seed));
		this.bootstrap = $state.raw(this.#requestBootstrap(this.basePoints));

		// Reset of an edited preset: back to the preset the points came from.
		if (cause === 'reset' && preset === 'own' && this.#edits.editedFrom) set({ preset: this.#edits.editedFrom });
	}

	#requestBootstrap(points: readonly Point[]): JobHandle<Bootstrapped> {
		const { resamples } = this.values;
		const seed = this.seed;
		return this.#services.job('bootstrap', {
			key: JSON.stringify([resamples, seed, points]),
			*make() {
				return { intervals: yield* bootstrapJob(points, resamples, seed) };
			},
			delayMs: 200
		});
	}

	/** The points as shown: with the one being dragged where the pointer is. */
	readonly points = $derived.by((): Point[] => {
		const { drag, basePoints } = this;
		return drag && drag.index < basePoints.length ? basePoints.map((p, i) => (i === drag.index ? drag.point : p)) : basePoints;
	});

	readonly computed = $derived.by((): { result: Correlations | null; error: string | null } => {
		try {
			return { result: correlate(this.points), error: null };
		} catch (error) {
			return { result: null, error: errorMessage(error) };
		}
	});

	get correlations(): Correlations | null {
		return this.computed.result;
	}

	/** The intervals, once the bootstrap of the points shown is done. */
	get intervals(): Intervals | null {
		return this.bootstrap.result?.intervals ?? null;
	}

	get bootstrapped(): boolean {
		return this.bootstrap.result !== null;
	}

	/** What the three numbers together say, in words. */
	get reading(): string {
		const { result, error } = this.computed;
		return error ? `The coefficients could not be computed: ${error}` : result ? plainReading(result) : '';
	}

	get influential(): number | null {
		return this.correlations ? mostInfluential(this.correlations) : null;
	}

	/** Resamples left out of the intervals (every drawn point tied), the most of any coefficient. */
	get leftOut(): number {
		const intervals = this.intervals;
		return intervals ? Math.max(...COEFFICIENTS.map((k) => intervals.undefinedResamples[k])) : 0;
	}

	get stash(): Point[] | null {
		return this.#edits.stash;
	}

	// --- Edits: each makes the points the reader's own, and so the next run -----------------

	commit(next: readonly Point[], message: string | null = null) {
		this.editNotice = message;
		const edits = this.#edits;
		if (this.values.preset !== 'own') {
			edits.editedFrom = this.values.preset;
			if (this.values.points.length) edits.stash = this.values.points;
		}
		this.#set({ preset: 'own', points: next.map(roundPoint) });
	}

	addPoint(point: Point) {
		if (this.points.length >= MAX_OWN_POINTS) {
			this.editNotice = `There are already ${MAX_OWN_POINTS} points, the most allowed; remove one first.`;
			return;
		}
		this.commit([...this.points, point]);
	}

	removePoint(index: number) {
		this.commit(this.points.filter((_, i) => i !== index));
	}

	/** A drag under way: the coefficients follow at once, the intervals after a pause. */
	move(index: number, point: Point) {
		this.drag = { index, point };
		this.bootstrap = this.#requestBootstrap(this.points);
	}

	release(index: number, point: Point) {
		this.drag = null;
		this.commit(this.points.map((p, i) => (i === index ? point : p)));
	}

	addOutlier() {
		const c = this.correlations;
		if (c) this.commit([...this.points, roundPoint(outlierFor(this.points, c))], 'Added an outlier against the trend.');
	}

	removeInfluential() {
		const index = this.influential;
		if (index !== null) this.removePoint(index);
	}

	restoreStash() {
		const edits = this.#edits;
		if (!edits.stash) return;
		const points = edits.stash;
		edits.stash = null;
		edits.editedFrom = null;
		this.editNotice = null;
		this.#set({ preset: 'own', points });
	}

	// --- What the shell shows ---------------------------------------------------------------

	get status(): RunStatus {
		if (this.computed.error) return 'error';
		return this.bootstrapped ? 'converged' : 'ready';
	}

	get statusText(): string {
		if (!this.correlations) return this.reading;
		const intervals = this.intervals;
		const progress = this.bootstrapped
			? intervals
				? `95% intervals from ${intervals.resamples} bootstrap resamples.`
				: ''
			: `Bootstrapping ${this.values.resamples} resamples for the intervals…`;
		return `${this.points.length} points. ${this.reading} ${progress}`.trim();
	}

	get readouts(): Readout[] {
		const c = this.correlations;
		const intervals = this.intervals;
		return [
			{ name: 'n', label: 'Points', value: this.points.length },
			...COEFFICIENTS.flatMap((k) => [
				{ name: k, label: 'value', group: NAMES[k], value: c?.[k] ?? null },
				{ name: `${k}-low`, label: '95% interval from', group: NAMES[k], value: intervals?.[k]?.[0] ?? null },
				{ name: `${k}-high`, label: 'to', group: NAMES[k], value: intervals?.[k]?.[1] ?? null }
			])
		];
	}

	get notices(): Notice[] {
		return this.editNotice ? [{ key: 'points', message: this.editNotice }] : [];
	}

	step(): boolean {
		return false;
	}

	exportData() {
		const c = this.correlations;
		const intervals = this.intervals;
		const coefficient = (k: (typeof COEFFICIENTS)[number]) => (c?.[k] == null ? null : tidyNumber(c[k]));
		const interval = (k: (typeof COEFFICIENTS)[number]) => (intervals?.[k] ? intervals[k].map(tidyNumber) : null);
		return {
			state: {
				points: this.points.map(([x, y]) => [x, y]),
				pearson: coefficient('pearson'),
				spearman: coefficient('spearman'),
				kendall: coefficient('kendall'),
				ranksX: c ? Array.from(c.ranksX) : [],
				ranksY: c ? Array.from(c.ranksY) : [],
				intervals: { pearson: interval('pearson'), spearman: interval('spearman'), kendall: interval('kendall') }
			},
			history: []
		};
	}
}
