/**
 * A CLT run: sample means drawn a batch per Step until the chosen number of samples, with
 * their summary beside what the theorem predicts.
 */
import { createRng, type Rng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { schema } from './params';
import { drawUniforms, meansOf, meansPerStep, parentMoments, summarise, type Moments, type Parent } from './sim';

/** The export keeps the uniforms behind the means up to this many (11 characters each). */
const MAX_EXPORTED_UNIFORMS = 60_000;

export interface Summary {
	samples: number;
	mean: number;
	sd: number;
	skewness: number;
}

export class CltRun implements Run {
	readonly parent: Parent;
	readonly n: number;
	readonly target: number;
	readonly theory: Moments | null;
	readonly perStep: number;
	/** The sample means so far (the first `count` entries). */
	means = $state.raw<Float64Array>(new Float64Array(0));
	summary = $state.raw<Summary | null>(null);
	history = $state.raw<Summary[]>([]);
	#all: Float64Array;
	#rng: Rng;
	/** Each step's uniforms (see drawUniforms), for the export; null once there are too many to export. */
	#uniforms: Float32Array[][] | null = [];
	#uniformCount = 0;

	constructor({ values, seed }: RunInput<typeof schema, CltRun>) {
		this.parent = { dist: values.dist, p: values.p, shape: values.shape };
		this.n = values.n;
		this.target = values.samples;
		this.theory = parentMoments(this.parent);
		this.perStep = meansPerStep(this.parent, this.n);
		this.#all = new Float64Array(this.target);
		this.#rng = createRng(seed).fork('samples');
	}

	get count(): number {
		return this.means.length;
	}

	get canStep(): boolean {
		return this.count < this.target;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const count = Math.min(this.perStep, this.target - this.count);
		const uniforms = drawUniforms(this.parent, this.n, count, this.#rng);
		this.#all.set(meansOf(this.parent, this.n, count, uniforms), this.count);
		this.#uniformCount += uniforms.length * count * this.n;
		this.#uniforms = this.#uniforms && this.#uniformCount <= MAX_EXPORTED_UNIFORMS ? [...this.#uniforms, uniforms] : null;
		this.means = this.#all.subarray(0, this.count + count);
		const { mean, sd, skewness } = summarise(this.means);
		this.summary = { samples: this.means.length, mean, sd, skewness };
		this.history = [...this.history, this.summary];
		return this.canStep;
	}

	/** σ/√n and the parent's skewness/√n: what the theorem predicts for the means. */
	get predicted(): { sd: number; skewness: number } | null {
		return this.theory && { sd: Math.sqrt(this.theory.variance / this.n), skewness: this.theory.skewness / Math.sqrt(this.n) };
	}

	get status(): RunStatus {
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		const s = this.summary;
		if (!s) return `Play to draw ${this.target} samples of n = ${this.n}, ${this.perStep} a step.`;
		const done = this.canStep ? '' : ' Done.';
		if (!this.predicted) return `${s.samples} sample means: their spread does not shrink with n, because the Cauchy distribution has no mean or variance.${done}`;
		return `${s.samples} sample means: sd ${formatValue(s.sd, 3)} (theory σ/√n = ${formatValue(this.predicted.sd, 3)}), skewness ${formatValue(s.skewness, 2)} (theory ${formatValue(this.predicted.skewness, 2)}).${done}`;
	}

	get readouts(): Readout[] {
		const s = this.summary;
		return [
			{ name: 'mean', label: 'Mean of the means', value: s?.mean ?? null, digits: 4 },
			{ name: 'sd', label: 'Sd of the means', value: s?.sd ?? null, digits: 4 },
			{ name: 'sd_theory', label: 'σ/√n', value: this.predicted?.sd ?? null, digits: 4 },
			{ name: 'skewness', label: 'Skewness of the means', value: s?.skewness ?? null, digits: 3 },
			{ name: 'skewness_theory', label: 'Parent skewness/√n', value: this.predicted?.skewness ?? null, digits: 3 }
		];
	}

	exportData() {
		const row = (s: Summary) => ({ samples: s.samples, mean: tidyNumber(s.mean), sd: tidyNumber(s.sd), skewness: tidyNumber(s.skewness) });
		return {
			state: {
				n: this.n,
				means: Array.from(this.means, tidyNumber),
				parent: this.theory ? { mean: tidyNumber(this.theory.mean), variance: tidyNumber(this.theory.variance), skewness: tidyNumber(this.theory.skewness) } : null,
				// Step by step, each uniform stream as [mean × draw] flat; 9 digits give each float32 back exactly.
				uniforms: this.#uniforms && this.#uniforms.map((streams) => streams.map((values) => Array.from(values, (u) => Number(u.toPrecision(9)))))
			},
			history: this.history.map(row)
		};
	}
}
