/**
 * Batch normalisation on the shared network page half (lib/widget/network): which networks
 * the values ask for (without and with batch norm), and how to read, show and export one.
 * Readouts are named by what they hold: `loss` for the network without batch norm,
 * `loss_bn` and the rest with `_bn` for the one with it.
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Run as TrainedNetwork } from '$lib/network/training.svelte';
import type { NetworkConcept } from '$lib/widget/network/run.svelte';
import type { schema } from './params';
import { batchOffsets, BOUNDARY_GRID, choicesOf, DATA_POINTS, DETAIL, MAX_STEPS, networkSpec, rmsOffset, type BnChoice } from './sim';

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

export const describeChoice = ({ bn }: BnChoice) => (bn ? 'with batch norm' : 'without batch norm');

/** The histograms the view asks for: the activation's input, or what goes into batch norm. */
export const histogramsOf = (network: TrainedNetwork, which: 'input' | 'pre') =>
	(which === 'pre' ? network.detail?.preHistograms : network.detail?.inputHistograms) ?? [];

function reading(network: TrainedNetwork, bn: boolean): string {
	if (network.diverged) return `${describeChoice({ bn })}, the loss stopped being a finite number at step ${network.latest.step + 1}: the learning rate is too large for it.`;
	const evaluation = network.modes;
	if (!evaluation) return `${describeChoice({ bn })}: measuring…`;
	if (!bn) return `without batch norm, loss ${formatValue(evaluation.trainLoss)} on the whole set.`;
	return `with batch norm, loss ${formatValue(evaluation.trainLoss)} in training mode and ${formatValue(evaluation.inferenceLoss)} in inference mode (running statistics).`;
}

export const batchNorm: NetworkConcept<typeof schema, BnChoice> = {
	maxSteps: MAX_STEPS,
	grid: BOUNDARY_GRID,
	detail: DETAIL,
	evaluateModes: true,
	// code.py checks the whole-set numbers and the histograms at the parameters they were measured at.
	exportParameters: true,
	dataPoints: DATA_POINTS,
	dataset: (values) => values.dataset,
	networks: (values) => choicesOf(values).map((choice) => ({ choice, spec: networkSpec(values, choice) })),
	readoutSuffix: ({ choice }) => (choice.bn ? '_bn' : ''),
	reading: ({ network, choice }) => reading(network, choice.bn),
	readouts({ network, choice }) {
		const evaluation = network.modes ?? null;
		if (!choice.bn) {
			return [
				{ name: 'loss', label: 'Loss, no batch norm', value: finite(evaluation?.trainLoss) },
				{ name: 'accuracy', label: 'Accuracy, no batch norm', value: finite(evaluation?.trainAccuracy) }
			];
		}
		const gap = evaluation ? evaluation.inferenceLoss - evaluation.trainLoss : NaN;
		return [
			{ name: 'loss', label: 'Loss, batch norm, training mode', value: finite(evaluation?.trainLoss) },
			{ name: 'inference_loss', label: 'Loss, batch norm, inference mode', value: finite(evaluation?.inferenceLoss) },
			{ name: 'gap', label: 'Inference − training loss', value: finite(gap) },
			{ name: 'accuracy', label: 'Accuracy, batch norm, inference mode', value: finite(evaluation?.inferenceAccuracy) }
		];
	},
	exportState({ network, choice }) {
		const evaluation = network.modes ?? null;
		const unit = evaluation?.unit ?? null;
		const histogram = (h: { edges: number[]; counts: number[] }) => ({ edges: h.edges.map(tidyNumber), counts: h.counts.map(tidyNumber) });
		return {
			batchNorm: choice.bn,
			step: network.latest.step,
			diverged: network.diverged,
			evaluation: evaluation && {
				trainLoss: tidyNumber(evaluation.trainLoss),
				trainAccuracy: tidyNumber(evaluation.trainAccuracy),
				inferenceLoss: tidyNumber(evaluation.inferenceLoss),
				inferenceAccuracy: tidyNumber(evaluation.inferenceAccuracy),
				groupSize: evaluation.groupSize,
				points: evaluation.count
			},
			layers: histogramsOf(network, 'input').map((input, l) => ({
				index: l + 1,
				input: histogram(input),
				pre: histogram(histogramsOf(network, 'pre')[l])
			})),
			batchStatistics: unit && {
				layer: 1,
				unit: 1,
				mean: tidyNumber(unit.mean),
				std: tidyNumber(unit.std),
				runningMean: tidyNumber(unit.runningMean),
				runningStd: tidyNumber(unit.runningStd),
				batchMeans: Array.from(unit.groupMeans, tidyNumber),
				batchStds: Array.from(unit.groupStds, tidyNumber),
				rmsMeanOffset: tidyNumber(rmsOffset(batchOffsets(unit)))
			}
		};
	},
	historyRow: (network, s) => ({
		trainLoss: network.trainingModeLoss ? tidyNumber(network.trainingModeLoss[2 * s + 1]) : null,
		inferenceLoss: network.inferenceLoss ? tidyNumber(network.inferenceLoss[2 * s + 1]) : null
	})
};
