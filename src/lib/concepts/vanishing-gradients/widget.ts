/** The vanishing-gradients widget: networks trained in the worker (lib/widget/network), and its plots. */
import { networkModule } from '$lib/widget/network/run.svelte';
import { vanishingGradients } from './network';
import Plots from './Plots.svelte';

export default networkModule(vanishingGradients, Plots, 30);
