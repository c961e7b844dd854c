/**
 * A gradient-descent run for the widget: every chosen optimizer's whole path on the loss
 * surface (part 1) and the three regression runs (part 2), computed from (values, seed) at
 * once; Step moves a cursor along them. The next run, after a change of value, keeps the
 * cursor where it was. The loss grids behind the contours, and part 2 (which no part-1 value
 * touches), are kept across runs until their own inputs change, so dragging the learning
 * rate recomputes only the paths. A typed formula waits for mathjs: the parts that need it
 * are derived, and fill in when it arrives.
 */
import type { Point } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { clamp, pairsOf, tidyNumber } from '$lib/engine/arrays';
import { categoryColor } from '$lib/plot/palette';
import type { Series } from '$lib/plot/SeriesChart.svelte';
import type { Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import { formulas } from '$lib/widget/lazy.svelte';
import type { Notice } from '$lib/widget/schema';
import { DEFAULT_HYPERPARAMETERS, hyperparametersUsed, OPTIMIZER_LABELS, OPTIMIZERS, type Hyperparameters, type OptimizerName } from './optimizers';
import { schema, type GradientDescentParams } from './params';
import { REGRESSION_START } from './regression';
import { scheduleFormula } from './schedules';
import { builtInSurface, CUSTOM_REGION, customSurface, FORMULA_VARIABLES, type Surface } from './surfaces';
import {
	batchRuns,
	curve,
	distanceToNearest,
	downhillAt,
	lossCurve,
	overallStatus,
	pointAt,
	positionAt,
	rateAt,
	gradientNoiseDraws,
	regressionEpochOrders,
	regressionProblem,
	runOnSurface,
	withLossGrid,
	type DrawnRun,
	type RegressionProblem,
	type RegressionRun,
	type ScheduleSettings,
	type Trajectory
} from './sim';

// The usual four (SGD, Momentum, RMSProp, Adam) get the four most distinct colours.
const COLOR_ORDER: OptimizerName[] = ['sgd', 'momentum', 'rmsprop', 'adam', 'nesterov', 'adagrad', 'adamw', 'amsgrad'];

interface OptimizerRun {
	name: OptimizerName;
	label: string;
	color: string;
	trajectory: Trajectory;
}

/** One of part 2's runs, with its loss against epochs and against examples seen. */
interface BatchRun {
	name: string;
	label: string;
	color: string;
	trajectory: RegressionRun;
	byEpochs: Series;
	byExamples: Series;
}

/** A part-2 run with its colour and its loss against epochs and against examples seen (n examples an epoch). */
function withCurves({ name, label, trajectory }: { name: string; label: string; trajectory: RegressionRun }, i: number, n: number): BatchRun {
	// Colours after the eight optimizers', so a run never shares one with an optimizer.
	const color = categoryColor(8 + i);
	const against = (x: (t: number) => number): Series => ({
		name: label,
		color,
		points: curve(trajectory.loss.length, x, (t) => trajectory.loss[t]),
		failed: trajectory.end === 'diverged'
	});
	return { name, label, color, trajectory, byEpochs: against((t) => trajectory.examplesSeen[t] / n), byExamples: against((t) => trajectory.examplesSeen[t]) };
}

/** The export lists each epoch's order of the regression data up to this many indices in all (else null). */
const MAX_EXPORTED_ORDER = 100_000;

const lossList = (loss: Float64Array) => Array.from(loss, (v) => (Number.isFinite(v) ? tidyNumber(v) : null));

export class GradientDescentRun implements Run {
	readonly values: GradientDescentParams;
	readonly seed: number;
	/** The chosen optimizers, in the widget's order, with their labels and colours. */
	readonly optimizers: Omit<OptimizerRun, 'trajectory'>[];
	readonly schedule: ScheduleSettings;
	readonly scheduleCurve: Series[];
	readonly regression: RegressionProblem;
	readonly batchRuns: BatchRun[];
	#hp: Hyperparameters;
	#services: RunServices;
	#set: (values: Partial<GradientDescentParams>) => void;
	#cursor = $state(0);

	/** The typed formula compiled, once mathjs is here; null for a built-in surface. */
	readonly #compiled = $derived.by(() =>
		this.values.surface === 'custom' ? (formulas.value?.compileExpression(this.values.expr, FORMULA_VARIABLES) ?? null) : null
	);

	/** The surface with its loss grid (a typed one with the minima found on it); null while mathjs loads. */
	readonly #plotted = $derived.by(() => {
		const base = this.#baseSurface();
		return base && this.#services.memo('surface', `${base.name} ${base.formula}`, () => withLossGrid(base));
	});

	/** The start from the URL, clamped into the plotted region. */
	readonly start: Point = $derived.by(() => {
		const { x, y } = this.region;
		return [clamp(this.values.x0, ...x), clamp(this.values.y0, ...y)];
	});

	readonly runs: OptimizerRun[] = $derived.by(() => {
		const surface = this.surface;
		if (!surface) return [];
		const { steps, tol, noise } = this.values;
		const settings = { ...this.schedule, steps, tol, hp: this.#hp, noise, seed: this.seed };
		return this.optimizers.map((o) => ({ ...o, trajectory: runOnSurface(surface, o.name, this.start, settings) }));
	});

	/** Steps until every path of both parts has ended. */
	readonly longest = $derived.by(() => Math.max(0, ...[...this.runs, ...this.batchRuns].map((r) => r.trajectory.length)));

	/**
	 * The log-scale loss chart shows the loss above the lowest value in view (the grid's
	 * lowest, or a known minimum's).
	 */
	readonly lossCurves: Series[] = $derived.by(() => {
		const surface = this.surface;
		if (!surface) return [];
		const lowest = Math.min(this.grid?.min ?? Infinity, ...surface.minima.map(([x, y]) => surface.value(x, y)));
		const floor = Number.isFinite(lowest) ? lowest : 0;
		return this.runs.map(({ label, color, trajectory }) => ({
			name: label,
			color,
			points: lossCurve(trajectory, floor, surface.region),
			failed: trajectory.end === 'diverged'
		}));
	});

	/** Part 1's paths as far as the cursor, with −∇f where each one is now. */
	readonly paths: DrawnRun[] = $derived.by(() =>
		this.runs.map(({ label, color, trajectory }) => {
			const { index, ended } = positionAt(trajectory, this.cursor);
			const downhill = ended && trajectory.end === 'diverged' ? null : downhillAt(this.surface!, pointAt(trajectory, index));
			return { label, color, trajectory, shown: index + 1, downhill };
		})
	);

	readonly regressionPaths: DrawnRun[] = $derived.by(() =>
		this.batchRuns.map(({ label, color, trajectory }) => ({ label, color, trajectory, shown: positionAt(trajectory, this.cursor).index + 1, downhill: null }))
	);

	constructor({ values, seed, previous, set, services }: RunInput<typeof schema, GradientDescentRun>) {
		this.values = values;
		this.seed = seed;
		this.#set = set;
		this.#services = services;
		if (values.surface === 'custom') formulas.request();
		const { lr, schedule, steps, warmup, period, momentum, beta1, beta2, eps, rho, wd, n, spread, batch, blr, tol } = values;
		this.#hp = { ...DEFAULT_HYPERPARAMETERS, momentum, beta1, beta2, epsilon: eps, rho, weightDecay: wd };
		this.optimizers = OPTIMIZERS.filter((name) => values.opt.includes(name)).map((name) => ({
			name,
			label: OPTIMIZER_LABELS[name],
			color: categoryColor(COLOR_ORDER.indexOf(name))
		}));
		this.schedule = { lr, schedule, options: { totalSteps: steps, warmup, period } };
		this.scheduleCurve = [{ name: 'learning rate', color: 'var(--accent)', points: curve(steps, (t) => t, (t) => rateAt(this.schedule, t)) }];

		// Part 2 depends on none of part 1's values: a learning-rate drag finds it kept.
		const regression = (this.regression = services.memo('regression', JSON.stringify([n, spread, seed]), () => regressionProblem(n, spread, seed)));
		const settings = { lr: blr, schedule, options: this.schedule.options, steps, tol, seed };
		this.batchRuns = services.memo('batch-runs', JSON.stringify([n, spread, batch, settings]), () =>
			batchRuns(regression, batch, settings).map((run, i) => withCurves(run, i, n))
		);
		// Reset and a question's "show me" start at step 0; any other change keeps the cursor.
		this.#cursor = previous ? Math.min(previous.#cursor, this.longest) : 0;
	}

	#baseSurface(): Surface | null {
		const { surface, cond } = this.values;
		if (surface !== 'custom') return builtInSurface(surface, cond);
		const typed = this.#compiled?.ok ? this.#compiled : formulas.value?.compileExpression(schema.expr.default, FORMULA_VARIABLES);
		return typed?.ok ? customSurface(typed.expression, []) : null;
	}

	get surface(): Surface | null {
		return this.#plotted?.surface ?? null;
	}

	get grid() {
		return this.#plotted?.grid ?? null;
	}

	get region() {
		return this.surface?.region ?? CUSTOM_REGION;
	}

	/** The step the cursor is at. */
	get cursor(): number {
		return this.#cursor;
	}

	get canStep(): boolean {
		return this.surface !== null && this.#cursor < this.longest;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.#cursor++;
		return this.canStep;
	}

	/** Moves the start (dragged on the plot). */
	moveStart([x, y]: Point) {
		this.#set({ x0: Number(x.toFixed(3)), y0: Number(y.toFixed(3)) });
	}

	/** The gradient of a typed formula, as mathjs derived it. */
	get gradientText(): [string, string] | null {
		const typed = this.#compiled;
		return typed?.ok ? [typed.expression.gradient[0].text, typed.expression.gradient[1].text] : null;
	}

	get scheduleText(): string {
		return scheduleFormula(this.values.schedule, this.schedule.options);
	}

	get notices(): Notice[] {
		const { expr, x0, y0 } = this.values;
		const [x, y] = this.start;
		const list: Notice[] = [];
		const typed = this.#compiled;
		if (typed && !typed.ok) {
			list.push({ key: 'expr', message: `The formula "${expr}" is not used. ${typed.error} Showing ${schema.expr.default} instead.` });
		}
		if (x !== x0 || y !== y0) {
			list.push({ key: 'x0', message: `The start (${formatValue(x0)}, ${formatValue(y0)}) is outside the plotted region; using (${formatValue(x)}, ${formatValue(y)}).` });
		}
		if (this.surface && !Number.isFinite(this.surface.value(x, y))) {
			list.push({ key: 'start', message: `f is not defined at the start (${formatValue(x)}, ${formatValue(y)}): drag S to where it is.` });
		}
		return list;
	}

	/** Part 1's runs decide it; part 2 goes on to its own end. */
	get status(): RunStatus {
		if (!this.surface) return formulas.error ? 'error' : 'loading';
		if (this.canStep) return 'ready';
		const end = overallStatus(this.runs.map((r) => r.trajectory));
		return end === 'stopped' ? 'ready' : end;
	}

	get statusText(): string {
		if (!this.surface) {
			if (formulas.error) return `The formula parser could not be loaded (${formulas.error}). Check the connection, then press Reset to try again.`;
			return 'Reading the formula…';
		}
		const cursor = this.#cursor;
		const parts = this.runs.map(({ label, trajectory }) => {
			const { index, ended } = positionAt(trajectory, cursor);
			if (ended) return `${label} ${trajectory.reason}${trajectory.length ? ` at step ${trajectory.length}` : ''}`;
			return `${label} at loss ${formatValue(trajectory.loss[index], 3)}`;
		});
		let head = cursor === 0 ? 'Ready: press Play or Step.' : `Step ${cursor}.`;
		if (!this.canStep) {
			const none = overallStatus(this.runs.map((r) => r.trajectory)) === 'stopped';
			head = `Finished after ${cursor} steps${none ? '; no run converged' : ''}.`;
		}
		return `${head} ${parts.join('; ')}.`;
	}

	get readouts(): Readout[] {
		return [
			{ name: 'step', label: 'Step', value: this.#cursor },
			{ name: 'lr', label: 'Learning rate for the next step', value: rateAt(this.schedule, this.#cursor), digits: 3 },
			...this.runs.flatMap(({ name, label: group, trajectory }) => {
				const { index } = positionAt(trajectory, this.#cursor);
				const loss = trajectory.loss[index];
				return [
					{ name: `${name}-step`, label: 'Step', value: index, group },
					{ name: `${name}-loss`, label: 'Loss', value: Number.isFinite(loss) ? loss : null, group, digits: 4 },
					{ name: `${name}-distance`, label: 'Distance to minimum', value: distanceToNearest(this.surface!.minima, pointAt(trajectory, index)), group, digits: 3 }
				];
			})
		];
	}

	get regressionReadouts(): Readout[] {
		const [sw, sb] = this.regression.solution;
		return this.batchRuns.flatMap(({ name, label: group, trajectory }) => {
			const { index } = positionAt(trajectory, this.#cursor);
			const [w, b] = pointAt(trajectory, index);
			return [
				{ name: `${name}-step`, label: 'Step', value: index, group },
				{ name: `${name}-loss`, label: 'Loss', value: trajectory.loss[index], group, digits: 4 },
				{ name: `${name}-distance`, label: 'Distance to least squares', value: Math.hypot(w - sw, b - sb), group, digits: 3 }
			];
		});
	}

	/**
	 * The order each epoch of a regression run visited the data in, as far as it went: none for
	 * full batch (every update takes all the data), null if too long to export.
	 */
	#epochOrders({ batchSize, examplesSeen }: RegressionRun): number[][] | null {
		const n = this.regression.data.xs.length;
		if (batchSize >= n) return [];
		const epochs = Math.ceil(examplesSeen[examplesSeen.length - 1] / n);
		return epochs * n <= MAX_EXPORTED_ORDER ? regressionEpochOrders(n, batchSize, this.seed, epochs) : null;
	}

	exportData() {
		const { values, surface, schedule } = this;
		const { data, solution } = this.regression;
		return {
			state: {
				surface: values.surface,
				formula: surface?.formula ?? null,
				expr: values.surface === 'custom' ? (surface?.formula ?? null) : null,
				start: this.start,
				schedule: { name: schedule.schedule, baseRate: schedule.lr, formula: this.scheduleText, ...schedule.options },
				gradientNoise: values.noise,
				// Update t adds gradientNoise × noiseDraws[t] to the gradient (none without noise).
				noiseDraws: values.noise ? gradientNoiseDraws(this.seed, Math.max(0, ...this.runs.map((r) => r.trajectory.length))) : [],
				tolerance: values.tol,
				optimizers: this.runs.map(({ name, trajectory }) => ({
					name,
					hyperparams: { lr: values.lr, ...hyperparametersUsed(name, this.#hp) },
					path: pairsOf(trajectory.path),
					loss: lossList(trajectory.loss),
					status: trajectory.end,
					reason: trajectory.reason,
					steps: trajectory.length
				})),
				batch: {
					data: Array.from(data.xs, (x, i) => [tidyNumber(x), tidyNumber(data.ys[i])]),
					solution,
					start: REGRESSION_START,
					lr: values.blr,
					runs: this.batchRuns.map(({ name, trajectory }) => ({
						name,
						batchSize: trajectory.batchSize,
						path: pairsOf(trajectory.path),
						loss: lossList(trajectory.loss),
						examplesSeen: Array.from(trajectory.examplesSeen),
						epochOrders: this.#epochOrders(trajectory),
						status: trajectory.end,
						reason: trajectory.reason
					}))
				}
			},
			// history[t].lr is the rate of the update from step t to step t + 1.
			history: Array.from({ length: this.#cursor + 1 }, (_, t) => ({
				step: t,
				lr: rateAt(schedule, t),
				loss: Object.fromEntries(this.runs.map(({ name, trajectory }) => [name, trajectory.loss[Math.min(t, trajectory.length)]]))
			}))
		};
	}
}
