/**
 * The page half every network concept shares: one or two networks (A and B, in compare
 * mode) trained in the worker on the same data and seed, as a run of the concept contract.
 * A concept says which networks to build and how to read, show and export one of them
 * (`NetworkConcept`); this class does the rest — the trainer kept for the widget's life,
 * status and its sentence, the A/B columns, readouts with B's suffix, the export's shape.
 */
import { float32Base64, tidyNumber } from '$lib/engine/arrays';
import type { EngineStatus } from '$lib/engine/status.svelte';
import { makeClassificationSet, type ClassificationSet, type LabelledPoints } from '$lib/network/datasets';
import type { NetworkParameters, NetworkSpec } from '$lib/network/network';
import type { DetailRequest } from '$lib/network/protocol';
import { NetworkTraining, type Run as TrainedNetwork } from '$lib/network/training.svelte';
import type { ConceptModule, Exported, Readout, Run, RunInput, RunServices, RunStatus, View } from '$lib/widget/contract';
import type { Schema, Values } from '$lib/widget/schema';

/** One network as the views and the concept see it. */
export interface NetworkColumn<V> {
	/** "A" or "B" in compare mode; "" for a network alone. */
	name: '' | 'A' | 'B';
	/** The settings it was built from (a concept's own choice: activation, initialisation…). */
	choice: V;
	network: TrainedNetwork;
}

export interface NetworkConcept<S extends Schema, C> {
	/** Training stops after this many steps (the curves keep every step up to it). */
	maxSteps: number;
	/** Flat x, y pairs where the decision boundary is evaluated. */
	grid: Float32Array;
	/** Histograms and one layer's units, for concepts that draw them. */
	detail?: DetailRequest;
	/** Each step also evaluates the whole training set in batch norm's training and inference modes. */
	evaluateModes?: boolean;
	/**
	 * The export carries each network's parameters as they stand, and as they stood before the
	 * latest step's update (`parameters`, `parametersBefore`), and with `evaluateModes` the
	 * evaluation's order of the rows: for a program that checks the widget's numbers at them
	 * rather than only by replaying the training.
	 */
	exportParameters?: boolean;
	/** The suffix of a column's readout names: "B" for network B by default (a concept may name them by what they hold). */
	readoutSuffix?(column: NetworkColumn<C>): string;
	dataPoints: number;
	dataset(values: Values<S>): ClassificationSet;
	/** The training points, when the concept makes its own rather than `dataPoints` of `dataset` (`run.data`). */
	makeData?(values: Values<S>, seed: number): LabelledPoints;
	/**
	 * The networks to train, with the choice each was made from: one, or two to compare. A
	 * network may bring its own training points (else it trains on `run.data`) and a validation
	 * set to be measured on after every step.
	 */
	networks(values: Values<S>, seed: number, data: LabelledPoints): { choice: C; spec: NetworkSpec; data?: LabelledPoints; validation?: LabelledPoints }[];
	/** One network's sentence for the status line (the shell adds "A: " in compare mode). */
	reading(column: NetworkColumn<C>, values: Values<S>): string;
	/** One network's readouts, named as for network A (B's get the suffix "B"). */
	readouts(column: NetworkColumn<C>, values: Values<S>): Readout[];
	/** One network's part of `state` in the export. */
	exportState(column: NetworkColumn<C>, values: Values<S>): Record<string, unknown>;
	/** What one recorded step adds to its row of the export's `history` (beside its step and loss). */
	historyRow(network: TrainedNetwork, step: number, values: Values<S>): Record<string, unknown>;
}

/** The training worker and its engine, kept for the widget's whole life. */
function trainingOf(services: RunServices, concept: NetworkConcept<Schema, unknown>): NetworkTraining {
	return services.keep(
		'training',
		() => {
			const training = new NetworkTraining({
				maxSteps: concept.maxSteps,
				grid: concept.grid,
				detail: concept.detail,
				evaluateModes: concept.evaluateModes,
				parameters: concept.exportParameters
			});
			return { training, close: training.open() };
		},
		({ close }) => close()
	).training;
}

/**
 * A network concept's whole `widget.ts` module: its runs, the engine they train on, its plots.
 * A concept whose run does more than train (a sweep beside it) passes `makeRun` for its own
 * subclass of NetworkRun.
 */
export function networkModule<S extends Schema, C, R extends NetworkRun<S, C> = NetworkRun<S, C>>(
	concept: NetworkConcept<S, C>,
	Plots: View<S, R>,
	defaultSpeed: number,
	makeRun: (input: RunInput<S, R>) => R = (input) => new NetworkRun(concept, input) as R
): ConceptModule<S, R> {
	return {
		createRun: makeRun,
		engine: (services: RunServices): EngineStatus => trainingOf(services, concept as NetworkConcept<Schema, unknown>).engine,
		Plots,
		defaultSpeed
	};
}

/** A float32 value as the shortest decimal that reads back as the same float32 (9 digits suffice). */
const float32Exact = (value: number) => Number(value.toPrecision(9));

/** Each parameter array as float32 bytes in base64: exact, and a third of a decimal list's size. */
function encodedParameters(parameters: NetworkParameters): Record<keyof NetworkParameters, string[]> {
	const encoded = (arrays: Float32Array[]) => arrays.map(float32Base64);
	return {
		weights: encoded(parameters.weights),
		biases: encoded(parameters.biases),
		gammas: encoded(parameters.gammas),
		betas: encoded(parameters.betas),
		runningMeans: encoded(parameters.runningMeans),
		runningVars: encoded(parameters.runningVars)
	};
}

