/// <reference lib="webworker" />
// The training worker: TF.js (wasm) and the networks live here; see trainer.ts.
import { startEngine } from '$lib/engine/backend';
import { liveTensors } from '$lib/engine/leaks';
import { Networks } from './networks';
import type { Reply, Request } from './protocol';
import { errorMessage } from '$lib/engine/errors';

const networks = new Networks();
const started = startEngine('wasm');
const post = (reply: Reply) => postMessage(reply);

started.then(
	(engine) => post({ type: 'started', engine }),
	(error: unknown) => post({ type: 'not-started', message: errorMessage(error) })
);

// Requests are handled one after another, in the order they came.
let queue = Promise.resolve();
onmessage = (event: MessageEvent<Request>) => {
	const request = event.data;
	queue = queue.then(async () => {
		try {
			await started;
			const reply = networks.handle(request);
			if (reply?.type === 'outcomes') post({ ...reply, tensors: liveTensors() });
			else if (reply) post(reply);
		} catch (error) {
			if (request.type !== 'dispose') post({ type: 'error', generation: request.generation, message: errorMessage(error) });
		}
	});
};
