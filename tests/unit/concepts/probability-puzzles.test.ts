import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { defaultValues } from '$lib/widget/schema';
import { PATTERNS, schema } from '$lib/concepts/probability-puzzles/params';
import { setupOf } from '$lib/concepts/probability-puzzles/run.svelte';
import {
	birthdayAllDifferent,
	diceDoubleThree,
	exactAnswer,
	patternRace,
	peopleForEvenOdds,
	readableFraction,
	simulate,
	trialsPerStep,
	type PuzzleSetup
} from '$lib/concepts/probability-puzzles/sim';
import { expectClose } from '../helpers/close';

/** Every sequence of `length` symbols out of `alphabet`, as a callback (brute force). */
function everySequence(alphabet: number, length: number, visit: (sequence: number[]) => void) {
	const sequence = new Array(length).fill(0);
	const total = alphabet ** length;
	for (let c = 0; c < total; c++) {
		for (let i = 0, rest = c; i < length; i++, rest = Math.floor(rest / alphabet)) sequence[i] = rest % alphabet;
		visit(sequence);
	}
}

/** P(a before b) by value iteration on the chain of the last flips, in float64: a second method. */
function raceByIteration(a: string, b: string): number {
	const states = new Map<string, number>();
	const value = (s: string): number => (s.endsWith(a) ? 1 : s.endsWith(b) ? 0 : (states.get(s) ?? 0.5));
	const keys: string[] = [''];
	for (let len = 1; len < a.length; len++) everySequence(2, len, (seq) => keys.push(seq.map((f) => (f ? 'H' : 'T')).join('')));
	for (let sweep = 0; sweep < 2000; sweep++) {
		for (const s of keys) {
			const next = (flip: string) => {
				const longer = s + flip;
				if (longer.endsWith(a) || longer.endsWith(b)) return value(longer);
				return value(longer.slice(-(a.length - 1)));
			};
			states.set(s, (next('H') + next('T')) / 2);
		}
	}
	return states.get('')!;
}

describe('exact answers', () => {
	it('birthdays: the textbook numbers, 30 people → 0.2937 all different, 23 → over ½ share', () => {
		expectClose(birthdayAllDifferent(30, 365).value, 0.2937, { abs: 5e-5, rel: 0 });
		expect(1 - birthdayAllDifferent(23, 365).value).toBeGreaterThan(0.5);
		expect(1 - birthdayAllDifferent(22, 365).value).toBeLessThan(0.5);
		expectClose(1 - birthdayAllDifferent(23, 365).value, 0.507297, { abs: 1e-6, rel: 0 });
		expect(peopleForEvenOdds(365)).toBe(23);
	});

	it('birthdays: the fraction agrees with counting every assignment of birthdays (small cases)', () => {
		for (const [people, days] of [[3, 4], [4, 6], [5, 5], [6, 3], [1, 7]]) {
			let distinct = 0;
			everySequence(days, people, (seq) => void (new Set(seq).size === people && distinct++));
			const exact = birthdayAllDifferent(people, days);
			expectClose(exact.value, distinct / days ** people, { abs: 1e-15, rel: 1e-12 });
		}
		expect(readableFraction(birthdayAllDifferent(3, 4).fraction)).toBe('3/8');
		expect(birthdayAllDifferent(10, 9).value).toBe(0);
		expect(Number.isFinite(birthdayAllDifferent(200, 1000).value)).toBe(true);
	});

	it('dice: 3 rolls → 11/216, and the recursion agrees with listing every sequence', () => {
		expect(readableFraction(diceDoubleThree(3).fraction)).toBe('11/216');
		expect(diceDoubleThree(1).value).toBe(0);
		for (let rolls = 1; rolls <= 6; rolls++) {
			let hits = 0;
			everySequence(6, rolls, (seq) => void (seq.some((face, i) => face === 2 && seq[i + 1] === 2) && hits++));
			expectClose(diceDoubleThree(rolls).value, hits / 6 ** rolls, { abs: 1e-15, rel: 1e-12 });
		}
		const many = diceDoubleThree(100).value;
		expect(many).toBeGreaterThan(0.9);
		expect(many).toBeLessThan(1);
	});

	it('coins: HH before TH is 1/4; Penney’s HHH against THH is 1/8', () => {
		expect(readableFraction(patternRace('HH', 'TH').fraction)).toBe('1/4');
		expect(readableFraction(patternRace('HHH', 'THH').fraction)).toBe('1/8');
	});

	it('Conway’s numbers agree with value iteration on the Markov chain, for every pair of three-flip patterns', () => {
		for (const a of PATTERNS) for (const b of PATTERNS) if (a !== b) expectClose(patternRace(a, b).value, raceByIteration(a, b), { abs: 1e-9, rel: 0 });
	});
});

