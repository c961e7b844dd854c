/** The networks and their training step, wherever they run: the worker wraps one of these (trainer.ts). */
import { Network } from './network';
import { deadUnits, distinctUnits, histogram, histogramRange } from './inspect';
import type { Detail, DetailRequest, Outcome, Reply, Request } from './protocol';
import type { Evaluation } from './network';

export class Networks {
	#networks: Network[] = [];
	#grid: Float32Array = new Float32Array(0);
	#detail: DetailRequest | null = null;
	#evaluate = false;

	handle(request: Request): Reply | null {
		switch (request.type) {
			case 'reset': {
				this.dispose();
				this.#grid = request.grid;
				this.#detail = request.detail ?? null;
				this.#evaluate = request.evaluate ?? false;
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
		const inside = detail?.preActivations === true;
		const steps = this.#networks.map((network) => network.step({ apply, recordActivations: detail !== null, recordPreActivations: inside }));
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
		const insideRanges = inside ? [sharedRange(steps.map((s) => s.preActivations)), sharedRange(steps.map((s) => s.activationInputs))] : null;
		return steps.map(({ activations, preActivations, activationInputs, ...latest }, i) => {
			const seen = detail && activations ? inspect(this.#networks[i], activations, range, detail) : null;
			if (seen && insideRanges && preActivations && activationInputs) {
				seen.preHistograms = preActivations.map((values) => histogram(values, insideRanges[0], detail!.bins));
				seen.inputHistograms = activationInputs.map((values) => histogram(values, insideRanges[1], detail!.bins));
			}
			return {
				latest,
				boundary: boundary && !latest.diverged ? this.#networks[i].predict(this.#grid) : null,
				detail: seen,
				...(this.#evaluate ? { evaluation: latest.diverged ? null : finiteEvaluation(this.#networks[i].evaluate(this.#networks[i].spec.batchSize)) } : {})
			};
		});
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
		dead: activations.map((values) => deadUnits(values, width)),
		units: network.weights(layer),
		unitShape: shape(layer)
	};
}

/**
 * One range for the histograms of every network's layers: the middle of the layers' means
 * ± three of the largest standard deviation, over the networks whose values are finite.
 */
function sharedRange(layersOfNetworks: (Float32Array[] | undefined)[]): [number, number] {
	const [means, stds]: number[][] = [[], []];
	for (const layers of layersOfNetworks) {
		const moments = (layers ?? []).map(valueMoments);
		if (!moments.every(({ mean, std }) => Number.isFinite(mean) && Number.isFinite(std))) continue;
		for (const { mean, std } of moments) {
			means.push(mean);
			stds.push(std);
		}
	}
	return means.length ? histogramRange('linear', means, stds) : [-1, 1];
}

function valueMoments(values: Float32Array) {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	const mean = sum / values.length;
	let squares = 0;
	for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
	return { mean, std: Math.sqrt(squares / values.length) };
}

/** An evaluation whose numbers overflowed tells nothing: none at all. */
function finiteEvaluation(evaluation: Evaluation): Evaluation | null {
	const numbers = [evaluation.trainLoss, evaluation.inferenceLoss, evaluation.trainAccuracy, evaluation.inferenceAccuracy];
	return numbers.every(Number.isFinite) ? evaluation : null;
}
