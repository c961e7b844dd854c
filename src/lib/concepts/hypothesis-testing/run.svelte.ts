/**
 * A hypothesis-testing run: a batch of simulated experiments (an A/A and an A/B test each) per
 * Step, until the chosen number; the running false-positive rate and power with their 95%
 * intervals, beside the closed forms and the z-test's exact rates.
 */
import { createRng, type Rng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { wilsonInterval } from '$lib/common/stats';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import type { Pitfall, schema, TestParams } from './params';
import {
	alphaPerTest,
	exactRejectionRate,
	experimentsPerStep,
	familywiseRate,
	lookUsers,
	makeSampler,
	sampleSizeNeeded,
	simulateBatch,
	theoryPower,
	type Design,
	type Sampler
} from './sim';

/** A/A experiments whose p-value path over the looks is kept, for the peeking picture. */
export const PATHS = 24;
/** The export keeps the drawn conversion counts up to this many: 8 000 at the defaults. */
const MAX_EXPORTED_CONVERSIONS = 200_000;

export interface Rate {
	value: number;
	low: number;
	high: number;
}

export interface Progress {
	experiments: number;
	falsePositive: Rate;
	power: Rate | null;
}

/** What the closed forms say for a design (null where there is none). */
export interface Theory {
	/** The level each single test is held to. */
	alphaEach: number;
	falsePositive: number | null;
	falsePositiveExact: number | null;
	power: number | null;
	powerExact: number | null;
	sampleSize: number | null;
	/** One honest look at the end, for comparison with peeking. */
	singleLookPower: number | null;
}

/** The design a run simulates, and notices about values it cannot use as they are. */
export function designOf(values: TestParams): { design: Design; pitfall: Pitfall; notices: Notice[] } {
	const { pitfall, n } = values;
	const notices: Notice[] = [];
	let looks = pitfall === 'peeking' ? values.peeks : 1;
	if (looks > n) {
		notices.push({ key: 'peeks', message: `${looks} looks at ${n} users per arm would leave some looks with no new users: the test looks ${n} times, once per user.` });
		looks = n;
	}
	const design: Design = {
		base: values.base,
		rateB: values.rate_b,
		n,
		alpha: values.alpha,
		looks,
		metrics: pitfall === 'metrics' ? values.metrics : 1,
		bonferroni: pitfall === 'metrics' && values.bonferroni
	};
	const rate = (p: number) => formatValue(p, 3);
	if (values.base === 0 || values.base === 1) {
		notices.push({
			key: 'base',
			message: `A's rate is ${values.base}: in an A/A test ${values.base === 0 ? 'no user converts' : 'every user converts'} in either arm, so the standard error is 0 and the p-value is 1 — these tests never reject, whatever α.`
		});
	}
	if (values.rate_b === values.base) {
		notices.push({
			key: 'rate_b',
			message: `B's rate equals A's (${rate(values.base)}): there is no real difference, so there is no power to measure and no sample size that finds one. Every significant A/B result is a false positive too.`
		});
	}
	return { design, pitfall, notices };
}

/** The closed forms and exact rates of a design. */
export function theoryOf(design: Design, targetPower: number): Theory {
	const { base, rateB, n, looks, metrics } = design;
	const alphaEach = alphaPerTest(design);
	const peeking = looks > 1;
	const size = peeking ? null : exactRejectionRate(n, base, base, alphaEach);
	const hasEffect = rateB !== base;
	return {
		alphaEach,
		falsePositive: peeking ? null : metrics > 1 ? familywiseRate(alphaEach, metrics) : design.alpha,
		falsePositiveExact: size === null ? null : familywiseRate(size, metrics),
		power: peeking ? null : theoryPower(base, rateB, n, alphaEach),
		powerExact: peeking || !hasEffect ? null : exactRejectionRate(n, base, rateB, alphaEach),
		sampleSize: sampleSizeNeeded(base, rateB, alphaEach, targetPower),
		singleLookPower: theoryPower(base, rateB, n, alphaEach)
	};
}

const rateOf = (wins: number, trials: number): Rate => {
	const [low, high] = wilsonInterval(wins, trials);
	return { value: wins / trials, low, high };
};

export class HypothesisRun implements Run {
	readonly design: Design;
	readonly pitfall: Pitfall;
	readonly notices: Notice[];
	readonly theory: Theory;
	readonly target: number;
	readonly targetPower: number;
	readonly perStep: number;
	readonly users: number[];
	readonly hasEffect: boolean;
	/** The reported p-values so far: A/A (null true) and A/B, the first `count` of each. */
	nullP = $state.raw<Float64Array>(new Float64Array(0));
	altP = $state.raw<Float64Array>(new Float64Array(0));
	falsePositives = $state(0);
	detections = $state(0);
	/** A/A and A/B experiments that stopped with p < α at each look. */
	nullStops = $state.raw<number[]>([]);
	altStops = $state.raw<number[]>([]);
	/** Σ |observed lift| over the significant A/B results. */
	significantLift = $state(0);
	/** The p-value after every look of the first A/A experiments. */
	paths = $state.raw<Float64Array[]>([]);
	history = $state.raw<Progress[]>([]);
	#sampler: Sampler;
	#rng: Rng;
	/** Each experiment's draws, [look][slot] (see Batch.conversions), for the export; null once too many. */
	#conversions: number[][][] | null = [];
	#nullAll: Float64Array;
	#altAll: Float64Array;

	constructor({ values, seed, services }: RunInput<typeof schema, HypothesisRun>) {
		const { design, pitfall, notices } = designOf(values);
		this.design = design;
		this.pitfall = pitfall;
		this.notices = notices;
		this.targetPower = values.target_power;
		const key = JSON.stringify([design, values.target_power]);
		this.theory = services.memo('theory', key, () => theoryOf(design, values.target_power));
		this.#sampler = services.memo('sampler', JSON.stringify(design), () => makeSampler(design));
		this.users = lookUsers(design.n, design.looks);
		this.hasEffect = design.rateB !== design.base;
		this.target = values.experiments;
		this.perStep = experimentsPerStep(this.#sampler, this.target);
		this.#nullAll = new Float64Array(this.target);
		this.#altAll = new Float64Array(this.target);
		this.nullStops = new Array(design.looks).fill(0);
		this.altStops = new Array(design.looks).fill(0);
		this.#rng = createRng(seed).fork('experiments');
	}

	get count(): number {
		return this.nullP.length;
	}

	get canStep(): boolean {
		return this.count < this.target;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const start = this.count;
		const count = Math.min(this.perStep, this.target - start);
		const batch = simulateBatch(this.#sampler, count, this.#rng, Math.max(0, PATHS - start));
		this.#nullAll.set(batch.nullP, start);
		this.#altAll.set(batch.altP, start);
		const [nullStops, altStops] = [[...this.nullStops], [...this.altStops]];
		let [falsePositives, detections, lift] = [this.falsePositives, this.detections, this.significantLift];
		for (let e = 0; e < count; e++) {
			if (batch.nullStop[e] >= 0) {
				falsePositives++;
				nullStops[batch.nullStop[e]]++;
			}
			if (batch.altStop[e] >= 0) {
				detections++;
				altStops[batch.altStop[e]]++;
				lift += Math.abs(batch.altLift[e]);
			}
		}
		this.falsePositives = falsePositives;
		this.detections = detections;
		this.significantLift = lift;
		this.nullStops = nullStops;
		this.altStops = altStops;
		if (batch.paths.length) this.paths = [...this.paths, ...batch.paths];
		this.#keepConversions(batch);
		this.nullP = this.#nullAll.subarray(0, start + count);
		this.altP = this.#altAll.subarray(0, start + count);
		this.history = [...this.history, this.progress!];
		return this.canStep;
	}

	#keepConversions({ conversions, count }: { conversions: Int32Array; count: number }) {
		const { looks } = this.design;
		const slots = this.#sampler.slots;
		if (!this.#conversions || (this.#conversions.length + count) * looks * slots > MAX_EXPORTED_CONVERSIONS) {
			this.#conversions = null;
			return;
		}
		for (let e = 0; e < count; e++) {
			this.#conversions.push(Array.from({ length: looks }, (_, look) => Array.from({ length: slots }, (_, slot) => conversions[(look * slots + slot) * count + e])));
		}
	}

	/** The rates so far, with their 95% intervals; null before the first step. */
	get progress(): Progress | null {
		const count = this.count;
		if (!count) return null;
		return { experiments: count, falsePositive: rateOf(this.falsePositives, count), power: this.hasEffect ? rateOf(this.detections, count) : null };
	}

	/** Mean |observed lift| of the significant A/B results over the true lift (how much a win exaggerates). */
	get exaggeration(): number | null {
		const lift = Math.abs(this.design.rateB - this.design.base);
		return this.hasEffect && this.detections > 0 ? this.significantLift / this.detections / lift : null;
	}

	get latestP(): number | null {
		return this.count ? this.altP[this.count - 1] : null;
	}

	get status(): RunStatus {
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		const p = this.progress;
		const { n } = this.design;
		if (!p) return `Play to simulate ${this.target.toLocaleString('en')} experiments with ${n.toLocaleString('en')} users per arm, ${this.perStep} a step.`;
		const fp = p.falsePositive;
		const fpTheory = this.theory.falsePositive;
		const parts = [
			`${p.experiments.toLocaleString('en')} experiments: false positives ${formatValue(fp.value, 3)} (95% ${formatValue(fp.low, 3)}–${formatValue(fp.high, 3)}${fpTheory === null ? `; one look would give ${formatValue(this.design.alpha, 3)}` : `; theory ${formatValue(fpTheory, 3)}`})`
		];
		if (p.power) parts.push(`power ${formatValue(p.power.value, 3)}${this.theory.power === null ? '' : ` (theory ${formatValue(this.theory.power, 3)})`}`);
		return `${parts.join(', ')}.${this.canStep ? '' : ' Done.'}`;
	}

	get readouts(): Readout[] {
		const p = this.progress;
		const t = this.theory;
		const fp = 'False positives';
		const pw = 'Power';
		const power = p?.power ?? null;
		return [
			{ name: 'false_positive_rate', label: 'Rate', group: fp, value: p?.falsePositive.value ?? null, digits: 3 },
			{ name: 'false_positive_low', label: '95% from', group: fp, value: p?.falsePositive.low ?? null, digits: 2 },
			{ name: 'false_positive_high', label: 'to', group: fp, value: p?.falsePositive.high ?? null, digits: 2 },
			{ name: 'false_positive_theory', label: 'Theory', group: fp, value: t.falsePositive, digits: 3 },
			{ name: 'power', label: 'Rate', group: pw, value: power?.value ?? null, digits: 3 },
			{ name: 'power_low', label: '95% from', group: pw, value: power?.low ?? null, digits: 2 },
			{ name: 'power_high', label: 'to', group: pw, value: power?.high ?? null, digits: 2 },
			{ name: 'power_theory', label: 'Theory', group: pw, value: t.power, digits: 3 },
			{ name: 'false_positive_exact', label: 'Exact z-test false-positive rate', value: t.falsePositiveExact, digits: 3 },
			{ name: 'power_exact', label: 'Exact z-test power', value: t.powerExact, digits: 3 },
			{ name: 'p_value', label: 'p-value of the latest A/B test', value: this.latestP, digits: 3 },
			{ name: 'sample_size_needed', label: `Users per arm for power ${formatValue(this.targetPower, 2)}`, value: t.sampleSize },
			{ name: 'exaggeration', label: 'Significant lift ÷ true lift', value: this.exaggeration, digits: 3 },
			{ name: 'experiments', label: 'Experiments', value: this.count }
		];
	}

	exportData() {
		const tidy = (value: number | null) => (value === null ? null : tidyNumber(value));
		const rate = (r: Rate | null) => r && { value: tidyNumber(r.value), low: tidyNumber(r.low), high: tidyNumber(r.high) };
		const t = this.theory;
		return {
			state: {
				design: { ...this.design, users_at_looks: this.users, alpha_each: tidyNumber(t.alphaEach), pitfall: this.pitfall },
				experiments: this.count,
				false_positives: this.falsePositives,
				detections: this.hasEffect ? this.detections : null,
				p_values: Array.from(this.altP, tidyNumber),
				p_values_aa: Array.from(this.nullP, tidyNumber),
				stopped_at_look: { aa: this.nullStops, ab: this.altStops },
				theory: {
					false_positive_rate: tidy(t.falsePositive),
					false_positive_exact: tidy(t.falsePositiveExact),
					power: tidy(t.power),
					power_exact: tidy(t.powerExact),
					sample_size_needed: t.sampleSize
				},
				exaggeration: tidy(this.exaggeration),
				paths_aa: this.paths.map((path) => Array.from(path, tidyNumber)),
				// Experiment by experiment, look by look: conversions among the users new at that look, in
				// each arm — A and B of each A/A metric, then A and B of the A/B test.
				conversions: this.#conversions
			},
			history: this.history.map((h) => ({ experiments: h.experiments, false_positive_rate: rate(h.falsePositive), power: rate(h.power) }))
		};
	}
}
