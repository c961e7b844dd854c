/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline: after the first visit the whole built site — every page, its code, TF.js and its
 * wasm files — is in the cache, so with the network gone every page still loads and runs.
 * Hashed build files are served from the cache first (they never change); pages and other
 * files from the network first, falling back to the cache when it is unreachable.
 *
 * A new deploy must not break tabs still running the old build: they load chunks lazily,
 * and the server no longer has the old ones. So a new worker does not skip waiting: it
 * caches the new build beside the old and takes over only when no tab is left that the old
 * worker controls (the browser's own rule), and only then deletes the old build's cache.
 * Until then the old worker answers its tabs from that cache. A page loaded from the network
 * meanwhile is the new build, still under the old worker: hashed files are looked up in
 * every cache, so the new build's are found offline too.
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `ml-explorables-${version}`;
// The root folder of the site, wherever it is served from (service-worker.js sits in it).
const root = location.pathname.slice(0, location.pathname.lastIndexOf('/') + 1);
/** SvelteKit's content-hashed files, of this build or another. */
const IMMUTABLE = `${root}_app/immutable/`;
// Browsers take the woff2 fonts; the older formats would only fill the cache.
const precached = [...build.filter((path) => !/\.(ttf|woff)$/.test(path)), ...files, ...prerendered];

/** What the build lists beside SvelteKit's manifest: the training worker's chunks, the web components. */
async function extraFiles(): Promise<string[]> {
	const response = await fetch(`${root}offline-files.json`);
	return response.ok ? ((await response.json()) as string[]).map((path) => root + path) : [];
}

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			// addAll refuses a list that names one file twice.
			.then(async (cache) => cache.addAll([...new Set([...precached, ...(await extraFiles())])]))
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== location.origin) return;
	event.respondWith(respond(request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
	if (url.pathname.startsWith(IMMUTABLE)) {
		const hit = await caches.match(url.pathname);
		if (hit) return hit;
	}
	try {
		const response = await fetch(request);
		// Keep a fresh copy of plain pages and files (not every query string of them).
		if (response.ok && response.type === 'basic' && !url.search) await (await caches.open(CACHE)).put(request, response.clone());
		return response;
	} catch (error) {
		// Offline: the page without its query (the query only sets the widget's parameters).
		const hit = (await caches.match(request, { ignoreSearch: true })) ?? (await caches.match(withSlash(url), { ignoreSearch: true }));
		if (hit) return hit;
		throw error;
	}
}

/** /concepts/kmeans → /concepts/kmeans/, as the pages are stored. */
function withSlash(url: URL): string {
	return url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
}
