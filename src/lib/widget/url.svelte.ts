/**
 * Keeps a widget's parameters in the page URL: read once when the page starts in the
 * browser (prerendered HTML has no query), written back with replaceState after every
 * change, so the address can be shared or bookmarked at any moment.
 */
import { onMount } from 'svelte';
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { WidgetState } from './state.svelte';
import type { Schema } from './schema';

/** Extra query keys that belong to the page, not to the widget; kept as they are. */
const PAGE_KEYS = ['present'];

export function syncWithUrl(ws: WidgetState<Schema>) {
	let loaded = $state(false);

	onMount(() => {
		ws.load(new URLSearchParams(location.search));
		loaded = true;
	});

	$effect(() => {
		const query = new URLSearchParams(ws.query);
		if (!loaded) return;
		// Browsers limit how often history may change; drags fire many updates.
		const timer = setTimeout(() => {
			const current = new URLSearchParams(location.search);
			for (const key of PAGE_KEYS) if (current.has(key)) query.set(key, current.get(key)!);
			if (current.toString() !== query.toString()) replaceState(`?${query}`, page.state);
		}, 150);
		return () => clearTimeout(timer);
	});
}
