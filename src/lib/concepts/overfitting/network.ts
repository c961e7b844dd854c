/**
 * Overfitting on the shared network page half (lib/widget/network): the big network without
 * remedies (A) and with the chosen ones (B), on the same noisy data and seed, each measured on
 * a validation set after every epoch; how to read, show and export one of them.
 */
import { formatValue } from '$lib/common/format';
import { base64Of, tidyNumber } from '$lib/engine/arrays';
import type { LabelledPoints } from '$lib/network/datasets';
import type { Run as TrainedNetwork } from '$lib/network/training.svelte';
import type { NetworkConcept } from '$lib/widget/network/run.svelte';
import type { OverfittingParams, schema } from './params';
import { bestEpoch, BOUNDARY_GRID, describeRemedies, MAX_EPOCHS, networkSpec, NO_REMEDIES, noisyPoints, remediesOf, valueAt, VALIDATION_POINTS, type Remedies } from './sim';

export interface OverfittingChoice {
	remedies: Remedies;
	/** The points this network trains on, and the validation set both are measured on. */
	training: LabelledPoints;
	validation: LabelledPoints;
}

export const describeChoice = (choice: OverfittingChoice) => describeRemedies(choice.remedies);

/** The remedies of the networks to train: none for A and the chosen ones for B in compare mode; the chosen ones alone otherwise. */
export function remediesFor(values: OverfittingParams): Remedies[] {
	const chosen = remediesOf(values);
	return values.compare ? [NO_REMEDIES, chosen] : [chosen];
}

/** What one network stands at: its model's losses (the kept one's once early stopping has ended training) and its best epoch. */
export function standing(network: TrainedNetwork) {
	const best = network.validationLoss ? bestEpoch(network.validationLoss, network.count) : null;
	// Early stopping put the weights back to the best epoch's: its numbers are the model's.
	const index = network.stopped && best ? best.index : network.count - 1;
	return {
		best,
		epoch: network.stopped && best ? best.epoch : network.latest.step,
		trainLoss: valueAt(network.trainLoss, index),
		validationLoss: valueAt(network.validationLoss, index)
	};
}

function reading(network: TrainedNetwork): string {
	if (network.diverged) return `the loss stopped being a finite number at epoch ${network.latest.step + 1}; try a smaller learning rate.`;
	const { best, trainLoss, validationLoss } = standing(network);
	if (!best || trainLoss === null || validationLoss === null) return 'not measured yet.';
	const losses = `training loss ${formatValue(trainLoss)}, validation loss ${formatValue(validationLoss)}`;
	if (network.stopped) return `stopped early at epoch ${network.latest.step} and went back to epoch ${best.epoch}: ${losses}.`;
	if (network.latest.step === 0) return `${losses} before training.`;
	const now = network.latest.step;
	if (now - best.epoch >= 5 && validationLoss > best.value * 1.05)
		return `${losses}; the validation loss has risen since its lowest, ${formatValue(best.value)} at epoch ${best.epoch}: overfitting.`;
	return `${losses}; the validation loss is at or near its lowest.`;
}

export const overfitting: NetworkConcept<typeof schema, OverfittingChoice> = {
	maxSteps: MAX_EPOCHS,
	grid: BOUNDARY_GRID,
	dataPoints: 0,
	dataset: (values) => values.dataset,
	makeData: (values, seed) => noisyPoints(values.dataset, values.n, values.noise, seed, 'training'),
	networks(values, seed, data) {
		const validation = noisyPoints(values.dataset, VALIDATION_POINTS, values.noise, seed, 'validation');
		return remediesFor(values).map((remedies) => {
			const training = remedies.factor > 1 ? noisyPoints(values.dataset, values.n * remedies.factor, values.noise, seed, 'training') : data;
			return { choice: { remedies, training, validation }, spec: networkSpec(values, remedies), data: training, validation };
		});
	},
	reading: ({ network }) => reading(network),
	readouts({ network }) {
		const { best, trainLoss, validationLoss } = standing(network);
		return [
			{ name: 'train_loss', label: 'Training loss', value: trainLoss },
			{ name: 'val_loss', label: 'Validation loss', value: validationLoss },
			{ name: 'best_epoch', label: 'Best epoch', value: best?.epoch ?? null }
		];
	},
	exportState: ({ network, choice }) => {
		const { best, epoch, trainLoss, validationLoss } = standing(network);
		return {
			remedies: choice.remedies,
			trainingPoints: choice.training.labels.length,
			points: pairsOf(choice.training),
			validationPoints: pairsOf(choice.validation),
			epoch,
			trainLoss: tidyOrNull(trainLoss),
			validationLoss: tidyOrNull(validationLoss),
			bestEpoch: best?.epoch ?? null,
			stoppedEarly: network.stopped
		};
	},
	historyRow: (network, s) => {
		const kept = network.dropoutKept[s];
		return {
			trainLoss: tidyOrNull(valueAt(network.trainLoss, s)),
			validationLoss: tidyOrNull(valueAt(network.validationLoss, s)),
			// What code.py needs to replay dropout: per hidden layer, the outputs this step kept (packed eight to a byte by the network core, in base64).
			...(kept ? { dropoutKept: kept.map(base64Of) } : {})
		};
	}
};

const tidyOrNull = (value: number | null) => (value === null ? null : tidyNumber(value));

/** Points as [x, y, class] triples, as every export writes them. */
function pairsOf({ points, labels }: LabelledPoints): [number, number, number][] {
	return Array.from(labels, (label, i) => [tidyNumber(points[2 * i]), tidyNumber(points[2 * i + 1]), label]);
}
