/**
 * The concept contract, for every concept in the registry (so a new folder is covered by
 * being there): runs are reproducible from values and seed, a fresh run returns to the
 * first state, statuses are only the documented ones, and the export has its shape.
 * Runs are made through the shell's own RunHost, the same way the widget makes them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { concepts } from '$lib/registry';
import { TOPICS, WIDGET_STATUSES, type ConceptEntry, type Run, type RunStatus } from '$lib/widget/contract';
import { exportPayload, RunHost, widgetStatusOf } from '$lib/widget/runs.svelte';
import { defaultValues, type Schema } from '$lib/widget/schema';

const RUN_STATUSES: RunStatus[] = ['loading', 'ready', 'converged', 'diverged', 'error'];
const STEPS = 4;

const hosts: RunHost<Schema, Run>[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()));

/** A host for the concept's default values and seed, with its first run ready. */
async function started(entry: ConceptEntry): Promise<RunHost<Schema, Run>> {
	const module = await entry.load();
	const host = new RunHost(module, () => {});
	hosts.push(host);
	module.engine?.(host.services);
	host.update(defaultValues(entry.schema), entry.meta.defaultSeed, 'start');
	await host.settled();
	// Runs that start in a worker are 'loading' until their networks are built.
	for (let i = 0; i < 400 && host.run?.status === 'loading'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
	return host;
}

/** The exported file after `steps` steps (fewer if the run ends), as text. */
async function exportedAfter(host: RunHost<Schema, Run>, entry: ConceptEntry, steps: number): Promise<string> {
	for (let i = 0; i < steps && host.run?.canStep; i++) {
		host.run.step();
		await host.settled();
	}
	return JSON.stringify(exportPayload(entry.meta, defaultValues(entry.schema), entry.meta.defaultSeed, host.run));
}

describe.each(concepts.map((entry) => [entry.meta.slug, entry] as const))('the contract: %s', (slug, entry) => {
	it('lives in the folder named by its slug, under a known topic', () => {
		expect(TOPICS.map((t) => t.id)).toContain(entry.meta.topic);
		expect(slug).toMatch(/^[a-z0-9-]+$/);
	});

	it('makes a run from its default values that is ready to use, not failed', async () => {
		const host = await started(entry);
		expect(host.error).toBeNull();
		expect(host.run).not.toBeNull();
		expect(['ready', 'converged']).toContain(host.run!.status);
		expect(host.run!.statusText.length).toBeGreaterThan(0);
	});

	it('exports the same state twice from the same values and seed, after the same steps', async () => {
		const [first, second] = [await started(entry), await started(entry)];
		expect(await exportedAfter(first, entry, STEPS)).toBe(await exportedAfter(second, entry, STEPS));
	});

	it('returns to its first state when made again from nothing, and Reset is as reproducible', async () => {
		const host = await started(entry);
		const values = defaultValues(entry.schema);
		const remake = async (cause: 'start' | 'reset') => {
			host.update(values, entry.meta.defaultSeed, cause);
			await host.settled();
			for (let i = 0; i < 400 && host.run?.status === 'loading'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
			return exportedAfter(host, entry, 0);
		};
		const atStart = await exportedAfter(host, entry, 0);
		await exportedAfter(host, entry, STEPS);
		expect(await remake('start')).toBe(atStart);
		const afterReset = await remake('reset');
		await exportedAfter(host, entry, STEPS);
		expect(await remake('reset')).toBe(afterReset);
	});

	it('only ever takes the documented statuses, and exports the documented shape', async () => {
		const host = await started(entry);
		for (let i = 0; i < STEPS; i++) {
			const run = host.run!;
			expect(RUN_STATUSES).toContain(run.status);
			for (const playing of [false, true]) expect(WIDGET_STATUSES).toContain(widgetStatusOf(run, { failed: false, playing }));
			for (const readout of run.readouts) {
				expect(readout.name).toMatch(/^[A-Za-z0-9_-]+$/);
				expect(readout.value === null || Number.isFinite(readout.value)).toBe(true);
			}
			if (!run.canStep) break;
			run.step();
			await host.settled();
		}
		const file = JSON.parse(await exportedAfter(host, entry, 0));
		expect(Object.keys(file)).toEqual(['concept', 'version', 'params', 'seed', 'state', 'history']);
		expect(file.concept).toBe(slug);
		expect(file.version).toBe(entry.meta.exportVersion);
		expect(file.seed).toBe(entry.meta.defaultSeed);
		expect(file.state).not.toBeNull();
		expect(file.history).toBeDefined();
		const points = (file.state as { points?: unknown }).points;
		if (points !== undefined) {
			for (const point of points as unknown[]) expect(Array.isArray(point) && (point.length === 2 || point.length === 3)).toBe(true);
		}
	});
});

describe('widgetStatusOf', () => {
	it('says error for any failure, whatever the run says', () => {
		expect(widgetStatusOf(null, { failed: true, playing: false })).toBe('error');
	});
	it('says running only while a ready run plays', () => {
		const run = { status: 'ready' } as Run;
		expect(widgetStatusOf(run, { failed: false, playing: true })).toBe('running');
		expect(widgetStatusOf(run, { failed: false, playing: false })).toBe('idle');
		expect(widgetStatusOf({ status: 'loading' } as Run, { failed: false, playing: true })).toBe('idle');
	});
});
