import { describe, expect, it } from 'vitest';
import { matMulGradient } from '$lib/engine/gradients';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { expectAllClose } from '../helpers/close';

/** A plain float64 product of row-major matrices, transposed where asked. */
function product(x: Float64Array, [xr, xc]: number[], y: Float64Array, [yr, yc]: number[], tx: boolean, ty: boolean) {
	const at = (m: Float64Array, cols: number, i: number, j: number, t: boolean) => (t ? m[j * cols + i] : m[i * cols + j]);
	const [rows, inner, cols] = [tx ? xc : xr, tx ? xr : xc, ty ? yr : yc];
	const out = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < inner; k++) out[i * cols + j] += at(x, xc, i, k, tx) * at(y, yc, k, j, ty);
	return out;
}

describe('the matMul gradient that transposes first', () => {
	it.each([
		[false, false],
		[false, true],
		[true, false],
		[true, true]
	])('gives the gradients of Σ w ⊙ op(a)·op(b) (transposeA %s, transposeB %s)', (transposeA, transposeB) => {
		const rng = createRng(3);
		const [m, k, n] = [5, 4, 3];
		const aShape = transposeA ? [k, m] : [m, k];
		const bShape = transposeB ? [n, k] : [k, n];
		const draw = (size: number) => Float64Array.from({ length: size }, () => rng.normal());
		const [aValues, bValues, weights] = [draw(m * k), draw(k * n), draw(m * n)];
		const [da, db] = tf.tidy(() => {
			const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, transposeA, transposeB), tf.tensor2d(Float32Array.from(weights), [m, n])));
			return tf.grads(loss)([tf.tensor2d(Float32Array.from(aValues), aShape as [number, number]), tf.tensor2d(Float32Array.from(bValues), bShape as [number, number])]).map((g) => g.dataSync());
		});
		// ∂/∂op(a) = w·op(b)ᵀ and ∂/∂op(b) = op(a)ᵀ·w; transposed back where the operand was.
		const wShape = [m, n];
		const dOpA = product(weights, wShape, bValues, bShape, false, !transposeB); // m × k
		const dOpB = product(aValues, aShape, weights, wShape, !transposeA, false); // k × n
		const back = (values: Float64Array, rows: number, cols: number, t: boolean) =>
			t ? Float64Array.from({ length: rows * cols }, (_, i) => values[(i % rows) * cols + Math.floor(i / rows)]) : values;
		expectAllClose(Array.from(da), Array.from(back(dOpA, m, k, transposeA)), { abs: 1e-5, rel: 1e-5 });
		expectAllClose(Array.from(db), Array.from(back(dOpB, k, n, transposeB)), { abs: 1e-5, rel: 1e-5 });
	});

	it('is the gradient TF.js trains with', () => {
		expect(tf.getGradient(tf.BatchMatMul)).toBe(matMulGradient);
	});
});
