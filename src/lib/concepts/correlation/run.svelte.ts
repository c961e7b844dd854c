/**
 * A correlation run for the widget: the points (a preset, generated, or the reader's own,
 * edited through $lib/widget/points), their three coefficients at once, and bootstrap
 * intervals in the background. Nothing to step: the run is converged once the intervals are in.
 */
import type { Point } from '$lib/common/geometry';
import { tidyNumber } from '$lib/engine/arrays';
import { createRng } from '$lib/engine/rng';
import { errorMessage } from '$lib/engine/errors';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { roundPoint } from '$lib/widget/points/csv';
import { generatePoints, presetPoints, type PresetName } from './data';
import { MAX_OWN_POINTS, type CorrelationParams, type PresetValue, type schema } from './params';
import { bootstrapJob, correlate, COEFFICIENTS, mostInfluential, outlierFor, plainReading, resampleWeights, type Correlations, type Intervals } from './sim';

/** A finished bootstrap, wrapped: too few points give no intervals, and that is a result too. */
interface Bootstrapped {
	intervals: Intervals | null;
}

/** The export holds the bootstrap's resamples up to this many counts (points × resamples): 100 kB at the defaults. */
const MAX_EXPORTED_COUNTS = 250_000;

const NAMES = { pearson: 'Pearson r', spearman: 'Spearman ρ', kendall: 'Kendall τ-b' } as const;

export class CorrelationRun implements Run {
	readonly values: CorrelationParams;
	readonly seed: number;
	readonly edits: EditablePoints<PresetValue>;
	/** The bootstrap of the points shown (of the dragged ones during a drag). */
	bootstrap: JobHandle<Bootstrapped>;
	readonly canStep = false;
	#services: RunServices;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, CorrelationRun>) {
		this.values = values;
		this.seed = seed;
		this.#services = services;
		const { preset, rho, n, transform, noise } = values;
		let base: Point[];
		if (preset === 'own') base = values.points;
		else if (preset === 'generated') {
			base = services.memo('points', JSON.stringify([preset, rho, n, transform, noise, seed]), () => generatePoints({ rho, n, transform, noise }, seed));
		} else base = services.memo('points', JSON.stringify([preset, seed]), () => presetPoints(preset as PresetName, seed));
		this.edits = editablePoints<PresetValue>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.bootstrap = $state.raw(this.#requestBootstrap(base));
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
	get points(): Point[] {
		return this.edits.points;
	}

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

	// --- Edits: each makes the points the reader's own, and so the next run -----------------

	commit(next: readonly Point[], message: string | null = null) {
		this.edits.commit(next, message);
	}

	addPoint(point: Point) {
		this.edits.add(point);
	}

	removePoint(index: number) {
		this.edits.remove(index);
	}

	/** A drag under way: the coefficients follow at once, the intervals after a pause. */
	move(index: number, point: Point) {
		this.edits.move(index, point);
		this.bootstrap = this.#requestBootstrap(this.points);
	}

	release(index: number, point: Point) {
		this.edits.release(index, point);
	}

	addOutlier() {
		const c = this.correlations;
		if (c) this.commit([...this.points, roundPoint(outlierFor(this.points, c))], 'Added an outlier against the trend.');
	}

	removeInfluential() {
		const index = this.influential;
		if (index !== null) this.removePoint(index);
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
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	step(): boolean {
		return false;
	}

	/**
	 * The intervals' resamples, row b: how many times each point was drawn in resample b. The
	 * same seeded draws the bootstrap made (one stream, chunked or not); null when there are no
	 * intervals or too many counts to export.
	 */
	#bootstrapCounts(): number[][] | null {
		const n = this.points.length;
		const { resamples } = this.values;
		if (!this.intervals || n * resamples > MAX_EXPORTED_COUNTS) return null;
		const weights = resampleWeights(n, resamples, createRng(this.seed).fork('bootstrap'));
		return Array.from({ length: resamples }, (_, b) => Array.from(weights.subarray(b * n, (b + 1) * n)));
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
				intervals: { pearson: interval('pearson'), spearman: interval('spearman'), kendall: interval('kendall') },
				bootstrapCounts: this.#bootstrapCounts()
			},
			history: []
		};
	}
}
