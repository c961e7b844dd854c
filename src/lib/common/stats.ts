/**
 * The normal distribution to double precision, a binomial proportion's interval and
 * histograms, in plain numbers (no TF.js): the probability and statistics concepts draw and
 * test against these.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * erfc(x) for x ≥ 0, to about 1e-15 relative: below 3 by the series
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (every term positive, so nothing
 * cancels), and from 3 up by the continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated by Lentz's method.
 */
function erfcPositive(x: number): number {
	if (x < 3) {
		let term = x;
		let sum = x;
		for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
			term *= (2 * x * x) / (2 * n + 1);
			sum += term;
		}
		return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
	}
	if (x > 27) return 0;
	// The fraction x + a₁/(x + a₂/(x + …)) with a_k = k/2.
	const tiny = 1e-300;
	let f = x;
	let c = x;
	let d = 0;
	for (let k = 1; k < 500; k++) {
		const a = k / 2;
		d = x + a * d;
		d = Math.abs(d) < tiny ? tiny : d;
		c = x + a / c;
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		const delta = c * d;
		f *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
	if (Number.isNaN(x)) return NaN;
	return x >= 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
}

/** The standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
	return 0.5 * erfc(-z / Math.SQRT2);
}

/** The standard normal density φ(z). */
export const normalDensity = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/**
 * The standard normal quantile Φ⁻¹(q): Acklam's rational approximation (relative error
 * below 1.2e-9), then one Halley step on Φ above, which brings it to double precision.
 */
export function normalQuantile(q: number): number {
	if (!(q > 0 && q < 1)) return q === 0 ? -Infinity : q === 1 ? Infinity : NaN;
	const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
	const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
	const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
	const tail = (r: number) => (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
	let x: number;
	if (q < 0.02425) x = tail(Math.sqrt(-2 * Math.log(q)));
	else if (q > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log(1 - q)));
	else {
		const s = q - 0.5;
		const r = s * s;
		x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * s) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	// Halley: the error e = Φ(x) − q (taken from the nearer tail), u = e/φ(x).
	const e = q < 0.5 ? normalCdf(x) - q : 1 - q - normalCdf(-x);
	const u = e / normalDensity(x);
	return x - u / (1 + (x * u) / 2);
}

/** The Wilson score interval of a binomial proportion, at 95%. */
export function wilsonInterval(successes: number, trials: number): [number, number] {
	if (trials === 0) return [0, 1];
	const z = 1.959963984540054;
	const p = successes / trials;
	const z2n = (z * z) / trials;
	const centre = (p + z2n / 2) / (1 + z2n);
	const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface Histogram {
	lo: number;
	hi: number;
	counts: number[];
	/** Values below lo and above hi. */
	outside: number;
}

/** Counts in `bins` equal bins over [lo, hi]. */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
	const counts = new Array(bins).fill(0);
	let outside = 0;
	const width = (hi - lo) / bins;
	for (let i = 0; i < values.length; i++) {
		const bin = Math.floor((values[i] - lo) / width);
		if (bin >= 0 && bin < bins) counts[bin]++;
		else if (values[i] === hi) counts[bins - 1]++;
		else outside++;
	}
	return { lo, hi, counts, outside };
}

/** The histogram as a step outline of densities (count ÷ (total × bin width)), from the axis up and back. */
export function histogramOutline({ lo, hi, counts }: Histogram, total: number): [number, number][] {
	const width = (hi - lo) / counts.length;
	const points: [number, number][] = [[lo, 0]];
	counts.forEach((count, i) => {
		const height = count / (Math.max(1, total) * width);
		points.push([lo + i * width, height], [lo + (i + 1) * width, height]);
	});
	points.push([hi, 0]);
	return points;
}
