/**
 * A k-means run for the widget: Lloyd's algorithm from (values, seed), one half-step per
 * Step. A run the reader changed by hand half-way (a centroid dragged, a point added) goes
 * on in the next run instead of starting over: the URL then holds its new start (manual
 * centroids, added points), so a reload reproduces every step from there.
 */
import type { Point } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { pairsOf, tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import { chooseKJob, restartsJob, type KChoice, type RestartResult } from './analysis';
import { schema, STARTS, type KMeansParams } from './params';
import { buildPoints, createState, halfStep, MAX_ITERATIONS, startRng, sumOfSquares, type KMeansState } from './sim';

/** Everything a fresh run depends on, as one comparable string. */
function inputsOf(values: KMeansParams, seed: number): string {
	const { dataset, n, centers, added, k, init, start, tol, centroids } = values;
	return JSON.stringify([dataset, n, centers, added, k, init, start, tol, centroids.slice(0, k), seed]);
}

/** Three decimals: finer than a pixel, and short in the URL. */
export function roundPoint([x, y]: Point): Point {
	return [Math.round(x * 1e3) / 1e3, Math.round(y * 1e3) / 1e3];
}

const iterations = (count: number) => `${count} iteration${count === 1 ? '' : 's'}`;

export class KMeansRun implements Run {
	readonly values: KMeansParams;
	readonly seed: number;
	readonly points: Float32Array;
	readonly manualCentroids: Point[];
	/** A manual start still waiting for centroids to be placed. */
	readonly placing: boolean;
	state = $state.raw<KMeansState | null>(null);
	/** Why a click added nothing, shown under the plot. */
	addNotice = $state<string | null>(null);
	/** Restarts from every seeded start (on demand), and the elbow and silhouette for every k. */
	readonly restarts: JobHandle<RestartResult[]>;
	readonly choices: JobHandle<KChoice[]>;
	/** The run as edited by hand, for the next run to go on from (see `carryOn`). */
	#carried: { state: KMeansState; inputs: string } | null = null;
	#set: (values: Partial<KMeansParams>) => void;

	constructor({ values, seed, previous, set, services }: RunInput<typeof schema, KMeansRun>) {
		this.values = values;
		this.seed = seed;
		this.#set = set;
		const { dataset, n, centers, added, k, init, tol } = values;
		const dataKey = JSON.stringify([dataset, n, centers, added, seed]);
		const points = (this.points = services.memo('points', dataKey, () => buildPoints({ dataset, n, centers, added }, seed)));
		this.manualCentroids = values.centroids.slice(0, k);
		this.placing = init === 'manual' && this.manualCentroids.length < k;

		const carried = previous ? previous.#carried : null;
		if (carried && carried.inputs === inputsOf(values, seed)) this.state = { ...carried.state, points, totalSquares: sumOfSquares(points) };
		else if (!this.placing) this.state = createState(points, { init, k, tol, manual: this.manualCentroids }, startRng(seed, values.start));

		this.restarts = services.job('restarts', {
			key: JSON.stringify([dataKey, k, init, tol]),
			make: () => restartsJob(points, { init, k, tol }, seed, STARTS),
			start: 'on-demand'
		});
		this.choices = services.job('choose-k', { key: dataKey, make: () => chooseKJob(points, seed, schema.k.max), delayMs: 300 });
	}

	get canStep(): boolean {
		return Boolean(this.state && !this.state.converged && this.state.iteration < MAX_ITERATIONS);
	}

	step(): boolean {
		if (!this.state || !this.canStep) return false;
		this.state = halfStep(this.state);
		return this.canStep;
	}

	/** Centroids as they are now: the run's, or those placed by hand so far. */
	get centroids(): Point[] {
		return this.state?.centroids ?? this.manualCentroids;
	}

	/** Goes on from `edited` (this run, changed by hand) once the values hold `values`. */
	#carryOn(edited: KMeansState, values: Partial<KMeansParams>) {
		const next = { ...this.values, ...values };
		this.#carried = { state: { ...edited, phase: 'assign', converged: null, changed: null }, inputs: inputsOf(next, this.seed) };
		this.#set(values);
	}

	moveCentroid(index: number, point: Point) {
		const moved = this.centroids.map((c, i) => (i === index ? point : c)).map(roundPoint);
		const values = { init: 'manual' as const, centroids: moved };
		if (!this.state) return this.#set(values);
		const trails = this.state.trails.map((trail, i) => (i === index ? [...trail, moved[i]] : trail));
		this.#carryOn({ ...this.state, centroids: moved, trails, events: [`You moved centroid ${index + 1}.`] }, values);
	}

	clickPlot(point: Point) {
		const rounded = roundPoint(point);
		const { added } = this.values;
		this.addNotice = null;
		if (this.placing) {
			this.#set({ centroids: [...this.manualCentroids, rounded] });
		} else if (added.length >= schema.added.maxPoints) {
			this.addNotice = `You have added the most points allowed (${schema.added.maxPoints}).`;
		} else if (!this.state) {
			this.#set({ added: [...added, rounded] });
		} else {
			// The new point joins the run unassigned (drawn grey); the next half-step assigns it.
			const assignments = this.state.assignments ? Int32Array.from([...this.state.assignments, -1]) : null;
			this.#carryOn({ ...this.state, assignments, events: ['You added a point.'] }, { added: [...added, rounded] });
		}
	}

	get status(): RunStatus {
		return this.state?.converged ? 'converged' : 'ready';
	}

	get statusText(): string {
		const run = this.state;
		if (this.placing) return `Click the plot to place centroid ${this.manualCentroids.length + 1} of ${this.values.k}.`;
		if (!run) return '';
		const events = run.events.length ? ` ${run.events.join(' ')}` : '';
		if (run.converged === 'no-change') return `Converged after ${iterations(run.iteration)}: no point changed cluster.${events}`;
		if (run.converged === 'tolerance') {
			return `Converged after ${iterations(run.iteration)}: no centroid moved as far as the tolerance ${formatValue(run.tol)} (some points may still switch).${events}`;
		}
		if (run.iteration >= MAX_ITERATIONS) return `Stopped after ${iterations(run.iteration)} without converging.`;
		if (run.changed === null && run.iteration === 0 && !run.events.length) return 'Ready. Next: assign every point to its nearest centroid.';
		if (run.phase === 'update') {
			const what =
				run.changed === run.assignments?.length && run.iteration === 0
					? `all ${run.changed} points assigned`
					: `${run.changed} point${run.changed === 1 ? '' : 's'} changed cluster`;
			return `Iteration ${run.iteration + 1}, assign: ${what}. Next: move each centroid to the mean of its points.${events}`;
		}
		if (run.changed === null) return `${events.trim()} Next: assign points.`;
		return `Iteration ${run.iteration} done: the centroids moved (largest move ${formatValue(run.shift ?? 0)}). Next: assign points.${events}`;
	}

	get readouts(): Readout[] {
		const run = this.state;
		return [
			{ name: 'iteration', label: 'Iterations done', value: run?.iteration ?? null },
			{ name: 'inertia', label: 'Inertia', value: run?.inertia ?? null, digits: 5 },
			{ name: 'changed', label: 'Changed', value: run?.changed ?? null },
			{ name: 'shift', label: 'Largest move', value: run?.shift ?? null, digits: 3 }
		];
	}

	exportData() {
		const run = this.state;
		const tidy = (points: Point[]) => points.map(([x, y]) => [tidyNumber(x), tidyNumber(y)]);
		return {
			state: {
				points: pairsOf(this.points),
				centroids: tidy(this.centroids),
				startCentroids: run ? tidy(run.trails.map((trail) => trail[0])) : tidy(this.manualCentroids),
				assignments: run?.assignments ? Array.from(run.assignments) : [],
				iteration: run?.iteration ?? 0,
				inertia: run?.inertia ?? null,
				converged: Boolean(run?.converged),
				convergedBy: run?.converged ?? null
			},
			history: (run?.history ?? []).map((entry) => ({ ...entry, centroids: tidy(entry.centroids) }))
		};
	}
}
