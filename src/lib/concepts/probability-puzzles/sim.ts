/**
 * The probability puzzles: each one's exact answer, worked out the way a reader can follow
 * (a product, a counting recursion, Conway's numbers for coin patterns), and a Monte Carlo
 * estimate of the same probability: trials drawn from the seeded RNG in one batch and judged
 * by a few TF.js ops over the whole batch.
 */
import * as tf from '$lib/engine/tfjs';
import type { Rng } from '$lib/engine/rng';
import type { PuzzleName } from './params';

/** A probability as a fraction in lowest terms. */
export interface Fraction {
	numerator: bigint;
	denominator: bigint;
}

export interface Exact {
	fraction: Fraction;
	/** The fraction as a float (for huge terms, the leading bits of each). */
	value: number;
	/** The working, one line each, in plain text. */
	working: string[];
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

export function fraction(numerator: bigint, denominator: bigint): Fraction {
	const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator) || 1n;
	return { numerator: numerator / divisor, denominator: denominator / divisor };
}

/** numerator / denominator as a float, exact to float precision even when both overflow a float. */
export function fractionValue({ numerator, denominator }: Fraction): number {
	const shift = BigInt(Math.max(0, denominator.toString(2).length - 1000));
	return Number(numerator >> shift) / Number(denominator >> shift);
}

/** A fraction short enough to read (both terms under 16 digits), else null. */
export function readableFraction({ numerator, denominator }: Fraction): string | null {
	return denominator.toString().length <= 15 ? `${numerator}/${denominator}` : null;
}

/** P(n people all have different birthdays) with d equally likely days: d(d−1)…(d−n+1)/dⁿ. */
export function birthdayAllDifferent(people: number, days: number): Exact {
	let numerator = 1n;
	for (let i = 0; i < people; i++) numerator *= BigInt(Math.max(0, days - i));
	const exact = fraction(numerator, BigInt(days) ** BigInt(people));
	const factors = people <= 3 ? Array.from({ length: people }, (_, i) => `${days - i}/${days}`).join(' · ') : `${days}/${days} · ${days - 1}/${days} · … · ${days - people + 1}/${days}`;
	return {
		fraction: exact,
		value: fractionValue(exact),
		working: [
			`Line the ${people} people up. Each must miss the birthdays of everyone before them: the k-th person has ${days} − (k − 1) free days of ${days}.`,
			people > days ? `With more people than days someone must share: the product reaches 0 at person ${days + 1}.` : `P(all different) = ${factors}.`
		]
	};
}

/** The smallest n whose P(some two share a birthday) exceeds ½ with d days. */
export function peopleForEvenOdds(days: number): number {
	let allDifferent = 1;
	for (let n = 1; ; n++) {
		allDifferent *= Math.max(0, days - (n - 1)) / days;
		if (allDifferent < 0.5) return n;
	}
}

/**
 * P(two threes in a row somewhere in r rolls of a fair die), by counting sequences: those
 * without "33" yet that end in a 3 or not, and those that have it; each roll extends them.
 */
export function diceDoubleThree(rolls: number): Exact {
	let [endsOther, endsThree, done] = [1n, 0n, 0n];
	for (let r = 0; r < rolls; r++) [endsOther, endsThree, done] = [5n * (endsOther + endsThree), endsOther, 6n * done + endsThree];
	const exact = fraction(done, 6n ** BigInt(rolls));
	return {
		fraction: exact,
		value: fractionValue(exact),
		working: [
			'Count the sequences of rolls without "3 3" yet, split by whether they end in a 3 (E₃) or not (E).',
			'Each roll: E′ = 5(E + E₃) (any of 5 other faces), E₃′ = E (a 3 after a non-3), and every E₃ that rolls a 3 is done: D′ = 6D + E₃.',
			`After ${rolls} roll${rolls === 1 ? '' : 's'}: ${done} of the 6^${rolls} = ${6n ** BigInt(rolls)} sequences hold "3 3".`
		].slice(0, rolls <= 20 ? 3 : 2)
	};
}

/** Conway's correlation XY: Σ 2^(k−1) over the k for which X's last k flips are Y's first k. */
export function correlation(x: string, y: string): number {
	let total = 0;
	for (let k = 1; k <= Math.min(x.length, y.length); k++) if (x.slice(-k) === y.slice(0, k)) total += 2 ** (k - 1);
	return total;
}

/**
 * P(pattern a appears before pattern b) in fair coin flips, by Conway's leading numbers:
 * the odds of b over a are (AA − AB) : (BB − BA). Neither may be inside the other.
 */
