/**
 * A puzzle run: the exact answer, worked out once, and a Monte Carlo estimate that each Step
 * grows by one batch of trials, with its 95% interval, until MAX_TRIALS.
 */
import { createRng, type Rng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { PATTERNS, type schema, type PuzzleParams } from './params';
import { wilsonInterval } from '$lib/common/stats';
import { exactAnswer, readableFraction, simulate, trialsPerStep, type Exact, type PuzzleSetup, type TrialDraws } from './sim';

export const MAX_TRIALS = 1_000_000;

export interface Estimate {
	trials: number;
	successes: number;
	value: number;
	low: number;
	high: number;
}

/** The puzzle as the simulation sees it; Penney's two patterns made different if they are not. */
export function setupOf(values: PuzzleParams): { setup: PuzzleSetup; notices: Notice[] } {
	const { puzzle, people, days, rolls } = values;
	if (puzzle === 'coins') return { setup: { puzzle, people, days, rolls, first: 'HH', second: 'TH' }, notices: [] };
	let second: string = values.second;
	const notices: Notice[] = [];
	if (puzzle === 'penney' && second === values.first) {
		second = PATTERNS[(PATTERNS.indexOf(values.first) + 1) % PATTERNS.length];
		notices.push({ key: 'second', message: `The two patterns are both ${values.first}: a race needs two different ones, so B is ${second} here.` });
	}
	return { setup: { puzzle, people, days, rolls, first: values.first, second }, notices };
}

/** What the readout `exact` and `estimate` measure, in words. */
export function eventOf(setup: PuzzleSetup): string {
	switch (setup.puzzle) {
		case 'birthday':
			return `all ${setup.people} birthdays differ`;
		case 'dice':
			return `two 3s in a row in ${setup.rolls} roll${setup.rolls === 1 ? '' : 's'}`;
		default:
			return `${setup.first} comes before ${setup.second}`;
	}
}

export class PuzzleRun implements Run {
	readonly setup: PuzzleSetup;
	readonly exact: Exact;
	readonly notices: Notice[];
	readonly perStep: number;
	estimate = $state.raw<Estimate>({ trials: 0, successes: 0, value: NaN, low: 0, high: 1 });
	/** The estimate after every step, for the convergence plot. */
	history = $state.raw<Estimate[]>([]);
	#rng: Rng;
	/** The first step's draws, trial by trial (see TrialDraws), for the export: one step is at most ~150 000 numbers. */
	#firstDraws: TrialDraws | null = null;

	constructor({ values, seed }: RunInput<typeof schema, PuzzleRun>) {
		const { setup, notices } = setupOf(values);
		this.setup = setup;
		this.notices = notices;
		this.exact = exactAnswer(setup);
		this.perStep = trialsPerStep(setup);
		this.#rng = createRng(seed).fork('trials');
	}

	get canStep(): boolean {
		return this.estimate.trials < MAX_TRIALS;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const trials = Math.min(this.perStep, MAX_TRIALS - this.estimate.trials);
		const batch = simulate(this.setup, this.#rng, trials);
		if (this.history.length === 0) this.#firstDraws = batch.draws;
		const successes = this.estimate.successes + batch.successes;
		const total = this.estimate.trials + trials;
		const [low, high] = wilsonInterval(successes, total);
		this.estimate = { trials: total, successes, value: successes / total, low, high };
		this.history = [...this.history, this.estimate];
		return this.canStep;
	}

	get status(): RunStatus {
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		const { trials, value, low, high } = this.estimate;
		const event = eventOf(this.setup);
		if (trials === 0) return `Exact P(${event}) = ${formatValue(this.exact.value, 4)}. Play to simulate it, ${this.perStep.toLocaleString('en')} trials a step.`;
		const inside = this.exact.value >= low && this.exact.value <= high ? 'inside' : 'outside';
		const done = this.canStep ? '' : ' Done.';
		return `${trials.toLocaleString('en')} trials: estimate ${formatValue(value, 4)}, 95% interval ${formatValue(low, 4)} to ${formatValue(high, 4)}, the exact ${formatValue(this.exact.value, 4)} ${inside} it.${done}`;
	}

	get readouts(): Readout[] {
		const { trials, value, low, high } = this.estimate;
		const some = trials > 0;
		return [
			{ name: 'exact', label: `Exact P(${eventOf(this.setup)})`, value: this.exact.value, digits: 4 },
			{ name: 'estimate', label: 'Estimate', value: some ? value : null, digits: 4 },
			{ name: 'low', label: '95% interval from', value: some ? low : null, digits: 4 },
			{ name: 'high', label: '95% interval to', value: some ? high : null, digits: 4 },
			{ name: 'trials', label: 'Trials', value: trials }
		];
	}

	exportData() {
		const { numerator, denominator } = this.exact.fraction;
		const exact = { value: this.exact.value, fraction: readableFraction(this.exact.fraction), numerator: numerator.toString(), denominator: denominator.toString() };
		const row = (e: Estimate) => ({ trials: e.trials, successes: e.successes, estimate: tidyNumber(e.value), low: tidyNumber(e.low), high: tidyNumber(e.high) });
		return {
			state: {
				event: eventOf(this.setup),
				exact,
				estimate: this.estimate.trials ? row(this.estimate) : null,
				patterns: [this.setup.first, this.setup.second],
				firstStepDraws: this.#firstDraws?.() ?? null
			},
			history: this.history.map(row)
		};
	}
}
