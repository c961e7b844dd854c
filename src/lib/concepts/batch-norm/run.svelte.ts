/** A batch-norm run: the shared network run, with the learning-rate sweep beside it. */
import { tidyNumber } from '$lib/engine/arrays';
import type { Exported, RunInput } from '$lib/widget/contract';
import { NetworkRun } from '$lib/widget/network/run.svelte';
import { batchNorm } from './network';
import type { schema } from './params';
import { largestLearning, sweepKey, verdictOf, type BnChoice, type SweepOutcome } from './sim';
import { LearningRateSweep } from './sweep.svelte';

/** Which side of batch norm the histograms show: the reader's choice of view, kept across runs (it changes no network). */
export class HistogramSide {
	side = $state<'input' | 'pre'>('input');
}

export class BatchNormRun extends NetworkRun<typeof schema, BnChoice> {
	readonly sweep: LearningRateSweep;
	readonly histograms: HistogramSide;
	readonly sweepKey: string;
	readonly seed: number;

	constructor(input: RunInput<typeof schema, BatchNormRun>) {
		super(batchNorm, input);
		this.seed = input.seed;
		this.sweepKey = sweepKey(input.values, input.seed);
		this.sweep = input.services.keep('sweep', () => new LearningRateSweep(), (sweep) => sweep.close());
		this.histograms = input.services.keep('histograms', () => new HistogramSide());
		// A sweep for other settings would answer a question no longer asked.
		if (this.sweep.running && this.sweep.running !== this.sweepKey) this.sweep.cancel();
	}

	/** The finished sweep for these settings, or null. */
	get sweepOutcomes(): SweepOutcome[] | null {
		return this.sweep.results[this.sweepKey] ?? null;
	}

	get sweepRunning(): boolean {
		return this.sweep.running === this.sweepKey;
	}

	startSweep() {
		void this.sweep.start(this.sweepKey, this.values, this.seed);
	}

	exportData(): Exported {
		const exported = super.exportData();
		const outcomes = this.sweepOutcomes;
		if (!outcomes || !exported.state) return exported;
		const sweep = {
			rates: outcomes.map(({ lr, bn, initialLoss, finalLoss }) => ({
				lr,
				batchNorm: bn,
				initialLoss: tidyNumber(initialLoss),
				finalLoss: finalLoss === null ? null : tidyNumber(finalLoss),
				verdict: verdictOf({ lr, bn, initialLoss, finalLoss })
			})),
			largestLearning: { withoutBatchNorm: largestLearning(outcomes, false), withBatchNorm: largestLearning(outcomes, true) }
		};
		return { ...exported, state: { ...(exported.state as Record<string, unknown>), sweep } };
	}
}
