/** The weight-initialisation widget: networks trained in the worker (lib/widget/network), and their plots. */
import { networkModule } from '$lib/widget/network/run.svelte';
import { weightInit } from './network';
import Plots from './Plots.svelte';

export default networkModule(weightInit, Plots, 15);
