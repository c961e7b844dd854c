import { afterEach, describe, expect, it, vi } from 'vitest';
import { Trainer } from '$lib/network/trainer';
import { EngineStatus } from '$lib/engine/status.svelte';
import type { Reply, Request } from '$lib/network/protocol';

/**
 * A stand-in for the training worker: records what the page posts and lets the test answer
 * as worker.ts would (started / not-started first, then one reply per request) or fail.
 */
class FakeWorker {
	static last: FakeWorker;
	static made = 0;
	posted: Request[] = [];
	onmessage: ((event: MessageEvent<Reply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	constructor() {
		FakeWorker.made++;
		FakeWorker.last = this;
	}
	postMessage(request: Request) {
		this.posted.push(request);
	}
	terminate() {
		this.terminated = true;
	}
	reply(reply: Reply) {
		this.onmessage?.({ data: reply } as MessageEvent<Reply>);
	}
	crash(message: string) {
		this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
	}
}

const ENGINE = { backend: 'wasm', requested: 'wasm', version: '4.22.0' } as const;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.unstubAllGlobals());

describe('Trainer with a worker', () => {
	it('reports the engine the worker started, marked as in a worker, and the widget status shows it', async () => {
		vi.stubGlobal('Worker', FakeWorker);
		const made = FakeWorker.made;
		const trainer = new Trainer();
		expect(FakeWorker.made, 'the networks train in a worker').toBe(made + 1);
		const status = new EngineStatus();
		status.follow(trainer.started);
		FakeWorker.last.reply({ type: 'started', engine: { ...ENGINE, failure: 'no SIMD' } });
		await settle();
		expect(status.info).toEqual({ ...ENGINE, failure: 'no SIMD', inWorker: true });
		expect(status.error).toBeNull();
		trainer.close();
		expect(FakeWorker.last.terminated).toBe(true);
	});

	it('a worker whose TF.js could not start rejects `started`; its error replies reach the request', async () => {
		vi.stubGlobal('Worker', FakeWorker);
		const trainer = new Trainer();
		const status = new EngineStatus();
		status.follow(trainer.started);
		const reset = trainer.reset([], new Float32Array(0));
		FakeWorker.last.reply({ type: 'not-started', message: 'wasm and cpu both failed' });
		FakeWorker.last.reply({ type: 'error', generation: 1, message: 'wasm and cpu both failed' });
		await expect(reset).rejects.toThrow('wasm and cpu both failed');
		await settle();
		expect(status.error).toBe('wasm and cpu both failed');
		expect(status.ready).toBe(false);
	});

	it('a worker that fails to load answers every waiting request with the reason', async () => {
		vi.stubGlobal('Worker', FakeWorker);
		const trainer = new Trainer();
		const reset = trainer.reset([], new Float32Array(0));
		const step = trainer.step(false);
		FakeWorker.last.crash('404 worker.js');
		await expect(reset).rejects.toThrow('The training worker failed: 404 worker.js');
		await expect(step).rejects.toThrow('The training worker failed: 404 worker.js');
		await expect(trainer.started).rejects.toThrow('404 worker.js');
	});

	it('drops the outcome of a reset that a newer reset replaced', async () => {
		vi.stubGlobal('Worker', FakeWorker);
		const trainer = new Trainer();
		const first = trainer.reset([], new Float32Array(0));
		const second = trainer.reset([], new Float32Array(0));
		const outcomes = { type: 'outcomes' as const, outcomes: [] };
		FakeWorker.last.reply({ ...outcomes, generation: 1 });
		FakeWorker.last.reply({ ...outcomes, generation: 2 });
		expect(await first).toBeNull();
		expect(await second).toEqual([]);
		expect(FakeWorker.last.posted.map((r) => r.type)).toEqual(['reset', 'reset']);
	});
});
