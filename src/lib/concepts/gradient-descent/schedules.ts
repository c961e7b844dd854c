/**
 * Learning-rate schedules: the rate η_t that update number t (counted from 0) uses, as a
 * pure function of the base rate η and t, so a trajectory can be recomputed from scratch.
 *
 * Degenerate options are repaired rather than refused, so that any slider position gives
 * a finite rate ≥ 0: counts are rounded down, `totalSteps` and `period` are at least 1,
 * and `warmup` lies in [0, totalSteps − 1]; a base rate that is negative or not finite
 * counts as 0. Past `totalSteps`, the cosine schedules stay at 0 and `exp` keeps decaying.
 */

export const SCHEDULES = ['constant', 'step', 'exp', 'cosine', 'warmup-cosine', 'restarts'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export interface ScheduleOptions {
	/** T: the length of the run; the decaying schedules reach their end there. */
	totalSteps: number;
	/** W: warm-up steps of `warmup-cosine`. */
	warmup: number;
	/** P: steps between halvings (`step`) or between restarts (`restarts`). */
	period: number;
}

export const SCHEDULE_LABELS: Record<ScheduleName, string> = {
	constant: 'Constant',
	step: 'Step decay',
	exp: 'Exponential decay',
	cosine: 'Cosine',
	'warmup-cosine': 'Warm-up, then cosine',
	restarts: 'Cosine with restarts'
};

/** A whole number ≥ min (and ≤ max); NaN and ±Infinity give min. */
function count(value: number, min: number, max = Infinity): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

/** The options as the schedules use them: T ≥ 1, P ≥ 1, 0 ≤ W ≤ T − 1, all whole. */
function repaired(options: ScheduleOptions): ScheduleOptions {
	const totalSteps = count(options.totalSteps, 1);
	return { totalSteps, warmup: count(options.warmup, 0, totalSteps - 1), period: count(options.period, 1) };
}

/** (1 + cos(π·progress)) / 2 for progress clamped to [0, 1]: falls from 1 to 0. */
function halfCosine(progress: number): number {
	return (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, progress)))) / 2;
}

/**
 * The learning rate for update number `step` (0-based) — pure function.
 *
 * @example scheduledRate('step', 0.1, 250, { totalSteps: 1000, warmup: 0, period: 100 }) // 0.1 · 0.5² = 0.025
 */
export function scheduledRate(
	schedule: ScheduleName,
	baseRate: number,
	step: number,
	options: ScheduleOptions
): number {
	const eta = Number.isFinite(baseRate) && baseRate > 0 ? baseRate : 0;
	const t = Number.isFinite(step) && step > 0 ? step : 0;
	// As `repaired`, without an object per call: this runs once per update of every trajectory.
	const totalSteps = count(options.totalSteps, 1);
	const warmup = count(options.warmup, 0, totalSteps - 1);
	const period = count(options.period, 1);
	switch (schedule) {
		case 'constant':
			return eta;
		case 'step':
			return eta * 0.5 ** Math.floor(t / period);
		case 'exp':
			return eta * 0.01 ** (t / totalSteps);
		case 'cosine':
			return eta * halfCosine(t / totalSteps);
		case 'warmup-cosine':
			// The fraction first: eta × (≤ 1) can never round above eta.
			if (t < warmup) return eta * ((t + 1) / warmup);
			return eta * halfCosine((t - warmup) / (totalSteps - warmup));
		case 'restarts':
			return eta * halfCosine((t % period) / period);
	}
}

/**
 * The formula of each schedule in plain text, for the UI and the export, with the
 * (repaired) options filled in; η is the base rate and t the update number from 0.
 *
 * @example scheduleFormula('cosine', { totalSteps: 500, warmup: 0, period: 100 })
 * // 'η · (1 + cos(π · t / 500)) / 2'
 */
export function scheduleFormula(schedule: ScheduleName, options: ScheduleOptions): string {
	const { totalSteps, warmup, period } = repaired(options);
	const cosine = (t: string, span: number) => `η · (1 + cos(π · ${t} / ${span})) / 2`;
	switch (schedule) {
		case 'constant':
			return 'η';
		case 'step':
			return `η · 0.5^floor(t / ${period})`;
		case 'exp':
			return `η · 0.01^(t / ${totalSteps})`;
		case 'cosine':
			return cosine('t', totalSteps);
		case 'warmup-cosine':
			if (warmup === 0) return cosine('t', totalSteps);
			return `η · (t + 1) / ${warmup} for t < ${warmup}, then ${cosine(`(t − ${warmup})`, totalSteps - warmup)}`;
		case 'restarts':
			return cosine(`(t mod ${period})`, period);
	}
}
