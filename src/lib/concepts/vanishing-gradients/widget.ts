/** The vanishing-gradients widget: networks trained in the worker (lib/widget/network), and its plots. */
import type { ConceptModule } from '$lib/widget/contract';
import { networkEngine, NetworkRun } from '$lib/widget/network/run.svelte';
import type { schema } from './params';
import type { NetworkChoice } from './sim';
import { vanishingGradients } from './network';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new NetworkRun(vanishingGradients, input),
	engine: networkEngine(vanishingGradients),
	Plots,
	defaultSpeed: 30
} satisfies ConceptModule<typeof schema, NetworkRun<typeof schema, NetworkChoice>>;
