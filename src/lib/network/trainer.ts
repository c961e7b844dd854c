/**
 * Trains networks off the main thread: one training step of a deep network can take longer
 * than a frame (50 layers × 128 units: ~170 ms), so the steps run in a Web Worker and the
 * page only draws. Where no worker can start, the same work runs here instead.
 *
 * Replies to an older `reset` are dropped: a generation number travels with every request.
 */
import { Network } from './network';
import { reportWorkerTensors } from '$lib/engine/probe';
import { distinctUnits, histogram, histogramRange } from './inspect';
import type { Detail, DetailRequest, Outcome, Reply, Request, Setup } from './protocol';

export type { Detail, DetailRequest, Outcome, Setup };

interface Engine {
	handle(request: Request): Promise<Reply | null>;
	close(): void;
}

/** The networks and their step, wherever they run; the worker wraps one of these. */
export class Networks {
	#networks: Network[] = [];
	#grid: Float32Array = new Float32Array(0);
	#detail: DetailRequest | null = null;

	handle(request: Request): Reply | null {
		switch (request.type) {
			case 'reset': {
				this.dispose();
				this.#grid = request.grid;
				this.#detail = request.detail ?? null;
				this.#networks = request.setups.map(({ spec, data, seed }) => new Network(spec, data, seed));
				return { type: 'outcomes', generation: request.generation, outcomes: this.#outcomes(false, true) };
			}
			case 'step': {
				return { type: 'outcomes', generation: request.generation, outcomes: this.#outcomes(true, request.boundary) };
			}
			case 'dispose':
				this.dispose();
				return null;
		}
	}

	/** A step (or a measurement) of every network; their histograms share one range, so they compare by eye. */
	#outcomes(apply: boolean, boundary: boolean): Outcome[] {
		const detail = this.#detail;
		const steps = this.#networks.map((network) => network.step({ apply, recordActivations: detail !== null }));
		const ranges = steps.map(({ layers }, i) => {
			const hidden = layers.slice(0, -1);
			const range = histogramRange(
				this.#networks[i].spec.activation,
				hidden.map((l) => l.activationMean),
				hidden.map((l) => l.activationStd)
			);
			return Number.isFinite(range[0]) && Number.isFinite(range[1]) ? range : null;
		});
		const usable = ranges.filter((r): r is [number, number] => r !== null);
		const range: [number, number] = usable.length ? [Math.min(...usable.map((r) => r[0])), Math.max(...usable.map((r) => r[1]))] : [-1, 1];
		return steps.map(({ activations, ...latest }, i) => ({
			latest,
			boundary: boundary && !latest.diverged ? this.#networks[i].predict(this.#grid) : null,
			detail: detail && activations ? inspect(this.#networks[i], activations, range, detail) : null
		}));
	}

	dispose() {
		this.#networks.forEach((network) => network.dispose());
		this.#networks = [];
	}
}

function inspect(network: Network, activations: Float32Array[], range: [number, number], { bins, unitLayer }: DetailRequest): Detail {
	const { depth, width } = network.spec;
	const shape = (l: number): [number, number] => [l === 0 ? 2 : width, l === depth - 1 ? 1 : width];
	const layer = Math.min(unitLayer, depth - 2);
	return {
		histograms: activations.map((values) => histogram(values, range, bins)),
		distinct: Array.from({ length: depth - 1 }, (_, l) => distinctUnits(network.weights(l), ...shape(l))),
		units: network.weights(layer),
		unitShape: shape(layer)
	};
}

function workerEngine(): Engine {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	const waiting: ((reply: Reply) => void)[] = [];
	worker.onmessage = (event: MessageEvent<Reply>) => {
		if (event.data.type === 'outcomes' && event.data.tensors !== undefined) reportWorkerTensors(worker, event.data.tensors);
		if (event.data.type !== 'ready') waiting.shift()?.(event.data);
	};
	// A worker that fails to load or crashes answers everything still waiting with its error.
	worker.onerror = (event) => {
		event.preventDefault();
		for (const resolve of waiting.splice(0)) resolve({ type: 'error', generation: -1, message: `The training worker failed: ${event.message || 'it could not start'}` });
	};
	return {
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

function localEngine(): Engine {
	const networks = new Networks();
	return {
		handle: async (request) => networks.handle(request),
		close: () => networks.dispose()
	};
}

export class Trainer {
	#engine: Engine;
	#generation = 0;
	/** True when the networks train in a worker. */
	readonly inWorker: boolean;

	constructor() {
		let engine: Engine | null = null;
		try {
			if (typeof Worker !== 'undefined') engine = workerEngine();
		} catch {
			// No worker here (a very old browser, a sandbox that forbids them): train on this thread.
		}
		this.inWorker = engine !== null;
		this.#engine = engine ?? localEngine();
	}

	/** New networks, measured at initialisation. Resolves null if another reset came first. */
	async reset(setups: Setup[], grid: Float32Array, detail?: DetailRequest): Promise<Outcome[] | null> {
		const generation = ++this.#generation;
		return this.#outcomes(await this.#engine.handle({ type: 'reset', generation, setups, grid, detail }), generation);
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
