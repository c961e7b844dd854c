/**
 * A regularisation run. Two features: the plane (data, loss contours, OLS) is kept while the
 * truth, ρ and the seed stay, and the two constrained solutions for the budget are computed
 * at once (a bisection of a few hundred tiny solves). Eight features: the lasso, ridge and
 * elastic-net paths over the λ grid come from background jobs (finishing the one under way
 * first, so that dragging α shows new paths as fast as they are made); the fits at the chosen
 * λ are computed at once. Nothing to step: the run is converged when the paths are in.
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { RegularisationParams, schema } from './params';
import {
	constrainedL1,
	constrainedL2,
	fitAt,
	LAMBDAS,
	makePathData,
	makePlane,
	nonZero,
	pathJob,
	PENALTIES,
	testError,
	type Constrained,
	type Path,
	type PathData,
	type Penalty,
	type Plane,
	type TruthName
} from './sim';

export const PENALTY_NAMES: Record<Penalty, string> = { l1: 'Lasso (L1)', l2: 'Ridge (L2)', enet: 'Elastic net' };
export const PENALTY_COLORS: Record<Penalty, string> = { l1: 'var(--cat-1)', l2: 'var(--cat-2)', enet: 'var(--cat-3)' };

export class RegularisationRun implements Run {
	readonly values: RegularisationParams;
	readonly seed: number;
	readonly plane: Plane;
	readonly l1: Constrained;
	readonly l2: Constrained;
	readonly data: PathData;
	readonly paths: Record<Penalty, JobHandle<Path>>;
	/** The coefficients at the chosen λ, per penalty. */
	readonly current: Record<Penalty, Float64Array>;
	readonly errors: Record<Penalty, number>;
	readonly canStep = false;

	constructor({ values, seed, services }: RunInput<typeof schema, RegularisationRun>) {
		this.values = values;
		this.seed = seed;
		const { truth, rho, budget, lambda, alpha } = values;
		const planeKey = JSON.stringify([truth, rho, seed]);
		this.plane = services.memo('plane', planeKey, () => makePlane(truth as TruthName, rho, seed));
		const plane = this.plane;
		[this.l1, this.l2] = services.memo('constrained', JSON.stringify([planeKey, budget]), () => [constrainedL1(plane.moments, budget), constrainedL2(plane.moments, budget)]);
		const data = (this.data = services.memo('data', String(seed), () => makePathData(seed)));
		this.paths = requestPaths(services, data, seed, alpha);
		this.current = {
			l1: fitAt(data, 'l1', lambda, alpha),
			l2: fitAt(data, 'l2', lambda, alpha),
			enet: fitAt(data, 'enet', lambda, alpha)
		};
		this.errors = { l1: testError(data, this.current.l1), l2: testError(data, this.current.l2), enet: testError(data, this.current.enet) };
	}

	/** A penalty's path: this run's, or while it is on its way the last one made (α being dragged). */
	path(penalty: Penalty): Path | null {
		return this.paths[penalty].result ?? this.paths[penalty].latest;
	}

	get pathsReady(): boolean {
		return PENALTIES.every((p) => this.paths[p].result !== null);
	}

	get status(): RunStatus {
		if (PENALTIES.some((p) => this.paths[p].error)) return 'error';
		return this.pathsReady ? 'converged' : 'ready';
	}

	/** Where a constrained 2-D solution sits, in a few words. */
	where(solution: Constrained): string {
		const [b1, b2] = solution.beta;
		if (solution.inside) return 'least squares, inside the budget';
		if (b1 === 0 && b2 === 0) return 'the origin';
		if (b1 === 0 || b2 === 0) return `on a corner (β${b1 === 0 ? '₁' : '₂'} = 0)`;
		return 'both coefficients non-zero';
	}

	get statusText(): string {
		const failed = PENALTIES.find((p) => this.paths[p].error);
		if (failed) return `The ${PENALTY_NAMES[failed]} path could not be computed: ${this.paths[failed].error}`;
		const { budget, lambda } = this.values;
		const plane = `Two features, t = ${formatValue(budget)}: L1 solution: ${this.where(this.l1)}; L2 solution: ${this.where(this.l2)}.`;
		const paths = this.pathsReady ? '' : ' Computing the paths…';
		return `${plane} Eight features, λ = ${formatValue(lambda)}: the lasso keeps ${nonZero(this.current.l1)} of 8 coefficients.${paths}`;
	}

	get readouts(): Readout[] {
		const [b1l1, b2l1] = this.l1.beta;
		const [b1l2, b2l2] = this.l2.beta;
		return [
			{ name: 'beta1_l1', label: 'L1 solution β₁', value: b1l1, digits: 4 },
			{ name: 'beta2_l1', label: 'L1 solution β₂', value: b2l1, digits: 4 },
			{ name: 'beta1_l2', label: 'L2 solution β₁', value: b1l2, digits: 4 },
			{ name: 'beta2_l2', label: 'L2 solution β₂', value: b2l2, digits: 4 },
			...PENALTIES.flatMap((p) => [
				{ name: `test_error_${p}`, label: 'Test error at λ', group: PENALTY_NAMES[p], value: this.errors[p], digits: 4 },
				{ name: `nonzero_${p}`, label: 'Non-zero coefficients', group: PENALTY_NAMES[p], value: nonZero(this.current[p]) }
			])
		];
	}

	step(): boolean {
		return false;
	}

	exportData() {
		const tidy = (v: ArrayLike<number>) => Array.from(v, tidyNumber);
		const rows = (x: number[][]) => x.map(tidy);
		const solution = (s: Constrained) => ({ beta: tidy(s.beta), lambda: Number.isFinite(s.lambda) ? tidyNumber(s.lambda) : null, inside: s.inside });
		const paths = Object.fromEntries(
			PENALTIES.map((p) => {
				const path = this.paths[p].result;
				return [p, path ? { alpha: path.alpha, coefficients: path.coefficients.map(tidy), test_error: tidy(path.testError), zero_at: path.zeroAt.map(tidy) } : null];
			})
		);
		const { data, plane } = this;
		return {
			state: {
				plane: {
					truth: [...plane.truth],
					rho: plane.rho,
					budget: this.values.budget,
					x: rows(plane.x),
					y: tidy(plane.y),
					ols: tidy(plane.ols),
					l1: solution(this.l1),
					l2: solution(this.l2)
				},
				paths: { lambdas: tidy(LAMBDAS), ...paths },
				data: {
					train: { x: rows(data.train.x), y: tidy(data.train.y) },
					test: { x: rows(data.test.x), y: tidy(data.test.y) },
					means: tidy(data.means),
					sds: tidy(data.sds),
					intercept: tidyNumber(data.yMean)
				},
				lambda: this.values.lambda,
				alpha: this.values.alpha,
				coef_l1: tidy(this.current.l1),
				coef_l2: tidy(this.current.l2),
				coef_enet: tidy(this.current.enet),
				test_error: { l1: tidyNumber(this.errors.l1), l2: tidyNumber(this.errors.l2), enet: tidyNumber(this.errors.enet) }
			},
			history: null
		};
	}
}

function requestPaths(services: RunServices, data: PathData, seed: number, alpha: number): Record<Penalty, JobHandle<Path>> {
	const job = (penalty: Penalty, key: string) => services.job(`path-${penalty}`, { key, make: () => pathJob(data, penalty, alpha), finishFirst: true });
	return {
		l1: job('l1', String(seed)),
		l2: job('l2', String(seed)),
		enet: job('enet', JSON.stringify([seed, alpha]))
	};
}
