/** Polynomial bases for least-squares fits in plain numbers. */

/**
 * The basis functions at each x, row by row [xs.length × (degree + 1)]: √(2j + 1)·Pⱼ(2x − 1),
 * the Legendre polynomials rescaled to mean square 1 over [0, 1]. They are orthonormal for
 * x uniform on [0, 1], which keeps a design matrix of random points well conditioned, and
 * Σⱼ βⱼ² is the mean square of the polynomial Σⱼ βⱼ·φⱼ over [0, 1].
 */
export function legendreBasis(xs: ArrayLike<number>, degree: number): Float64Array {
	const width = degree + 1;
	const basis = new Float64Array(xs.length * width);
	for (let i = 0; i < xs.length; i++) {
		const t = 2 * xs[i] - 1;
		let previous = 1;
		let current = t;
		for (let j = 0; j <= degree; j++) {
			let p: number;
			if (j === 0) p = 1;
			else if (j === 1) p = t;
			else {
				// (j)·Pⱼ = (2j − 1)·t·Pⱼ₋₁ − (j − 1)·Pⱼ₋₂
				p = ((2 * j - 1) * t * current - (j - 1) * previous) / j;
				previous = current;
				current = p;
			}
			basis[i * width + j] = Math.sqrt(2 * j + 1) * p;
		}
	}
	return basis;
}
