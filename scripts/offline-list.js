// Lists the built files SvelteKit's service-worker manifest leaves out — the training worker's
// own chunks and wasm files, and the web-component bundle — in build/offline-files.json, so
// the service worker can cache them too (paths relative to the site's root folder).
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const build = fileURLToPath(new URL('../build', import.meta.url));

function walk(folder) {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

const files = ['_app/immutable/workers', 'widgets']
	.flatMap((folder) => walk(join(build, folder)))
	.map((path) => relative(build, path).split('\\').join('/'));
writeFileSync(join(build, 'offline-files.json'), JSON.stringify(files));
process.stdout.write(`offline-files.json: ${files.length} files\n`);