/** What `exportParameters` adds to a network's state. */
function parametersOf({ parameters, parametersBefore, evaluationOrder }: TrainedNetwork) {
	return {
		parameters: parameters ? encodedParameters(parameters) : null,
		parametersBefore: parametersBefore ? encodedParameters(parametersBefore) : null,
		...(evaluationOrder ? { evaluationOrder: Array.from(evaluationOrder) } : {})
	};
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export class NetworkRun<S extends Schema, C> implements Run {
	readonly values: Values<S>;
	readonly data: LabelledPoints;
	readonly choices: C[];
	/** The networks' settings, A's first. */
	readonly specs: NetworkSpec[];
	#training: NetworkTraining;
	#concept: NetworkConcept<S, C>;

	constructor(concept: NetworkConcept<S, C>, { values, seed, services }: RunInput<S, NetworkRun<S, C>>) {
		this.#concept = concept;
		this.values = values;
		this.data = concept.makeData ? concept.makeData(values, seed) : makeClassificationSet(concept.dataset(values), concept.dataPoints, seed);
		const networks = concept.networks(values, seed, this.data);
		this.choices = networks.map((n) => n.choice);
		this.specs = networks.map((n) => n.spec);
		this.#training = trainingOf(services, concept as NetworkConcept<Schema, unknown>);
		this.#training.reset(networks.map(({ spec, data, validation }) => ({ spec, data: data ?? this.data, seed, ...(validation ? { validation } : {}) })));
	}

	/**
	 * The networks with what they reported so far: empty until they are built. A network whose
	 * record did not change (it diverged, or stopped early) keeps its column object, so its
	 * plots are left alone while the other trains on.
	 */
	readonly columns: NetworkColumn<C>[] = $derived.by(() => {
		const trained = this.#training.runs;
		const names = trained.length > 1 ? (['A', 'B'] as const) : (['', ''] as const);
		return trained.map((network, i) => {
			let column = this.#columnOf.get(network);
			if (!column || column.name !== names[i]) this.#columnOf.set(network, (column = { name: names[i], choice: this.choices[i], network }));
			return column;
		});
	});
	#columnOf = new WeakMap<TrainedNetwork, NetworkColumn<C>>();

	get steps(): number {
		return this.#training.steps;
	}

	get lossDomain(): [number, number] {
		return this.#training.lossDomain;
	}

	get stepDomain(): [number, number] {
		return this.#training.stepDomain;
	}

	get status(): RunStatus {
		const networks = this.#training.runs;
		if (this.#training.failure) return 'error';
		if (networks.length === 0) return 'loading';
		if (networks.every((n) => n.diverged)) return 'diverged';
		return this.#training.finished ? 'converged' : 'ready';
	}

	get statusText(): string {
		if (this.#training.failure) return `The simulation could not start. ${this.#training.failure}`;
		if (this.#training.runs.length === 0) return this.#training.engine.ready ? 'Building the networks…' : 'Starting TF.js…';
		const where = this.steps === 0 ? 'At initialisation' : `Step ${this.steps}`;
		const parts = this.columns.map((column) => {
			const text = this.#concept.reading(column, this.values);
			return column.name ? `${column.name}: ${text}` : capitalised(text);
		});
		return `${where}. ${parts.join(' ')}`;
	}

	get canStep(): boolean {
		return this.#training.runs.length > 0 && !this.#training.finished;
	}

	step(): boolean {
		return this.#training.step();
	}

	get readouts(): Readout[] {
		const own = this.columns.flatMap((column) =>
			this.#concept.readouts(column, this.values).map((readout) => ({
				...readout,
				name: `${readout.name}${this.#concept.readoutSuffix ? this.#concept.readoutSuffix(column) : column.name === 'B' ? 'B' : ''}`,
				label: column.name ? `${readout.label} (${column.name})` : readout.label,
				// A diverged network's numbers mean nothing any more (overflowed, or NaN): none is shown.
				value: column.network.diverged ? null : readout.value
			}))
		);
		return [...own, { name: 'step', label: 'Step', value: this.#training.runs.length ? this.steps : null }];
	}

	/**
	 * The concept's numbers, and beside them what a replay of the training needs (the code.py
	 * programs use it): the training set (`data`), each network's `spec` and `startWeights`,
	 * and each recorded step's `batch` (rows of the training set; absent when a step used all);
	 * with `exportParameters`, the parameters now and before the latest step (float32Base64).
	 */
	exportData(): Exported {
		const [a, b] = this.columns;
		if (!a) return { state: null, history: [] };
		const state = (column: NetworkColumn<C>, i: number) => ({
			...this.#concept.exportState(column, this.values),
			spec: this.specs[i],
			startWeights: column.network.startWeights.map((weights) => Array.from(weights, float32Exact)),
			...(this.#concept.exportParameters ? parametersOf(column.network) : {})
		});
		const history = ({ network }: NetworkColumn<C>) =>
			Array.from({ length: network.count }, (_, s) => {
				const batch = network.batches[s];
				return {
					step: network.loss[2 * s],
					loss: tidyNumber(network.loss[2 * s + 1]),
					...this.#concept.historyRow(network, s, this.values),
					...(batch ? { batch: Array.from(batch) } : {})
				};
			});
		const points = Array.from({ length: this.data.labels.length }, (_, i) => [float32Exact(this.data.points[2 * i]), float32Exact(this.data.points[2 * i + 1])]);
		const data = { points, labels: Array.from(this.data.labels) };
		return {
			state: { ...state(a, 0), ...(b ? { compare: state(b, 1) } : {}), data },
			history: b ? { a: history(a), b: history(b) } : history(a)
		};
	}

	settled(): Promise<void> {
		return this.#training.settled();
	}
}
