/**
 * Live TF.js tensors, for browser tests that look for leaks; off unless a test asks. A page
 * whose `window.mlExplorablesProbe` is an object before the app starts (Playwright's
 * `addInitScript`) gets `tensors()` on it: the tensors alive on the page plus, for each
 * open training worker, the count it reported last (a worker's tensors live in its own
 * TF.js). Without the flag nothing is exposed and nothing is recorded.
 *
 * This module does not import TF.js: a page whose simulations all run in workers never loads it.
 */
interface Probe {
	tensors?: () => number;
}

const workerTensors = new Map<object, number>();
let pageTensors = () => 0;

function probe(): Probe | undefined {
	return typeof window === 'undefined' ? undefined : (window as { mlExplorablesProbe?: Probe }).mlExplorablesProbe;
}

function expose() {
	const target = probe();
	if (target) target.tensors ??= () => pageTensors() + [...workerTensors.values()].reduce((sum, n) => sum + n, 0);
}

/** Called once TF.js runs on the page, with what counts its live tensors. */
export function countPageTensors(count: () => number) {
	pageTensors = count;
	expose();
}

/** A worker's latest count of live tensors; null once it is closed. */
export function reportWorkerTensors(worker: object, count: number | null) {
	if (!probe()) return;
	if (count === null) workerTensors.delete(worker);
	else workerTensors.set(worker, count);
	expose();
}
