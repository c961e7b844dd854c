/**
 * The page side of training one or two networks for a widget: asks the trainer (a worker)
 * for steps, keeps what every step reported in preallocated arrays, and exposes it as
 * reactive state. Shared by the widgets that train networks.
 */
import { EngineStatus } from '$lib/engine/status.svelte';
import { Trainer, type Detail, type DetailRequest, type Outcome, type Setup } from './trainer';
import type { ModeEvaluation, NetworkParameters, StepResult } from './network';
import { errorMessage } from '$lib/engine/errors';

/** One network's latest step and everything recorded from it. */
export interface Run {
	latest: StepResult;
	/** Steps recorded (step 0, the initial state, included). */
	count: number;
	/** Per step: loss and accuracy as (step, value) pairs. */
	loss: Float32Array;
	accuracy: Float32Array;
	/** Per step, per layer: the gradient norm and the output's standard deviation ([step × depth]). */
	gradNorms: Float32Array;
	activationStds: Float32Array;
	/** Smallest and largest positive finite gradient norm so far. */
	lowest: number;
	highest: number;
	/** Largest finite loss so far. */
	highestLoss: number;
	boundary: Float32Array | null;
	detail: Detail | null;
	diverged: boolean;
	/** Each layer's weights at initialisation (fanIn × fanOut row by row). */
	startWeights: Float32Array[];
	/** Per recorded step, the training rows its batch used (null: all of them). */
	batches: (Int32Array | null)[];
	/** Per recorded step, with dropout: which hidden outputs it kept, packed (StepResult.dropoutKept); null without dropout or past its limit. */
	dropoutKept: (Uint8Array[] | null)[];
	/**
	 * With a validation set (Setup.validation), per step as (step, value) pairs: the loss on the
	 * whole training set and on the validation set after the step's update; null without one.
	 */
	trainLoss: Float32Array | null;
	validationLoss: Float32Array | null;
	/** Early stopping has ended this network's training (StepResult.stopped). */
	stopped: boolean;
	/** When the training evaluates batch norm's modes (`evaluateModes`): the latest evaluation, and per step its two losses as (step, value) pairs. */
	modes?: ModeEvaluation | null;
	trainingModeLoss?: Float32Array;
	inferenceLoss?: Float32Array;
	/** With `evaluateModes`: the fixed order of the training rows its evaluations group (Outcome.evaluationOrder). */
	evaluationOrder?: Int32Array;
	/**
	 * When the training asks for them (`parameters`), the latest only, never per step: every
	 * parameter after the latest recorded step's update (what `modes` measured)…
	 */
	parameters?: NetworkParameters;
	/** …and before it (what that step's batch, and so `detail`, went through); at step 0 the same. */
	parametersBefore?: NetworkParameters;
}

function record(run: Run, { latest, boundary, detail, modes, parameters }: Outcome): Run {
	if (latest.diverged) return { ...run, latest, diverged: true };
	// The step that stopped early applied no update: nothing new to record but the kept weights' boundary.
	if (latest.stopped && run.count > 0 && latest.step === run.latest.step) return { ...run, latest, stopped: true, boundary: boundary ?? run.boundary };
	const at = run.count;
	if (latest.evaluation && run.trainLoss && run.validationLoss) {
		run.trainLoss.set([latest.step, latest.evaluation.trainLoss], 2 * at);
		run.validationLoss.set([latest.step, latest.evaluation.validationLoss], 2 * at);
	}
	if (modes && run.trainingModeLoss && run.inferenceLoss) {
		run.trainingModeLoss.set([latest.step, modes.trainLoss], 2 * at);
		run.inferenceLoss.set([latest.step, modes.inferenceLoss], 2 * at);
	}
	const depth = latest.layers.length;
	run.loss.set([latest.step, latest.loss], 2 * at);
	run.accuracy.set([latest.step, latest.accuracy], 2 * at);
	run.batches[at] = latest.batch;
	run.dropoutKept[at] = latest.dropoutKept ?? null;
	let [lowest, highest] = [run.lowest, run.highest];
	latest.layers.forEach(({ gradNorm, activationStd }, l) => {
		run.gradNorms[at * depth + l] = gradNorm;
		run.activationStds[at * depth + l] = activationStd;
		if (gradNorm > 0 && Number.isFinite(gradNorm)) [lowest, highest] = [Math.min(lowest, gradNorm), Math.max(highest, gradNorm)];
	});
	const highestLoss = Number.isFinite(latest.loss) ? Math.max(run.highestLoss, latest.loss) : run.highestLoss;
	return {
		...run,
		latest,
		count: at + 1,
		lowest,
		highest,
		highestLoss,
		boundary: boundary ?? run.boundary,
		detail: detail ?? run.detail,
		stopped: latest.stopped === true,
		...(modes === undefined ? {} : { modes }),
		...(parameters ? { parameters, parametersBefore: run.parameters ?? parameters } : {})
	};
}

