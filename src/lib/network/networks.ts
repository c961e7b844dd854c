/** The networks and their training step, wherever they run: the worker wraps one of these (trainer.ts). */
import { Network } from './network';
import { deadUnits, distinctUnits, histogram, histogramRange } from './inspect';
import type { Detail, DetailRequest, Outcome, Reply, Request } from './protocol';

export class Networks {
	#networks: Network[] = [];
	#grid: Float32Array = new Float32Array(0);
	#detail: DetailRequest | null = null;
	/** What a network that early stopping has ended reported last: it is not stepped again. */
	#frozen: (Outcome | undefined)[] = [];

	handle(request: Request): Reply | null {
		switch (request.type) {
			case 'reset': {
				this.dispose();
				this.#grid = request.grid;
				this.#detail = request.detail ?? null;
				this.#networks = request.setups.map(({ spec, data, seed, validation }) => new Network(spec, data, seed, validation));
				this.#frozen = [];
				// The starting weights go with the first outcomes, so an export can replay the training.
				const outcomes = this.#outcomes(false, true).map((outcome, i) => ({ ...outcome, startWeights: startWeights(this.#networks[i]) }));
				return { type: 'outcomes', generation: request.generation, outcomes };
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
		const frozen = this.#frozen;
		const steps = this.#networks.map((network, i) => frozen[i]?.latest ?? network.step({ apply, recordActivations: detail !== null }));
		// A diverged network's overflowing values would stretch the other's axis to nothing.
		const ranges = steps.map(({ layers, diverged }, i) => {
			if (diverged) return null;
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
		return steps.map(({ activations, ...latest }, i) => {
			if (frozen[i]) return { ...frozen[i], boundary: null, detail: null };
			// The step that stopped early brings its kept weights' boundary, whenever it falls.
			const outcome: Outcome = {
				latest,
				boundary: (boundary || latest.stopped) && !latest.diverged ? this.#networks[i].predict(this.#grid) : null,
				detail: detail && activations ? inspect(this.#networks[i], activations, range, detail) : null
			};
			if (latest.stopped) frozen[i] = outcome;
			return outcome;
		});
	}

	dispose() {
		this.#networks.forEach((network) => network.dispose());
		this.#networks = [];
	}
}

function startWeights(network: Network): Float32Array[] {
	return Array.from({ length: network.spec.depth }, (_, l) => network.weights(l));
}

function inspect(network: Network, activations: Float32Array[], range: [number, number], { bins, unitLayer }: DetailRequest): Detail {
	const { depth, width } = network.spec;
	const shape = (l: number): [number, number] => [l === 0 ? 2 : width, l === depth - 1 ? 1 : width];
	const layer = Math.min(unitLayer, depth - 2);
	return {
		histograms: activations.map((values) => histogram(values, range, bins)),
		distinct: Array.from({ length: depth - 1 }, (_, l) => distinctUnits(network.weights(l), ...shape(l))),
		dead: activations.map((values) => deadUnits(values, width)),
		units: network.weights(layer),
		unitShape: shape(layer)
	};
}
