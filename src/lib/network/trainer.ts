/**
 * Trains networks off the main thread: one training step of a deep network can take longer
 * than a frame (50 layers × 128 units: ~170 ms), so the steps run in a Web Worker and the
 * page only draws. Where no worker can start, the same work runs here instead.
 *
 * Replies to an older `reset` are dropped: a generation number travels with every request.
 */
import type { EngineInfo } from '$lib/engine/backend';
import { reportWorkerTensors } from '$lib/engine/probe';
import type { Detail, DetailRequest, Outcome, Reply, Request, Setup } from './protocol';

export type { Detail, DetailRequest, Outcome, Setup };

interface Engine {
	handle(request: Request): Promise<Reply | null>;
	/** The TF.js the networks run on, once it has started. */
	started: Promise<EngineInfo>;
	close(): void;
}

function workerEngine(): Engine {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	const waiting: ((reply: Reply) => void)[] = [];
	let onStarted: (engine: EngineInfo) => void = () => {};
	let onNotStarted: (error: Error) => void = () => {};
	const started = new Promise<EngineInfo>((resolve, reject) => ([onStarted, onNotStarted] = [resolve, reject]));
	// Nobody may be listening yet; whoever asks later still sees the rejection.
	started.catch(() => {});
	worker.onmessage = (event: MessageEvent<Reply>) => {
		const reply = event.data;
		// When TF.js could not start, the worker answers each request with the error itself.
		if (reply.type === 'started') onStarted({ ...reply.engine, inWorker: true });
		else if (reply.type === 'not-started') onNotStarted(new Error(reply.message));
		else {
			if (reply.type === 'outcomes' && reply.tensors !== undefined) reportWorkerTensors(worker, reply.tensors);
			waiting.shift()?.(reply);
		}
	};
	// A worker that fails to load or crashes answers everything still waiting with its error.
	worker.onerror = (event) => {
		event.preventDefault();
		const message = `The training worker failed: ${event.message || 'it could not start'}`;
		onNotStarted(new Error(message));
		for (const resolve of waiting.splice(0)) resolve({ type: 'error', generation: -1, message });
	};
	return {
		started,
		handle(request) {
			worker.postMessage(request);
			if (request.type === 'dispose') return Promise.resolve(null);
			return new Promise((resolve) => waiting.push(resolve));
		},
		close: () => {
			worker.terminate();
			reportWorkerTensors(worker, null);
		}
	};
}

/** The same work on this thread, with TF.js on the page; both are loaded only now. */
function localEngine(): Engine {
	const started = import('$lib/engine/page').then(({ startPageEngine }) => startPageEngine());
	const networks = started.then(() => import('./networks')).then(({ Networks }) => new Networks());
	return {
		started,
		handle: async (request) => (await networks).handle(request),
		close: () => void networks.then((n) => n.dispose())
	};
}

export class Trainer {
	#engine: Engine;
	#generation = 0;
	/** The TF.js the networks run on, once it has started (it rejects with the reason it could not). */
	readonly started: Promise<EngineInfo>;

	constructor() {
		let engine: Engine | null = null;
		try {
			if (typeof Worker !== 'undefined') engine = workerEngine();
		} catch {
			// No worker here (a very old browser, a sandbox that forbids them): train on this thread.
		}
		this.#engine = engine ?? localEngine();
		this.started = this.#engine.started;
	}

	/**
	 * New networks, measured at initialisation. Resolves null if another reset came first.
	 * `evaluateModes` and `parameters` ask every outcome for more (see Outcome).
	 */
	async reset(
		setups: Setup[],
		grid: Float32Array,
		detail?: DetailRequest,
		{ evaluateModes, parameters }: { evaluateModes?: boolean; parameters?: boolean } = {}
	): Promise<Outcome[] | null> {
		const generation = ++this.#generation;
		const request: Request = { type: 'reset', generation, setups, grid, detail, ...(evaluateModes ? { evaluateModes } : {}), ...(parameters ? { parameters } : {}) };
		return this.#outcomes(await this.#engine.handle(request), generation);
	}

	/** One step of every network. Resolves null if a reset came in between. */
	async step(boundary: boolean): Promise<Outcome[] | null> {
		const generation = this.#generation;
		return this.#outcomes(await this.#engine.handle({ type: 'step', generation, boundary }), generation);
	}

	#outcomes(reply: Reply | null, generation: number): Outcome[] | null {
		if (reply?.type === 'error') throw new Error(reply.message);
		if (reply?.type !== 'outcomes' || generation !== this.#generation) return null;
		return reply.outcomes;
	}

	close() {
		this.#generation++;
		void this.#engine.handle({ type: 'dispose' });
		this.#engine.close();
	}
}
