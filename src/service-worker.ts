/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline: after the first visit the whole built site — every page, its code, TF.js and its
 * wasm files — is in the cache, so with the network gone every page still loads and runs.
 * Hashed build files are served from the cache first (they never change); pages and other
 * files from the network first, falling back to the cache when it is unreachable.
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `ml-explorables-${version}`;
const immutable = new Set(build);
// The root folder of the site, wherever it is served from (service-worker.js sits in it).
const root = location.pathname.slice(0, location.pathname.lastIndexOf('/') + 1);
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
			.then(() => worker.skipWaiting())
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
	const cache = await caches.open(CACHE);
	if (immutable.has(url.pathname)) {
		const hit = await cache.match(url.pathname);
		if (hit) return hit;
	}
	try {
		const response = await fetch(request);
		// Keep a fresh copy of plain pages and files (not every query string of them).
		if (response.ok && response.type === 'basic' && !url.search) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		// Offline: the page without its query (the query only sets the widget's parameters).
		const hit = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(withSlash(url), { ignoreSearch: true }));
		if (hit) return hit;
		throw error;
	}
}

/** /concepts/kmeans → /concepts/kmeans/, as the pages are stored. */
function withSlash(url: URL): string {
	return url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
}
