/**
 * A transformer-cost run: the operation and memory counts of attention, a recurrent layer
 * and the remedies at a marker T that Play moves upward, a quarter of an octave a step. The
 * timing of a real TF.js attention layer is a job the reader starts; once asked for, it runs
 * again by itself whenever its inputs change.
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import { schema, type TransformerCostParams } from './params';
import {
	attentionLeading,
	computeCrossover,
	fitScale,
	MEASURE_MAX_D,
	measureJob,
	memoryAt,
	memoryCrossover,
	nextLength,
	opsAt,
	rnnLeading,
	type Costs,
	type Measurement,
	type Timing
} from './sim';

/** The measurement as it comes in, kept for the widget's life (like the job). */
class MeasureProgress {
	/** The reader pressed "Measure": later inputs are measured without asking again. */
	asked = $state(false);
	key = $state<string | null>(null);
	timings = $state.raw<Timing[]>([]);
}

export interface Visited {
	t: number;
	ops: Costs;
}

export const T_MAX = schema.t.max;

export class TransformerCostRun implements Run {
	readonly values: TransformerCostParams;
	readonly d: number;
	readonly window: number;
	/** The width the measurement uses: d, but at most MEASURE_MAX_D. */
	readonly measureD: number;
	readonly measurement: JobHandle<Measurement>;
	/** Where the marker is. */
	head = $state(1);
	history = $state.raw<Visited[]>([]);
	#progress: MeasureProgress;
	#measureKey: string;

	constructor({ values, seed, previous, services }: RunInput<typeof schema, TransformerCostRun>) {
		this.values = values;
		this.d = values.d;
		this.window = values.window;
		// A change of d or w keeps the marker where Play had taken it; a new T puts it there.
		this.head = previous && previous.values.t === values.t ? previous.head : values.t;
		this.history = [this.#visit(this.head)];
		this.measureD = Math.min(values.d, MEASURE_MAX_D);
		const progress = (this.#progress = services.keep('measure-progress', () => new MeasureProgress()));
		const key = (this.#measureKey = JSON.stringify([this.measureD, seed]));
		const d = this.measureD;
		this.measurement = services.job('measure', {
			key,
			make: () =>
				measureJob(d, seed, undefined, (timings) => {
					progress.key = key;
					progress.timings = [...timings];
				}),
			start: progress.asked ? 'now' : 'on-demand',
			delayMs: progress.asked ? 400 : 0
		});
	}

	#visit(t: number): Visited {
		return { t, ops: opsAt(t, this.d, this.window) };
	}

	/** Starts the timing (the panel's button). */
	measure() {
		this.#progress.asked = true;
		this.measurement.start();
	}

	get measuring(): boolean {
		return this.measurement.running;
	}

	/** The timings so far for this run's inputs: all once done, those in while it runs. */
	get timings(): Timing[] {
		const result = this.measurement.result;
		if (result) return result.timings;
		return this.#progress.key === this.#measureKey ? this.#progress.timings : [];
	}

	/** Milliseconds per operation fitted to the timings. */
	readonly scale = $derived.by(() => fitScale(this.timings, this.measureD));

	readonly ops = $derived.by(() => opsAt(this.head, this.d, this.window));
	readonly memory = $derived.by(() => memoryAt(this.head, this.d, this.window));

	get canStep(): boolean {
		return this.head < T_MAX;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.head = nextLength(this.head, T_MAX);
		this.history = [...this.history, this.#visit(this.head)];
		return this.canStep;
	}

	get status(): RunStatus {
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		const { head: t, d, ops } = this;
		const ratio = ops.attention / ops.rnn;
		const compared = ratio === 1 ? 'exactly the same work' : ratio < 1 ? `${formatValue(ratio, 2)} times its work` : `${formatValue(ratio, 3)} times its work`;
		const tail = this.canStep ? (t === this.values.t ? ' Play to make the sequence longer.' : '') : ' The marker is at the longest T.';
		return `T = ${t}, d = ${d}: attention ${formatValue(ops.attention)} operations, the recurrent layer ${formatValue(ops.rnn)}; attention does ${compared}.${tail}`;
	}

	get readouts(): Readout[] {
		const { head: t, d, ops, memory } = this;
		const scale = this.scale;
		return [
			{ name: 't', label: 'Marker at T', value: t },
			{ name: 'attention_flops', label: 'Attention, operations', value: ops.attention, digits: 4 },
			{ name: 'rnn_flops', label: 'Recurrent layer, operations', value: ops.rnn, digits: 4 },
			{ name: 'flops_ratio', label: 'Attention ÷ recurrent (= T/d)', value: ops.attention / ops.rnn, digits: 3 },
			{ name: 'attention_leading', label: 'Leading term T²d', value: attentionLeading(t, d), digits: 4 },
			{ name: 'rnn_leading', label: 'Leading term Td²', value: rnnLeading(t, d), digits: 4 },
			{ name: 'crossover_t', label: 'Same cost at T', value: computeCrossover(d) },
			{ name: 'window_flops', label: 'Sliding window, operations', value: ops.window, digits: 4 },
			{ name: 'sparse_flops', label: 'Strided sparse, operations', value: ops.sparse, digits: 4 },
			{ name: 'linear_flops', label: 'Linear attention, operations', value: ops.linear, digits: 4 },
			{ name: 'attention_memory', label: 'Attention scores held', value: memory.attention, digits: 4 },
			{ name: 'rnn_memory', label: 'Recurrent state held', value: memory.rnn, digits: 4 },
			{ name: 'memory_crossover_t', label: 'Same memory at T (= √d)', value: memoryCrossover(d), digits: 4 },
			{ name: 'measured_ns_per_op', label: 'Measured here, ns per operation', value: scale === null ? null : scale * 1e6, digits: 3 }
		];
	}

	exportData() {
		const result = this.measurement.result;
		const timings = this.timings;
		const scale = this.scale;
		return {
			state: {
				t: this.head,
				d: this.d,
				window: this.window,
				convention: 'operations = multiply-adds + element-wise functions; attention T²(2d+1), recurrent Td(2d+1); projections left out',
				operations: this.ops,
				memory: this.memory,
				crossover_t: computeCrossover(this.d),
				memory_crossover_t: tidyNumber(memoryCrossover(this.d)),
				measured: timings.length
					? {
							note: 'measured on the machine that exported this: times depend on it and on its load',
							complete: result !== null,
							backend: result?.backend ?? null,
							d: this.measureD,
							timings: timings.map(({ t, ms, calls }) => ({ t, ms: tidyNumber(ms), calls })),
							stopped_after: result?.stoppedAfter ?? null,
							ms_per_operation: scale === null ? null : tidyNumber(scale)
						}
					: null
			},
			history: this.history.map(({ t, ops }) => ({ t, attention_flops: ops.attention, rnn_flops: ops.rnn }))
		};
	}
}
