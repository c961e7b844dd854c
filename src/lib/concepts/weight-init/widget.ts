/** The weight-initialisation widget: networks trained in the worker (lib/widget/network), and their plots. */
import type { ConceptModule } from '$lib/widget/contract';
import { networkEngine, NetworkRun } from '$lib/widget/network/run.svelte';
import type { schema } from './params';
import type { InitChoice } from './sim';
import { weightInit } from './network';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new NetworkRun(weightInit, input),
	engine: networkEngine(weightInit),
	Plots,
	defaultSpeed: 15
} satisfies ConceptModule<typeof schema, NetworkRun<typeof schema, InitChoice>>;
