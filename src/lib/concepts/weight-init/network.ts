/**
 * Weight initialisation on the shared network page half (lib/widget/network): which
 * networks the values ask for, and how to read, show and export one of them.
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import { INIT_LABELS } from '$lib/network/init';
import type { Run as TrainedNetwork } from '$lib/network/training.svelte';
import type { NetworkColumn, NetworkConcept } from '$lib/widget/network/run.svelte';
import type { schema, WeightInitParams } from './params';
import { BINS, BOUNDARY_GRID, DATA_POINTS, MAX_STEPS, networkSpec, stdRatio, UNIT_LAYER, type InitChoice } from './sim';

const finite = (value: number) => (Number.isFinite(value) ? value : null);

export function choicesOf(values: WeightInitParams): InitChoice[] {
	const a: InitChoice = { init: values.init, sigma: values.sigma, a: values.a, c: values.c };
	return values.compare ? [a, { init: values.init2, sigma: values.sigma2, a: values.a, c: values.c }] : [a];
}

export const describeChoice = (choice: InitChoice) =>
	`${INIT_LABELS[choice.init]}${choice.init === 'normal' ? ` σ = ${choice.sigma}` : choice.init === 'uniform' ? ` a = ${choice.a}` : choice.init === 'constant' ? ` c = ${choice.c}` : ''}`;

/** The spread of each hidden layer's outputs (the last weight layer is the output). */
export const activationStds = (network: TrainedNetwork) => network.latest.layers.slice(0, -1).map((l) => l.activationStd);

/** The layer whose units are drawn, within the network's hidden layers. */
const unitLayer = (hiddenLayers: number) => Math.min(UNIT_LAYER, hiddenLayers - 1);

function reading(network: TrainedNetwork, act: WeightInitParams['act']): string {
	if (network.diverged) {
		const when = network.latest.step === 0 ? 'before training' : `at step ${network.latest.step}`;
		return `the network diverged ${when}: a number is no longer finite (the starting weights are too large for this depth).`;
	}
	const stds = activationStds(network);
	const last = stds.length;
	const ratio = stdRatio(stds);
	const spread = `layer 1's outputs spread ${formatValue(stds[0])}, layer ${last}'s ${formatValue(stds[last - 1])}`;
	const detail = network.detail;
	const symmetric = detail?.distinct[unitLayer(last)] === 1 ? ' Every unit of a layer is the same unit: the network is as narrow as one unit per layer.' : '';
	if (!Number.isFinite(ratio) || stds[last - 1] < 1e-6) return `${spread}: the signal has died out.${symmetric}`;
	if (ratio < 0.1) return `${spread}: the signal fades layer by layer.${symmetric}`;
	if (ratio > 10) return `${spread}: the signal grows layer by layer.${symmetric}`;
	const lastCounts = detail?.histograms.at(-1)?.counts;
	if ((act === 'tanh' || act === 'sigmoid') && lastCounts && lastCounts.at(0)! + lastCounts.at(-1)! > 0.5) {
		return `${spread}: most outputs of the last layer sit at the ends of the ${act}, saturated.${symmetric}`;
	}
	return `${spread}: it holds steady through the layers.${symmetric}`;
}

export const weightInit: NetworkConcept<typeof schema, InitChoice> = {
	maxSteps: MAX_STEPS,
	grid: BOUNDARY_GRID,
	detail: { bins: BINS, unitLayer: UNIT_LAYER },
	dataPoints: DATA_POINTS,
	dataset: (values) => values.dataset,
	networks: (values) => choicesOf(values).map((choice) => ({ choice, spec: networkSpec(values, choice) })),
	reading: ({ network }, values) => reading(network, values.act),
	readouts({ network }: NetworkColumn<InitChoice>) {
		const stds = activationStds(network);
		const last = stds.length;
		const layer = unitLayer(last);
		return [
			{ name: 'stdFirst', label: 'Std, layer 1', value: finite(stds[0]) },
			{ name: 'stdLast', label: `Std, layer ${last}`, value: finite(stds[last - 1]) },
			{ name: 'distinct', label: `Distinct units, layer ${layer + 1}`, value: network.detail?.distinct[layer] ?? null },
			{ name: 'loss', label: 'Loss', value: finite(network.latest.loss) }
		];
	},
	exportState: ({ network }) => ({
		layers: activationStds(network).map((std, l) => {
			const layer = network.latest.layers[l];
			const histogram = network.detail?.histograms[l];
			return {
				index: l + 1,
				activationMean: tidyNumber(layer.activationMean),
				activationStd: tidyNumber(std),
				gradStd: tidyNumber(layer.gradStd),
				histogram: histogram ? { edges: histogram.edges.map(tidyNumber), counts: histogram.counts.map(tidyNumber) } : null
			};
		}),
		distinct: network.detail?.distinct ?? [],
		loss: tidyNumber(network.latest.loss),
		step: network.latest.step
	}),
	historyRow: (network, s, { depth }) => ({ activationStd: Array.from(network.activationStds.subarray(s * depth, (s + 1) * depth - 1), tidyNumber) })
};
