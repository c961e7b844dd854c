// Serves the built site (`build/`) exactly as a static host would: `npm start`, the
// browser tests and the bench use it. `--base /some/folder/` serves it under a folder
// instead of at the root, to check that the site works from any base path.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(option('--port', process.env.PORT ?? '4173'));
const base = option('--base', '/');

// Any origin may load the files, as GitHub Pages allows: a widget in an iframe sandboxed without
// allow-same-origin (WordPress, many LMSs) runs in an opaque origin, and its module scripts,
// worker and wasm are cross-origin fetches there.
const files = sirv(fileURLToPath(new URL('../build', import.meta.url)), {
	etag: true,
	extensions: ['html'],
	setHeaders: (response) => response.setHeader('Access-Control-Allow-Origin', '*')
});

const server = createServer((request, response) => {
	if (!request.url.startsWith(base)) {
		response.writeHead(404).end('Not found');
		return;
	}
	request.url = `/${request.url.slice(base.length)}`;
	files(request, response, () => response.writeHead(404).end('Not found'));
});

server.listen(port, () => {
	process.stdout.write(`Serving build/ at http://localhost:${port}${base}\n`);
});
