/** The shell's background jobs (Services.job): kept by key, cancelled on new inputs, or finished first. */
import { describe, expect, it } from 'vitest';
import type { Job } from '$lib/common/slices';
import { Services } from '$lib/widget/runs.svelte';

/** A job of `pieces` pieces of about 2 ms, noting when it starts and ends, that returns `value`. */
function counted<T>(value: T, log: string[], pieces = 5) {
	return function* (): Job<T> {
		log.push(`start ${value}`);
		for (let i = 0; i < pieces; i++) {
			const end = performance.now() + 2;
			while (performance.now() < end);
			yield;
		}
		log.push(`end ${value}`);
		return value;
	};
}

describe('Services.job', () => {
	it('new inputs cancel the job under way; the same inputs keep it', async () => {
		const services = new Services();
		const log: string[] = [];
		const a = services.job('fit', { key: 'a', make: counted('a', log) });
		expect(services.job('fit', { key: 'a', make: counted('a again', log) }).running).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 0));
		const b = services.job('fit', { key: 'b', make: counted('b', log) });
		await services.settled();
		expect(a.result).toBeNull();
		expect(b.result).toBe('b');
		expect(log.filter((line) => line.startsWith('end'))).toEqual(['end b']);
		services.dispose();
	});

	it('finishFirst: the job under way ends and shows as latest; only the newest waiting inputs run after it', async () => {
		const services = new Services();
		const log: string[] = [];
		const request = (key: string) => services.job('fit', { key, make: counted(key, log, 20), finishFirst: true });
		const first = request('1');
		request('2');
		const third = request('3');
		expect(third.result).toBeNull();
		expect(third.running).toBe(true);
		// While '3' runs, what '1' gave is there to show.
		await expect.poll(() => first.result, { timeout: 5000, interval: 1 }).toBe('1');
		expect([third.latest, third.result, third.running]).toEqual(['1', null, true]);
		await services.settled();
		expect(third.result).toBe('3');
		expect(third.latest).toBe('3');
		// Inputs '2' were overtaken while waiting: never computed.
		expect(log).toEqual(['start 1', 'end 1', 'start 3', 'end 3']);
		services.dispose();
	});

	it('finishFirst: asking again for the inputs under way does not compute them twice', async () => {
		const services = new Services();
		const log: string[] = [];
		const request = (key: string) => services.job('fit', { key, make: counted(key, log, 20), finishFirst: true });
		request('1');
		request('2');
		const back = request('1');
		await services.settled();
		expect(back.result).toBe('1');
		expect(log).toEqual(['start 1', 'end 1']);
		services.dispose();
	});
});