describe('simulation', () => {
	const cases: [string, PuzzleSetup][] = [
		['birthday, 30 people', { ...setupOf(defaultValues(schema)).setup }],
		['birthday, 2 people of 3 days', { ...setupOf(defaultValues(schema)).setup, people: 2, days: 3 }],
		['dice, 3 rolls', { ...setupOf({ ...defaultValues(schema), puzzle: 'dice' }).setup }],
		['dice, 12 rolls', { ...setupOf({ ...defaultValues(schema), puzzle: 'dice', rolls: 12 }).setup }],
		['coins', setupOf({ ...defaultValues(schema), puzzle: 'coins' }).setup],
		['penney HHH vs THH', setupOf({ ...defaultValues(schema), puzzle: 'penney' }).setup],
		['penney TTT vs HHH (long waits)', setupOf({ ...defaultValues(schema), puzzle: 'penney', first: 'TTT', second: 'HHH' }).setup]
	];

	it.each(cases)('lands within four standard errors of the exact answer, with no tensor left (%s)', (_, setup) => {
		const rng = createRng(11);
		const before = tf.memory().numTensors;
		let [successes, trials] = [0, 0];
		for (let i = 0; i < 8; i++) {
			const batch = trialsPerStep(setup);
			successes += simulate(setup, rng, batch).successes;
			trials += batch;
		}
		expect(tf.memory().numTensors).toBe(before);
		const p = exactAnswer(setup).value;
		const standardError = Math.sqrt((p * (1 - p)) / trials);
		expect(Math.abs(successes / trials - p)).toBeLessThanOrEqual(4 * standardError + 1e-12);
	});

	/** Whether one trial's draws, as the export writes them, show the puzzle's event: read from the text alone. */
	function eventInText(setup: PuzzleSetup, text: string): boolean {
		if (setup.puzzle === 'birthday') {
			const days = text === '' ? [] : text.split(' ');
			return new Set(days).size === days.length;
		}
		if (setup.puzzle === 'dice') return text.includes('33');
		const [a, b] = [text.indexOf(setup.first), text.indexOf(setup.second)];
		return a >= 0 && (b < 0 || a < b);
	}

	it.each(cases)('the draws kept for the export count to the same successes (%s)', (_, setup) => {
		const trials = 2000;
		const { successes, draws } = simulate(setup, createRng(5), trials);
		const text = draws();
		expect(text).toHaveLength(trials);
		expect(text.filter((trial) => eventInText(setup, trial)).length).toBe(successes);
	});

	it('is the same for the same seed', () => {
		const setup = setupOf({ ...defaultValues(schema), puzzle: 'dice', rolls: 5 }).setup;
		expect(simulate(setup, createRng(3), 1000).successes).toBe(simulate(setup, createRng(3), 1000).successes);
	});

	it('two equal patterns: a notice, and a race against a different one', () => {
		const { setup, notices } = setupOf({ ...defaultValues(schema), puzzle: 'penney', first: 'HTH', second: 'HTH' });
		expect(setup.second).not.toBe('HTH');
		expect(notices[0].key).toBe('second');
		expect(Number.isFinite(exactAnswer(setup).value)).toBe(true);
	});
});
