/**
 * The TF.js namespace every simulation imports (`import * as tf from '$lib/engine/tfjs'`):
 * tfjs-core with its chained ops (`x.square().sum()`) registered, which plain
 * `@tensorflow/tfjs-core` leaves out. Concepts that train with autodiff
 * also import `$lib/engine/gradients`.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