export function patternRace(a: string, b: string): Exact {
	const [aa, ab, bb, ba] = [correlation(a, a), correlation(a, b), correlation(b, b), correlation(b, a)];
	const exact = fraction(BigInt(bb - ba), BigInt(aa - ab + bb - ba));
	return {
		fraction: exact,
		value: fractionValue(exact),
		working: [
			`Conway's numbers: XY adds 2^(k−1) for each k where the last k flips of X are the first k of Y. AA = ${aa}, AB = ${ab}, BB = ${bb}, BA = ${ba}.`,
			`The odds of ${b} coming first against ${a} are (AA − AB) : (BB − BA) = ${aa - ab} : ${bb - ba}, so P(${a} first) = ${bb - ba}/${aa - ab + bb - ba}.`
		]
	};
}

export interface PuzzleSetup {
	puzzle: PuzzleName;
	people: number;
	days: number;
	rolls: number;
	/** The two patterns raced (coins: HH and TH). */
	first: string;
	second: string;
}

export function exactAnswer(setup: PuzzleSetup): Exact {
	switch (setup.puzzle) {
		case 'birthday':
			return birthdayAllDifferent(setup.people, setup.days);
		case 'dice':
			return diceDoubleThree(setup.rolls);
		case 'coins':
		case 'penney':
			return patternRace(setup.first, setup.second);
	}
}

/** Random numbers a step draws, whatever the puzzle: about 5 ms of work. */
export const DRAWS_PER_STEP = 150_000;
/** Flips drawn per coin trial; the rare trial that has not decided by then goes on in plain code. */
export const FLIPS = 48;

export function trialsPerStep(setup: PuzzleSetup): number {
	const perTrial = setup.puzzle === 'birthday' ? setup.people : setup.puzzle === 'dice' ? setup.rolls : FLIPS;
	return Math.max(100, Math.min(50_000, Math.floor(DRAWS_PER_STEP / Math.max(1, perTrial))));
}

/** Whole numbers uniform in [0, n), as an int32 [trials × width] tensor. */
function drawInts(rng: Rng, trials: number, width: number, n: number): { values: Int32Array; tensor: tf.Tensor2D } {
	const values = new Int32Array(trials * width);
	for (let i = 0; i < values.length; i++) values[i] = rng.int(n);
	return { values, tensor: tf.tensor2d(values, [trials, width], 'int32') };
}

/**
 * A batch's draws trial by trial, for the export, each trial as text: the birthdays (days
 * 0…d − 1, "17 250 3 …"), the rolls (faces 1…6, "352") or the flips ("HTTH…", with those a
 * long race flipped on). Written only when called: the text of a batch takes several times
 * as long as simulating it, and is read only by an export.
 */
export type TrialDraws = () => string[];

export interface Batch {
	/** The number of the trials in which the puzzle's event happens. */
	successes: number;
	draws: TrialDraws;
}

/** `trials` trials drawn from `rng`. */
export function simulate(setup: PuzzleSetup, rng: Rng, trials: number): Batch {
	switch (setup.puzzle) {
		case 'birthday':
			return birthdayTrials(setup.people, setup.days, rng, trials);
		case 'dice':
			return diceTrials(setup.rolls, rng, trials);
		case 'coins':
		case 'penney':
			return raceTrials(setup.first, setup.second, rng, trials);
	}
}

/** Each trial's row of `values` [trials × width], mapped and joined into text. */
function rowsAsText(values: Int32Array, trials: number, width: number, map: (value: number) => number | string, separator: string): string[] {
	return Array.from({ length: trials }, (_, t) => Array.from(values.subarray(t * width, (t + 1) * width), map).join(separator));
}

/** Trials in which all n birthdays differ: sort each row, look for equal neighbours. */
function birthdayTrials(people: number, days: number, rng: Rng, trials: number): Batch {
	if (people === 1) return { successes: trials, draws: () => new Array<string>(trials).fill('') };
	const { values, tensor } = drawInts(rng, trials, people, days);
	const shared = tf.tidy(() => {
		const sorted = tf.topk(tensor, people).values;
		const repeats = tf.equal(sorted.slice([0, 1], [-1, people - 1]), sorted.slice([0, 0], [-1, people - 1]));
		return tf.sum(tf.cast(tf.any(repeats, 1), 'int32'));
	});
	tensor.dispose();
	const count = shared.dataSync()[0];
	shared.dispose();
	return { successes: trials - count, draws: () => rowsAsText(values, trials, people, (day) => day, ' ') };
}

