/** Messages between the page and the training worker (see trainer.ts and worker.ts). */
import type { LabelledPoints } from './datasets';
import type { NetworkSpec, StepResult } from './network';

export interface Setup {
	spec: NetworkSpec;
	data: LabelledPoints;
	seed: number;
}

export type Request =
	/** Replace the networks with new ones and measure them at initialisation. */
	| { type: 'reset'; generation: number; setups: Setup[]; grid: Float32Array }
	/** One training step of every network that has not diverged; the boundary too when asked. */
	| { type: 'step'; generation: number; boundary: boolean }
	| { type: 'dispose' };

export interface Outcome {
	latest: StepResult;
	/** P(class 1) on the grid, when it was asked for. */
	boundary: Float32Array | null;
}

export type Reply =
	| { type: 'ready'; backend: string }
	| { type: 'outcomes'; generation: number; outcomes: Outcome[] }
	| { type: 'error'; generation: number; message: string };
