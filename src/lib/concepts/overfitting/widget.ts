/** The overfitting widget: networks trained in the worker (lib/widget/network), measured on a validation set, and their plots. */
import { networkModule } from '$lib/widget/network/run.svelte';
import { overfitting } from './network';
import Plots from './Plots.svelte';

export default networkModule(overfitting, Plots, 30);