/** Trials with a 3 followed by a 3 (face 2 of 0…5, as drawn). */
function diceTrials(rolls: number, rng: Rng, trials: number): Batch {
	const { values, tensor } = drawInts(rng, trials, rolls, 6);
	const draws = () => rowsAsText(values, trials, rolls, (face) => face + 1, '');
	if (rolls === 1) {
		tensor.dispose();
		return { successes: 0, draws };
	}
	const hits = tf.tidy(() => {
		const threes = tf.equal(tensor, 2);
		const pairs = tf.logicalAnd(threes.slice([0, 0], [-1, rolls - 1]), threes.slice([0, 1], [-1, rolls - 1]));
		return tf.sum(tf.cast(tf.any(pairs, 1), 'int32'));
	});
	tensor.dispose();
	const count = hits.dataSync()[0];
	hits.dispose();
	return { successes: count, draws };
}

const code = (pattern: string) => [...pattern].reduce((c, flip) => 2 * c + (flip === 'H' ? 1 : 0), 0);

/**
 * Trials in which `a` shows up before `b` (equal lengths). Each window of flips is read as a
 * binary number (H = 1); the first window equal to each pattern's number decides.
 */
function raceTrials(a: string, b: string, rng: Rng, trials: number): Batch {
	const length = a.length;
	const windows = FLIPS - length + 1;
	const { values, tensor } = drawInts(rng, trials, FLIPS, 2);
	const [firstA, firstB] = tf.tidy(() => {
		let codes = tf.zeros([trials, windows], 'int32');
		for (let k = 0; k < length; k++) codes = tf.add(tf.mul(codes, 2), tensor.slice([0, k], [-1, windows]));
		// A window that matches holds its position, the others `windows` (past the end); the least is the first match.
		const pastEnd = tf.sub(tf.range(0, windows, 1, 'int32'), windows);
		const first = (pattern: string) => tf.min(tf.add(tf.mul(tf.cast(tf.equal(codes, code(pattern)), 'int32'), pastEnd), windows), 1);
		return [first(a), first(b)].map((t) => t.dataSync() as Int32Array);
	});
	tensor.dispose();
	let wins = 0;
	// The flips of the rare trials that went on past FLIPS, by trial.
	const flippedOn = new Map<number, string>();
	for (let t = 0; t < trials; t++) {
		if (firstA[t] < firstB[t]) wins++;
		else if (firstA[t] === windows && firstB[t] === windows) {
			const more: string[] = [];
			if (finishRace(a, b, values.subarray(t * FLIPS, (t + 1) * FLIPS), rng, more)) wins++;
			flippedOn.set(t, more.join(''));
		}
	}
	return { successes: wins, draws: () => rowsAsText(values, trials, FLIPS, (f) => (f ? 'H' : 'T'), '').map((flips, t) => flips + (flippedOn.get(t) ?? '')) };
}

/** A trial neither pattern has won yet, flipped on until one does (each flip added to `more`): true when `a` wins. */
function finishRace(a: string, b: string, flips: Int32Array, rng: Rng, more: string[]): boolean {
	let recent = Array.from(flips.subarray(flips.length - (a.length - 1)), (f) => (f ? 'H' : 'T')).join('');
	for (;;) {
		const flip = rng.int(2) ? 'H' : 'T';
		more.push(flip);
		recent = (recent + flip).slice(-a.length);
		if (recent === a) return true;
		if (recent === b) return false;
	}
}

/** The exact answer over a range of the puzzle's size, for the curve beside the estimate. */
export function exactCurve(setup: PuzzleSetup): { x: number; value: number }[] {
	if (setup.puzzle === 'birthday') {
		const top = Math.min(200, Math.max(60, 2 * setup.people));
		let allDifferent = 1;
		return Array.from({ length: top }, (_, i) => {
			allDifferent *= Math.max(0, setup.days - i) / setup.days;
			return { x: i + 1, value: allDifferent };
		});
	}
	if (setup.puzzle === 'dice') {
		const top = Math.min(100, Math.max(30, 2 * setup.rolls));
		return Array.from({ length: top }, (_, i) => ({ x: i + 1, value: diceDoubleThree(i + 1).value }));
	}
	return [];
}

/** Every pattern of the same length as `a`, but `a`, with P(a comes before it). */
export function racesAgainst(a: string): { rival: string; value: number }[] {
	const all = Array.from({ length: 2 ** a.length }, (_, c) => [...c.toString(2).padStart(a.length, '0')].map((bit) => (bit === '1' ? 'H' : 'T')).join(''));
	return all
		.reverse()
		.filter((rival) => rival !== a)
		.map((rival) => ({ rival, value: patternRace(a, rival).value }));
}