function firstRun(outcome: Outcome, maxSteps: number): Run {
	const depth = outcome.latest.layers.length;
	const empty: Run = {
		latest: outcome.latest,
		count: 0,
		loss: new Float32Array(2 * (maxSteps + 1)),
		accuracy: new Float32Array(2 * (maxSteps + 1)),
		gradNorms: new Float32Array((maxSteps + 1) * depth),
		activationStds: new Float32Array((maxSteps + 1) * depth),
		lowest: Infinity,
		highest: 0,
		highestLoss: 0,
		boundary: null,
		detail: null,
		diverged: false,
		startWeights: outcome.startWeights ?? [],
		...(outcome.evaluationOrder ? { evaluationOrder: outcome.evaluationOrder } : {}),
		batches: [],
		dropoutKept: [],
		trainLoss: outcome.latest.evaluation ? new Float32Array(2 * (maxSteps + 1)) : null,
		validationLoss: outcome.latest.evaluation ? new Float32Array(2 * (maxSteps + 1)) : null,
		stopped: false,
		...(outcome.modes === undefined
			? {}
			: { modes: null, trainingModeLoss: new Float32Array(2 * (maxSteps + 1)), inferenceLoss: new Float32Array(2 * (maxSteps + 1)) })
	};
	return record(empty, outcome);
}

/** Drawn steps are at least this far apart (ms): about 30 a second, every other frame at 60 Hz. */
const PUBLISH_INTERVAL = 30;

export class NetworkTraining {
	/** What the page draws: the recorded runs, published at most once per animation frame. */
	runs = $state.raw<Run[]>([]);
	#recorded: Run[] = [];
	#publishing = false;
	#publishedAt = -Infinity;
	failure = $state<string | null>(null);
	/** The TF.js the networks train on (in the worker), for the widget to show. */
	readonly engine = new EngineStatus();
	readonly maxSteps: number;
	#grid: Float32Array;
	#detail: DetailRequest | undefined;
	#boundaryEvery: number;
	#evaluateModes: boolean;
	#parameters: boolean;
	#trainer: Trainer | null = null;
	/** Steps sent to the trainer since the last reset, and how many of them are not back yet. */
	#sent = 0;
	#inFlight = 0;
	/** A step asked for while the trainer already has its fill: sent as soon as one comes back. */
	#wanted = false;
	/** Counts resets, so replies that belong to networks since replaced are ignored. */
	#epoch = 0;
	#resetting = false;

	/**
	 * @param grid points where the decision boundary is evaluated (flat x, y pairs)
	 * @param boundaryEvery the boundary is evaluated every this many steps (it costs about a step)
	 * @param evaluateModes every step also evaluates the whole training set in batch norm's two modes (`Run.modes`)
	 * @param parameters every step also brings the networks' parameters (`Run.parameters`, `Run.parametersBefore`)
	 */
	constructor({
		maxSteps,
		grid,
		detail,
		boundaryEvery = 5,
		evaluateModes = false,
		parameters = false
	}: {
		maxSteps: number;
		grid: Float32Array;
		detail?: DetailRequest;
		boundaryEvery?: number;
		evaluateModes?: boolean;
		parameters?: boolean;
	}) {
		this.#evaluateModes = evaluateModes;
		this.#parameters = parameters;
		this.maxSteps = maxSteps;
		this.#grid = grid;
		this.#detail = detail;
		this.#boundaryEvery = boundaryEvery;
	}

