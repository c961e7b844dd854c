/**
 * A loss-functions run: the points (a preset or the reader's own, edited through
 * $lib/widget/points), what the outlier toggles make of them, the squared-error line at
 * once (closed form) and the absolute-error and Huber lines from a background job (IRLS).
 * Nothing to step: the run is converged once the job is in. During a drag the job reruns
 * for the dragged points (finishing the one under way first), so the lines follow the pointer.
 */
import type { Point } from '$lib/common/geometry';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type LossParams, type PresetValue, type schema } from './params';
import { huberCentre, leastSquares, mean, median, outliersByRule, presetPoints, robustFitJob, winsorised, type LineFit, type PresetName, type RobustFits } from './sim';

/** The points the fits use, after the toggles, and what the toggles did to each point. */
export interface Prepared {
	/** Per point shown: dropped by the 3-MAD rule. */
	removed: boolean[];
	/** Per point shown: its y after winsorising (the same when not clipped or not winsorised). */
	fittedY: number[];
	/** The points the three losses see. */
	used: Point[];
}

export function prepare(points: readonly Point[], remove: boolean, winsorise: boolean): Prepared {
	const removed = remove ? outliersByRule(points) : points.map(() => false);
	const kept = points.filter((_, i) => !removed[i]);
	const used = winsorise ? winsorised(kept) : kept.map(([x, y]) => [x, y] as Point);
	const fittedY: number[] = [];
	let k = 0;
	points.forEach(([, y], i) => fittedY.push(removed[i] ? y : used[k++][1]));
	return { removed, fittedY, used };
}

const GROUPS = { mse: 'Squared error (MSE)', mae: 'Absolute error (MAE)', huber: 'Huber' } as const;

export class LossRun implements Run {
	readonly values: LossParams;
	readonly edits: EditablePoints<PresetValue>;
	fit: JobHandle<RobustFits | null>;
	readonly canStep = false;
	#services: RunServices;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, LossRun>) {
		this.values = values;
		this.#services = services;
		const { preset } = values;
		const base = preset === 'own' ? values.points : services.memo('points', JSON.stringify([preset, seed]), () => presetPoints(preset as PresetName, seed));
		this.edits = editablePoints<PresetValue>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.fit = $state.raw(this.#requestFit(prepare(base, values.remove, values.winsorise).used));
	}

	#requestFit(points: Point[]): JobHandle<RobustFits | null> {
		const { delta } = this.values;
		return this.#services.job('fit', { key: JSON.stringify([delta, points]), make: () => robustFitJob(points, delta), finishFirst: true });
	}

	get points(): Point[] {
		return this.edits.points;
	}

	readonly prepared = $derived.by((): Prepared => prepare(this.edits.points, this.values.remove, this.values.winsorise));
	readonly mse = $derived.by((): LineFit | null => leastSquares(this.prepared.used));
	readonly ys = $derived.by((): number[] => this.prepared.used.map((p) => p[1]));
	readonly centres = $derived.by(() => {
		const ys = this.ys;
		return ys.length ? { mean: mean(ys), median: median(ys), huber: huberCentre(ys, this.values.delta) } : null;
	});

	/** The MAE and Huber lines: for these points, or the last finished (for other points) while a drag goes on. */
	get robust(): RobustFits | null {
		return this.fit.result ?? (this.edits.drag ? this.fit.latest : null);
	}

	/** Every x the same: the lines are flat. */
	get flat(): boolean {
		const used = this.prepared.used;
		return used.length > 0 && used.every((p) => p[0] === used[0][0]);
	}

	lines(): Partial<Record<'mse' | 'mae' | 'huber', LineFit>> {
		const robust = this.robust;
		return { ...(this.mse ? { mse: this.mse } : {}), ...(robust ? { mae: robust.mae, huber: robust.huber } : {}) };
	}

	// --- Edits ---------------------------------------------------------------------------

	addPoint(point: Point) {
		this.edits.add(point);
	}

	removePoint(index: number) {
		this.edits.remove(index);
	}

	move(index: number, point: Point) {
		this.edits.move(index, point);
		this.fit = this.#requestFit(this.prepared.used);
	}

	release(index: number, point: Point) {
		this.edits.release(index, point);
	}

	commit(points: readonly Point[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		return this.fit.error ? 'error' : this.fit.result !== null || !this.prepared.used.length ? 'converged' : 'ready';
	}

	get statusText(): string {
		const used = this.prepared.used.length;
		if (this.fit.error) return `The robust lines could not be fitted: ${this.fit.error}`;
		if (!used) return this.points.length ? 'Every point was removed by the rule: nothing to fit.' : 'No points: click the plot to add some, or paste them below.';
		const removed = this.prepared.removed.filter(Boolean).length;
		const dropped = removed ? ` The rule removed ${removed} of ${this.points.length} points.` : '';
		const robust = this.fit.result;
		if (!robust) return `${used} points: the squared-error line is in; fitting absolute error and Huber by reweighted least squares…${dropped}`;
		return `${used} points: all three lines fitted (reweighted least squares: ${robust.iterations.mae} iterations for absolute error, ${robust.iterations.huber} for Huber).${dropped}`;
	}

	get readouts(): Readout[] {
		const lines = this.lines();
		const fitReadouts = (['mse', 'mae', 'huber'] as const).flatMap((name) => [
			{ name: `${name}_slope`, label: 'slope', group: GROUPS[name], value: lines[name]?.slope ?? null, digits: 4 },
			{ name: `${name}_intercept`, label: 'intercept', group: GROUPS[name], value: lines[name]?.intercept ?? null, digits: 4 }
		]);
		return [
			{ name: 'mean', label: 'Mean of y', value: this.centres?.mean ?? null, digits: 4 },
			{ name: 'median', label: 'Median of y', value: this.centres?.median ?? null, digits: 4 },
			{ name: 'huber_centre', label: 'Huber centre of y', value: this.centres?.huber ?? null, digits: 4 },
			...fitReadouts
		];
	}

	get notices(): Notice[] {
		const notices: Notice[] = [];
		if (this.edits.notice) notices.push({ key: 'points', message: this.edits.notice });
		if (this.flat && this.prepared.used.length > 1) {
			notices.push({ key: 'points', message: `Every point has x = ${this.prepared.used[0][0]}: no slope can be fitted, so each line is flat at its loss's best constant.` });
		}
		return notices;
	}

	step(): boolean {
		return false;
	}

	exportData() {
		const line = (fit: LineFit | undefined) => (fit ? { slope: tidyNumber(fit.slope), intercept: tidyNumber(fit.intercept) } : null);
		const lines = this.lines();
		const c = this.centres;
		return {
			state: {
				points: this.points.map(([x, y]) => [x, y]),
				removed: this.prepared.removed,
				used: this.prepared.used.map(([x, y]) => [x, y]),
				mse: line(lines.mse),
				mae: line(lines.mae),
				huber: line(lines.huber),
				delta: this.values.delta,
				mean: c ? tidyNumber(c.mean) : null,
				median: c ? tidyNumber(c.median) : null,
				huber_centre: c ? tidyNumber(c.huber) : null
			},
			history: this.fit.result ? { mae: this.fit.result.history.mae.map(tidyNumber), huber: this.fit.result.history.huber.map(tidyNumber) } : null
		};
	}
}
