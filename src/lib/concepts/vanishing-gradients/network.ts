/**
 * Vanishing gradients on the shared network page half (lib/widget/network): which
 * networks the values ask for, and how to read, show and export one of them.
 */
import { tidyNumber } from '$lib/engine/arrays';
import { ACTIVATION_LABELS } from '$lib/network/activations';
import { INIT_LABELS } from '$lib/network/init';
import type { NetworkConcept } from '$lib/widget/network/run.svelte';
import type { schema, VanishingGradientsParams } from './params';
import { BOUNDARY_GRID, DATA_POINTS, describeRatio, gradientRatio, MAX_STEPS, networkSpec, type NetworkChoice } from './sim';

const finite = (value: number) => (Number.isFinite(value) ? value : null);

/** The networks' own settings: A's, and B's in compare mode. */
export function choicesOf(values: VanishingGradientsParams): NetworkChoice[] {
	const a: NetworkChoice = { act: values.act, init: values.init, sigma: values.sigma, a: values.a, c: values.c, residual: values.residual, bn: values.bn };
	if (!values.compare) return [a];
	return [a, { act: values.act2, init: values.init2, sigma: values.sigma2, a: values.a, c: values.c, residual: values.residual2, bn: values.bn2 }];
}

export const describeChoice = (choice: NetworkChoice) =>
	`${ACTIVATION_LABELS[choice.act]}, ${INIT_LABELS[choice.init]}${choice.init === 'normal' ? ` σ = ${choice.sigma}` : ''}${choice.residual ? ', skips' : ''}${choice.bn ? ', batch norm' : ''}`;

export const vanishingGradients: NetworkConcept<typeof schema, NetworkChoice> = {
	maxSteps: MAX_STEPS,
	grid: BOUNDARY_GRID,
	dataPoints: DATA_POINTS,
	dataset: (values) => values.dataset,
	networks: (values) => choicesOf(values).map((choice) => ({ choice, spec: networkSpec(values, choice) })),
	reading({ name, network }, values) {
		if (network.diverged) {
			const clip = values.clip === 0 ? ' Try gradient clipping or a smaller initialisation.' : '';
			return `${name ? '' : 'The network '}diverged at step ${network.latest.step + 1} — a gradient or the loss is no longer a finite number.${clip}`;
		}
		return describeRatio(gradientRatio(network.latest.layers), values.depth);
	},
	readouts: ({ network }, values) => [
		{ name: 'ratio', label: `Layer 1 ÷ layer ${values.depth}`, value: finite(gradientRatio(network.latest.layers)) },
		{ name: 'loss', label: 'Loss', value: finite(network.latest.loss) },
		{ name: 'accuracy', label: 'Accuracy', value: finite(network.latest.accuracy) }
	],
	exportState: ({ network }) => ({
		layers: network.latest.layers.map((l, index) => ({
			index: index + 1,
			gradNorm: tidyNumber(l.gradNorm),
			weightNorm: tidyNumber(l.weightNorm),
			activationMean: tidyNumber(l.activationMean),
			activationStd: tidyNumber(l.activationStd),
			gradStd: tidyNumber(l.gradStd)
		})),
		loss: tidyNumber(network.latest.loss),
		accuracy: tidyNumber(network.latest.accuracy),
		step: network.latest.step
	}),
	historyRow: (network, s, { depth }) => ({ gradNorms: Array.from(network.gradNorms.subarray(s * depth, (s + 1) * depth), tidyNumber) })
};
