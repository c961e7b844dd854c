/** The activation-functions widget: networks trained in the worker (lib/widget/network), and their plots. */
import { networkModule } from '$lib/widget/network/run.svelte';
import { activationFunctions } from './network';
import Plots from './Plots.svelte';

export default networkModule(activationFunctions, Plots, 30);
