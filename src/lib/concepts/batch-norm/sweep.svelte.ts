/**
 * The learning-rate sweep: for each rate of SWEEP_RATES, the network without and with batch
 * norm trained SWEEP_STEPS steps, all eighteen at once in a training worker of its own (the
 * widget's worker goes on training meanwhile). Started by a button; results are kept by the
 * settings they belong to, for the widget's life. The worker is closed once a sweep ends or is
 * given up, so its eighteen networks do not stay in memory.
 */
import { errorMessage } from '$lib/engine/errors';
import { makeClassificationSet } from '$lib/network/datasets';
import { Trainer } from '$lib/network/trainer';
import type { BatchNormParams } from './params';
import { DATA_POINTS, networkSpec, sweepEntries, SWEEP_STEPS, type SweepOutcome } from './sim';

export class LearningRateSweep {
	/** Finished sweeps by key (sweepKey). */
	results = $state.raw<Record<string, SweepOutcome[]>>({});
	/** The key of the sweep under way, if any, and how far it has got (0 … 1). */
	running = $state<string | null>(null);
	progress = $state(0);
	error = $state<string | null>(null);
	#trainer: Trainer | null = null;
	#token = 0;

	async start(key: string, values: BatchNormParams, seed: number): Promise<void> {
		if (this.running === key || this.results[key]) return;
		const token = ++this.#token;
		[this.running, this.progress, this.error] = [key, 0, null];
		const entries = sweepEntries();
		const data = makeClassificationSet(values.dataset, DATA_POINTS, seed);
		const trainer = (this.#trainer = new Trainer());
		try {
			const setups = entries.map(({ lr, bn }) => ({ spec: networkSpec(values, { bn }, lr), data, seed }));
			const first = await trainer.reset(setups, new Float32Array(0), undefined, { evaluateModes: true });
			if (!first || token !== this.#token) return;
			// Where each started, in training mode: at initialisation the running statistics are still 0 and 1.
			const initial = first.map((o) => o.modes?.trainLoss ?? NaN);
			const diverged = first.map((o) => o.latest.diverged);
			let last = first;
			for (let s = 0; s < SWEEP_STEPS; s++) {
				const next = await trainer.step(false);
				if (!next || token !== this.#token) return;
				next.forEach((o, i) => (diverged[i] ||= o.latest.diverged));
				last = next;
				this.progress = (s + 1) / SWEEP_STEPS;
			}
			const outcomes = entries.map(({ lr, bn }, i): SweepOutcome => {
				const final = last[i].modes?.inferenceLoss;
				return { lr, bn, initialLoss: initial[i], finalLoss: diverged[i] || final === undefined || !Number.isFinite(final) ? null : final };
			});
			this.results = { ...this.results, [key]: outcomes };
		} catch (error) {
			if (token === this.#token) this.error = errorMessage(error);
		} finally {
			if (token === this.#token) {
				this.running = null;
				this.#closeTrainer();
			}
		}
	}

	/** Stops the sweep under way (its settings changed); what it finished stays. */
	cancel() {
		this.#token++;
		this.running = null;
		this.#closeTrainer();
	}

	close() {
		this.cancel();
	}

	#closeTrainer() {
		this.#trainer?.close();
		this.#trainer = null;
	}
}
