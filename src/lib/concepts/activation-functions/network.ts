/**
 * Activation functions on the shared network page half (lib/widget/network): which networks
 * the values ask for (one per activation), and how to read, show and export one of them.
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import { ACTIVATION_LABELS, type Activation } from '$lib/network/activations';
import type { Run as TrainedNetwork } from '$lib/network/training.svelte';
import type { NetworkConcept } from '$lib/widget/network/run.svelte';
import type { ActivationFunctionsParams, schema } from './params';
import { BOUNDARY_GRID, DATA_POINTS, DETAIL, deadShares, MAX_STEPS, networkSpec, totalDeadShare } from './sim';

const finite = (value: number) => (Number.isFinite(value) ? value : null);

/** The activations of the networks to train: A's, and B's in compare mode. */
export function choicesOf(values: ActivationFunctionsParams): Activation[] {
	return values.compare ? [values.act, values.act2] : [values.act];
}

export const describeChoice = (activation: Activation) => ACTIVATION_LABELS[activation];

/** Dead units per hidden layer, as counts; empty before the networks report. */
export const deadCounts = (network: TrainedNetwork): number[] => network.detail?.dead ?? [];

function reading(network: TrainedNetwork, activation: Activation, width: number): string {
	if (network.diverged) return `the loss stopped being a finite number at step ${network.latest.step + 1}; try a smaller learning rate.`;
	const loss = `loss ${formatValue(network.latest.loss)}`;
	if (activation === 'linear') return `${loss}; with no activation every layer is linear, so the boundary is a straight line.`;
	const dead = deadCounts(network);
	const total = dead.reduce((sum, count) => sum + count, 0);
	if (total === 0) return `${loss}; no dead units.`;
	const worst = dead.indexOf(Math.max(...dead));
	return `${loss}; ${total} of ${dead.length * width} hidden units dead (most in layer ${worst + 1}: ${dead[worst]} of ${width}).`;
}

export const activationFunctions: NetworkConcept<typeof schema, Activation> = {
	maxSteps: MAX_STEPS,
	grid: BOUNDARY_GRID,
	detail: DETAIL,
	dataPoints: DATA_POINTS,
	dataset: (values) => values.dataset,
	networks: (values) => choicesOf(values).map((choice) => ({ choice, spec: networkSpec(values, choice) })),
	reading: ({ network, choice }, values) => reading(network, choice, values.width),
	readouts({ network }, values) {
		const dead = deadCounts(network);
		const shares = deadShares(dead, values.width);
		return [
			{ name: 'loss', label: 'Loss', value: finite(network.latest.loss) },
			{ name: 'accuracy', label: 'Accuracy', value: finite(network.latest.accuracy) },
			{ name: 'dead_units', label: 'Dead share, all layers', value: network.detail ? totalDeadShare(dead, values.width) : null },
			...shares.map((share, l) => ({ name: `dead_units_${l + 1}`, label: `Dead share, layer ${l + 1}`, value: share }))
		];
	},
	exportState: ({ network, choice }, values) => ({
		activation: choice,
		deadUnits: deadCounts(network),
		deadShares: deadShares(deadCounts(network), values.width).map(tidyNumber),
		loss: tidyNumber(network.latest.loss),
		accuracy: tidyNumber(network.latest.accuracy),
		step: network.latest.step
	}),
	historyRow: (network, s) => ({ accuracy: tidyNumber(network.accuracy[2 * s + 1]) })
};