	/** Starts the trainer; call from an `$effect` and return what it returns (it stops the trainer). */
	open(): () => void {
		this.#trainer = new Trainer();
		this.engine.follow(this.#trainer.started);
		return () => {
			this.#trainer?.close();
			this.#trainer = null;
		};
	}

	/** New networks, measured at initialisation (what they hold until the first step). */
	reset(setups: Setup[]) {
		if (!this.#trainer) return;
		this.runs = this.#recorded = [];
		this.failure = null;
		this.#epoch++;
		this.#resetting = true;
		const epoch = this.#epoch;
		this.#sent = 0;
		this.#inFlight = 0;
		this.#wanted = false;
		const maxSteps = this.maxSteps;
		this.#trainer.reset(setups, this.#grid, this.#detail, { evaluateModes: this.#evaluateModes, parameters: this.#parameters }).then(
			(outcomes) => {
				if (epoch !== this.#epoch || !outcomes) return;
				this.#resetting = false;
				this.runs = this.#recorded = outcomes.map((outcome) => firstRun(outcome, maxSteps));
				if (this.#wanted) {
					this.#wanted = false;
					this.step();
				}
			},
			(error: unknown) => this.#fail(error)
		);
	}

	/** Steps taken: a network that diverged or stopped early stops counting, the other goes on. */
	get steps(): number {
		return Math.max(0, ...this.runs.map((run) => run.latest.step));
	}

	/** A loss axis every network's curve fits on: from 0 to the highest loss seen (at least 1, at most 10). */
	get lossDomain(): [number, number] {
		const highest = Math.max(1, ...this.runs.map((run) => run.highestLoss));
		return [0, Math.min(highest * 1.05, 10)];
	}

	/** A step axis for the curves: at least 10 steps wide. */
	get stepDomain(): [number, number] {
		return [0, Math.max(10, this.steps)];
	}

	get finished(): boolean {
		return this.runs.length > 0 && (this.steps >= this.maxSteps || this.runs.every((r) => r.diverged || r.stopped));
	}

	/**
	 * Asks for the next step; the state updates when it arrives. Up to two steps are with the
	 * trainer at once, so it starts the next while the page draws the last (this is what lets
	 * it train faster than once per frame); one more asked for meanwhile (or before the new
	 * networks are ready) is sent the moment it can be.
	 */
	step(): boolean {
		if (this.finished || !this.#trainer) return false;
		if (this.#sent >= this.maxSteps) return true;
		// Before the new networks are measured, or while the trainer has its fill: sent later.
		if (this.#recorded.length === 0 || this.#inFlight >= 2) {
			this.#wanted = true;
			return true;
		}
		this.#sent++;
		this.#inFlight++;
		const epoch = this.#epoch;
		const boundary = this.#sent % this.#boundaryEvery === 0;
		this.#trainer.step(boundary).then(
			(outcomes) => {
				if (epoch !== this.#epoch) return;
				this.#inFlight--;
				if (!outcomes) return;
				this.#recorded = this.#recorded.map((run, i) => (run.diverged || run.stopped ? run : record(run, outcomes[i])));
				this.#publish();
				if (this.#wanted) {
					this.#wanted = false;
					this.step();
				}
			},
			(error: unknown) => this.#fail(error)
		);
		return true;
	}

	/**
	 * Shows the newest steps on an animation frame, at most every PUBLISH_INTERVAL ms: when
	 * training runs faster than that, drawing each step would take the processor time the
	 * training needs (both share a laptop's few cores), for a difference no one can see.
	 */
	#publish() {
		if (typeof requestAnimationFrame === 'undefined') {
			this.runs = this.#recorded;
			return;
		}
		if (this.#publishing) return;
		this.#publishing = true;
		const onFrame = (now: number) => {
			if (now - this.#publishedAt < PUBLISH_INTERVAL) {
				requestAnimationFrame(onFrame);
				return;
			}
			this.#publishing = false;
			this.#publishedAt = now;
			this.runs = this.#recorded;
		};
		requestAnimationFrame(onFrame);
	}

	#fail(error: unknown) {
		this.failure = errorMessage(error);
		this.#resetting = false;
		this.#inFlight = 0;
		this.#wanted = false;
	}

	/** Resolves once nothing is under way: the networks are built and every step asked for is back and shown. */
	async settled(): Promise<void> {
		while (this.#resetting || this.#inFlight > 0 || this.#wanted || this.#publishing) await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
