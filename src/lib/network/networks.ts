/** The networks and their training step, wherever they run: the worker wraps one of these (trainer.ts). */
import { Network } from './network';
import { deadUnits, distinctUnits, histogram, histogramRange } from './inspect';
import type { Detail, DetailRequest, Outcome, Reply, Request } from './protocol';
import type { ModeEvaluation } from './network';

export class Networks {
	#networks: Network[] = [];
	#grid: Float32Array = new Float32Array(0);
	#detail: DetailRequest | null = null;
	/** What a network that early stopping has ended reported last: it is not stepped again. */
	#frozen: (Outcome | undefined)[] = [];
	#evaluateModes = false;
	#parameters = false;

	handle(request: Request): Reply | null {
		switch (request.type) {
			case 'reset': {
				this.dispose();
				this.#grid = request.grid;
				this.#detail = request.detail ?? null;
				this.#evaluateModes = request.evaluateModes ?? false;
				this.#parameters = request.parameters ?? false;
				this.#networks = request.setups.map(({ spec, data, seed, validation }) => new Network(spec, data, seed, validation));
				this.#frozen = [];
				// The starting weights (and the evaluation's order) go with the first outcomes, so an export can replay the training.
				const outcomes = this.#outcomes(false, true).map((outcome, i) => ({
					...outcome,
					startWeights: startWeights(this.#networks[i]),
					...(this.#evaluateModes ? { evaluationOrder: this.#networks[i].evaluationOrder } : {})
				}));
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
		const inside = detail?.preActivations === true;
		const steps = this.#networks.map((network, i) => frozen[i]?.latest ?? network.step({ apply, recordActivations: detail !== null, recordPreActivations: inside }));
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
		const sideRanges = inside ? [insideRanges(steps.map((s) => s.preActivations)), insideRanges(steps.map((s) => s.activationInputs))] : null;
		return steps.map(({ activations, preActivations, activationInputs, ...latest }, i) => {
			if (frozen[i]) return { ...frozen[i], boundary: null, detail: null };
			const seen = detail && activations ? inspect(this.#networks[i], activations, range, detail) : null;
			if (seen && sideRanges && preActivations && activationInputs) {
				seen.preHistograms = preActivations.map((values) => histogram(values, sideRanges[0][i], detail!.bins));
				seen.inputHistograms = activationInputs.map((values) => histogram(values, sideRanges[1][i], detail!.bins));
			}
			// The step that stopped early brings its kept weights' boundary, whenever it falls.
			const outcome: Outcome = {
				latest,
				boundary: (boundary || latest.stopped) && !latest.diverged ? this.#networks[i].predict(this.#grid) : null,
				detail: seen,
				...(this.#evaluateModes ? { modes: latest.diverged ? null : finiteEvaluation(this.#networks[i].evaluateModes(this.#networks[i].spec.batchSize)) } : {}),
				...(this.#parameters ? { parameters: this.#networks[i].parameters() } : {})
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

/**
 * The range of each network's histograms: the middle of its layers' means ± three of the
 * largest standard deviation; one range for all when they are of a size (so they compare by
 * eye), each its own when one is ten times wider (a network blowing up would squash the
 * other's to a line).
 */
function insideRanges(layersOfNetworks: (Float32Array[] | undefined)[]): [number, number][] {
	const own = layersOfNetworks.map((layers): [number, number] | null => {
		const moments = (layers ?? []).map(valueMoments);
		if (!moments.length || !moments.every(({ mean, std }) => Number.isFinite(mean) && Number.isFinite(std))) return null;
		const range = histogramRange(
			'linear',
			moments.map((m) => m.mean),
			moments.map((m) => m.std)
		);
		return range.every(Number.isFinite) ? range : null;
	});
	const usable = own.filter((r): r is [number, number] => r !== null);
	if (!usable.length) return own.map(() => [-1, 1]);
	const widths = usable.map(([lo, hi]) => hi - lo);
	const union: [number, number] = [Math.min(...usable.map((r) => r[0])), Math.max(...usable.map((r) => r[1]))];
	const shared = Math.max(...widths) <= 10 * Math.min(...widths);
	return own.map((range) => (shared || !range ? union : range));
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
function finiteEvaluation(evaluation: ModeEvaluation): ModeEvaluation | null {
	const numbers = [evaluation.trainLoss, evaluation.inferenceLoss, evaluation.trainAccuracy, evaluation.inferenceAccuracy];
	return numbers.every(Number.isFinite) ? evaluation : null;
}
