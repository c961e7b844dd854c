// Node timings for `npm run bench` (run by bench/run.js through Vitest; not a test).
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { useBackend } from './backend';
import { runSuite } from './suite';

it('measures the suite in Node', async () => {
	const rows: Record<string, unknown> = {};
	for (const backend of ['wasm', 'cpu'] as const) {
		await useBackend(backend);
		rows[backend] = runSuite();
	}
	writeFileSync(process.env.BENCH_OUT!, JSON.stringify(rows));
});
