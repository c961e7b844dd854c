/** Messages between the page and the training worker (see trainer.ts and worker.ts). */
import type { EngineInfo } from '$lib/engine/backend';
import type { LabelledPoints } from './datasets';
import type { Histogram } from './inspect';
import type { ModeEvaluation, NetworkParameters, NetworkSpec, StepResult } from './network';

export interface Setup {
	spec: NetworkSpec;
	data: LabelledPoints;
	seed: number;
	/** Points the network is measured on after every step and never trained on (StepResult.evaluation). */
	validation?: LabelledPoints;
}

export type Request =
	/**
	 * Replace the networks with new ones and measure them at initialisation. `parameters`: every
	 * outcome brings each network's parameters as they stand after its step (Outcome.parameters).
	 */
	| { type: 'reset'; generation: number; setups: Setup[]; grid: Float32Array; detail?: DetailRequest; evaluateModes?: boolean; parameters?: boolean }
	/** One training step of every network that has not diverged; the boundary too when asked. */
	| { type: 'step'; generation: number; boundary: boolean }
	| { type: 'dispose' };

/** Asks each step for a look inside: histograms of the hidden layers and the units of one layer. */
export interface DetailRequest {
	bins: number;
	/** The layer (0-based) whose units' incoming weights are sent. */
	unitLayer: number;
	/** Histograms of what goes into each hidden layer's batch norm and of what comes out (the activation's input) too. */
	preActivations?: boolean;
}

export interface Detail {
	/** One per hidden layer, on a range the layers share (see histogramRange). */
	histograms: Histogram[];
	/** Distinct units in each hidden layer (see distinctUnits). */
	distinct: number[];
	/** Dead units in each hidden layer: the same output on every point of the batch (see deadUnits). */
	dead: number[];
	/** The weights of `unitLayer`, fanIn × fanOut row by row: column j is unit j's incoming weights. */
	units: Float32Array;
	unitShape: [number, number];
	/** When asked for (`preActivations`), one per hidden layer: W·h + b before batch norm… */
	preHistograms?: Histogram[];
	/** …and the activation's input, after it; each kind on a range the networks share unless one's is ten times wider. */
	inputHistograms?: Histogram[];
}

export interface Outcome {
	/** The step's numbers, without the raw activations (the histograms summarise them). */
	latest: StepResult;
	/** P(class 1) on the grid, when it was asked for. */
	boundary: Float32Array | null;
	detail: Detail | null;
	/** Each layer's weights at initialisation, fanIn × fanOut row by row: sent with a reset's outcomes only. */
	startWeights?: Float32Array[];
	/** The whole training set in batch norm's training and inference modes, when the reset asked for it (`evaluateModes`); null once diverged. */
	modes?: ModeEvaluation | null;
	/** With `evaluateModes`, sent with a reset's outcomes only: the fixed order of the training rows the evaluation groups (Network.evaluationOrder). */
	evaluationOrder?: Int32Array;
	/** When the reset asked for them: every parameter after this step's update (before it for a step that applied none). */
	parameters?: NetworkParameters;
}

export type Reply =
	/** TF.js has started in the worker (sent once, before any other reply)… */
	| { type: 'started'; engine: EngineInfo }
	/** …or it could not: every request is answered with an error. */
	| { type: 'not-started'; message: string }
	/** `tensors`: live tensors where the networks run, once this request is done (see engine/probe.ts). */
	| { type: 'outcomes'; generation: number; outcomes: Outcome[]; tensors?: number }
	| { type: 'error'; generation: number; message: string };
