/** The batch-norm widget: networks trained in the worker (lib/widget/network), the learning-rate sweep, and their views. */
import { networkModule } from '$lib/widget/network/run.svelte';
import { batchNorm } from './network';
import { BatchNormRun } from './run.svelte';
import Plots from './Plots.svelte';
import Panels from './SweepPanel.svelte';
import Actions from './HistogramChoice.svelte';

export default { ...networkModule(batchNorm, Plots, 15, (input) => new BatchNormRun(input)), Panels, Actions };
