/**
 * A distributions run: simulated draws a batch per Step — binomial counts, or skewed
 * scores — beside the exact distribution they come from.
 */
import { createRng, type Rng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { schema } from './params';
import {
	binomialPmf,
	countsPerStep,
	drawCounts,
	drawScores,
	EXCEPTION,
	expectedGap,
	normalApproximation,
	pmfSummary,
	RULE_OF_THUMB,
	sampleMean,
	sampleMedian,
	scoreSummary,
	SCORES_PER_STEP,
	simulationGap,
	type NormalApproximation,
	type ScoreShape,
	type ScoreSummary,
	type Summary
} from './sim';

export interface BinomialPoint {
	draws: number;
	/** Total variation distance of the simulated frequencies to the exact PMF. */
	gap: number;
	expected: number;
}

export interface ScorePoint {
	draws: number;
	mean: number;
	median: number;
}

/** The binomial half: n trials of probability p, counted. */
export class BinomialModel {
	readonly pmf: Float64Array;
	readonly exact: Summary;
	readonly normal: NormalApproximation;
	/** np(1 − p), the rule of thumb's number. */
	readonly spread: number;
	constructor(
		readonly n: number,
		readonly p: number
	) {
		this.pmf = binomialPmf(n, p);
		this.exact = pmfSummary(this.pmf);
		this.normal = normalApproximation(n, p, this.pmf);
		this.spread = n * p * (1 - p);
	}
	get ruleHolds(): boolean {
		return this.spread >= RULE_OF_THUMB;
	}
	/** Mean, median and mode coincide although the distribution is skewed. */
	get orderingFails(): boolean {
		const { mean, median, modes, skewness } = this.exact;
		return Math.abs(skewness) > 0.1 && modes.length === 1 && Math.abs(mean - median) < 1e-9 && Math.abs(modes[0] - median) < 1e-9;
	}
}

/** The scores half: a skew-normal, or the exception with its far tail. */
export class ScoresModel {
	readonly exact: ScoreSummary;
	constructor(readonly shape: ScoreShape) {
		this.exact = scoreSummary(shape);
	}
	get isException(): boolean {
		return this.shape.tail !== null;
	}
}

export class DistributionsRun implements Run {
	readonly target: number;
	readonly perStep: number;
	readonly binomial: BinomialModel | null;
	readonly scores: ScoresModel | null;
	/** Binomial: how often each count 0 … n came up. */
	tallies = $state.raw<Int32Array>(new Int32Array(0));
	/** The latest batch's first experiment, trial by trial. */
	lastTrials = $state.raw<Uint8Array | null>(null);
	/** Scores drawn so far (the first `count`), or counts drawn so far. */
	drawn = $state.raw<Float64Array>(new Float64Array(0));
	binomialHistory = $state.raw<BinomialPoint[]>([]);
	scoreHistory = $state.raw<ScorePoint[]>([]);
	#all: Float64Array;
	#rng: Rng;

	constructor({ values, seed }: RunInput<typeof schema, DistributionsRun>) {
		this.target = values.draws;
		this.#all = new Float64Array(this.target);
		this.#rng = createRng(seed).fork('draws');
		if (values.part === 'binomial') {
			this.binomial = new BinomialModel(values.n, values.p);
			this.scores = null;
			this.perStep = countsPerStep(values.n);
			this.tallies = new Int32Array(values.n + 1);
		} else {
			this.binomial = null;
			this.scores = new ScoresModel(values.shape === 'exception' ? EXCEPTION : { alpha: values.skew, tail: null });
			this.perStep = SCORES_PER_STEP;
		}
	}

	get count(): number {
		return this.drawn.length;
	}

	get canStep(): boolean {
		return this.count < this.target;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const count = Math.min(this.perStep, this.target - this.count);
		const start = this.count;
		if (this.binomial) {
			const { n, p, pmf } = this.binomial;
			const { counts, firstTrials } = drawCounts(n, p, count, this.#rng);
			const tallies = Int32Array.from(this.tallies);
			for (const c of counts) tallies[c]++;
			this.#all.set(counts, start);
			this.tallies = tallies;
			this.lastTrials = firstTrials;
			this.drawn = this.#all.subarray(0, start + count);
			const draws = this.drawn.length;
			this.binomialHistory = [...this.binomialHistory, { draws, gap: simulationGap(tallies, draws, pmf), expected: expectedGap(pmf, draws) }];
		} else {
			const { shape, exact } = this.scores!;
			this.#all.set(drawScores(shape, exact.centre, count, this.#rng), start);
			this.drawn = this.#all.subarray(0, start + count);
			this.scoreHistory = [...this.scoreHistory, { draws: this.drawn.length, mean: sampleMean(this.drawn), median: sampleMedian(this.drawn) }];
		}
		return this.canStep;
	}

	get status(): RunStatus {
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		const done = this.canStep ? '' : ' Done.';
		if (this.binomial) {
			const b = this.binomial;
			const last = this.binomialHistory.at(-1);
			if (!last) return `Play to draw ${this.target} counts of n = ${b.n} trials, ${this.perStep} a step.`;
			return `${last.draws} counts drawn: the simulation is ${formatValue(last.gap, 2)} from the exact PMF, the normal approximation ${formatValue(b.normal.error, 2)}.${done}`;
		}
		const s = this.scores!;
		const last = this.scoreHistory.at(-1);
		if (!last) return `Play to draw ${this.target} scores, ${this.perStep} a step.`;
		return `${last.draws} scores drawn: sample mean ${formatValue(last.mean, 4)} (exact ${formatValue(s.exact.mean, 4)}), sample median ${formatValue(last.median, 4)} (exact 60).${done}`;
	}

	get readouts(): Readout[] {
		const exact = (this.binomial ?? this.scores)!.exact;
		const shared: Readout[] = [
			{ name: 'mean', label: 'Mean', value: exact.mean, digits: 4 },
			{ name: 'median', label: 'Median', value: exact.median, digits: 4 },
			{ name: 'mode', label: exact.modes.length > 1 ? 'Mode (lower of two)' : 'Mode', value: exact.modes[0], digits: 4 },
			{ name: 'skewness', label: 'Skewness', value: exact.skewness, digits: 3 }
		];
		if (this.binomial) {
			return [
				...shared,
				{ name: 'np_q', label: 'np(1 − p)', value: this.binomial.spread, digits: 4 },
				{ name: 'normal_error', label: 'Normal approx. error', value: this.binomial.normal.error, digits: 3 },
				{ name: 'simulation_error', label: 'Simulation error', value: this.binomialHistory.at(-1)?.gap ?? null, digits: 3 }
			];
		}
		const last = this.scoreHistory.at(-1);
		return [
			...shared,
			{ name: 'sample_mean', label: 'Sample mean', value: last?.mean ?? null, digits: 4 },
			{ name: 'sample_median', label: 'Sample median', value: last?.median ?? null, digits: 4 }
		];
	}

	exportData() {
		const exact = (this.binomial ?? this.scores)!.exact;
		const summary = { mean: tidyNumber(exact.mean), median: tidyNumber(exact.median), modes: exact.modes.map(tidyNumber), skewness: tidyNumber(exact.skewness) };
		if (this.binomial) {
			const b = this.binomial;
			return {
				state: {
					n: b.n,
					p: b.p,
					counts: Array.from(this.drawn),
					tallies: Array.from(this.tallies),
					pmf: Array.from(b.pmf, tidyNumber),
					normal: Array.from(b.normal.probabilities, tidyNumber),
					exact: summary
				},
				history: this.binomialHistory.map((h) => ({ draws: h.draws, gap: tidyNumber(h.gap), expected: tidyNumber(h.expected) }))
			};
		}
		return {
			state: { scores: Array.from(this.drawn, tidyNumber), exact: summary },
			history: this.scoreHistory.map((h) => ({ draws: h.draws, mean: tidyNumber(h.mean), median: tidyNumber(h.median) }))
		};
	}
}
