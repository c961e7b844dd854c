/** The trainer's step as the worker runs it, for a network concept's step benchmark. */
import { makeClassificationSet } from '$lib/network/datasets';
import type { NetworkSpec } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import type { DetailRequest } from '$lib/network/protocol';

export function networkStep(spec: NetworkSpec, points: number, detail?: DetailRequest) {
	const networks = new Networks();
	networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data: makeClassificationSet('spiral', points, 1), seed: 1 }], grid: new Float32Array(0), detail });
	return { step: () => void networks.handle({ type: 'step', generation: 1, boundary: false }), budgetMs: 3000, done: () => networks.dispose() };
}
