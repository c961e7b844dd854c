/**
 * TF.js's gradients, for concepts that train with autodiff (`import '$lib/engine/gradients'`),
 * with matMul's own replaced by one that transposes its operands first.
 *
 * TF.js's gradient of a·b asks matMul for transposed operands (dy·bᵀ, aᵀ·dy), and the wasm
 * backend takes a slow path for those: 512 × 64 by 64 × 64 takes 1.9 ms with a transposed
 * operand against 0.3 ms plain, while the transpose itself costs 0.1 ms. With TF.js's own
 * gradient a 10 × 64 training step on a batch of 512 was three times slower.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from './tfjs';

/** Swaps the last two axes (matMul's transpose). */
function transposeLast(x: tf.Tensor): tf.Tensor {
	const axes = x.shape.map((_, axis) => axis);
	[axes[x.rank - 2], axes[x.rank - 1]] = [axes[x.rank - 1], axes[x.rank - 2]];
	return tf.transpose(x, axes);
}

/** op(x)·op(y), with any transposes done by tf.transpose and none asked of matMul. */
function matMulUntransposed(x: tf.Tensor, y: tf.Tensor, transposeX: boolean, transposeY: boolean): tf.Tensor {
	return tf.matMul(transposeX ? transposeLast(x) : x, transposeY ? transposeLast(y) : y);
}

// The same products as TF.js's BatchMatMul gradient (tfjs-core/src/gradients/BatchMatMul_grad.ts).
export const matMulGradient: tf.GradConfig = {
	kernelName: tf.BatchMatMul,
	inputsToSave: ['a', 'b'],
	gradFunc: (dy, saved, attrs) => {
		const [a, b] = saved;
		const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
		const dyT = dy as tf.Tensor;
		if (!transposeA && !transposeB) return { a: () => matMulUntransposed(dyT, b, false, true), b: () => matMulUntransposed(a, dyT, true, false) };
		if (!transposeA && transposeB) return { a: () => matMulUntransposed(dyT, b, false, false), b: () => matMulUntransposed(dyT, a, true, false) };
		if (transposeA && !transposeB) return { a: () => matMulUntransposed(b, dyT, false, true), b: () => matMulUntransposed(a, dyT, false, false) };
		return { a: () => matMulUntransposed(b, dyT, true, true), b: () => matMulUntransposed(dyT, a, true, true) };
	}
};
tf.registerGradient(matMulGradient);
