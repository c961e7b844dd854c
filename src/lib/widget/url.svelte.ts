/**
 * Keeps a widget's parameters in the page URL: read once when the page starts in the
 * browser (prerendered HTML has no query), written back with replaceState after every
 * change, so the address can be shared or bookmarked at any moment.
 */
import { onMount } from 'svelte';
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { WidgetState } from './state.svelte';
import { queryText, type Schema } from './schema';

/** Extra query keys that belong to the page, not to the widget; kept as they are. */
const PAGE_KEYS = ['present'];

export function syncWithUrl(ws: WidgetState<Schema>) {
	let loaded = $state(false);
	// A visit without parameters keeps its clean address until the reader changes something.
	let untouched: string | null = null;

	onMount(() => {
		const current = new URLSearchParams(location.search);
		ws.load(current);
		if (![...current.keys()].some((key) => key !== 'present')) untouched = ws.query;
		loaded = true;
	});

	$effect(() => {
		const query = new URLSearchParams(ws.query);
		if (!loaded || ws.query === untouched) return;
		untouched = null;
		// Browsers limit how often history may change; drags fire many updates.
		const timer = setTimeout(() => {
			const current = new URLSearchParams(location.search);
			for (const key of PAGE_KEYS) if (current.has(key)) query.set(key, current.get(key)!);
			if (queryText(current) !== queryText(query)) replaceState(`?${queryText(query)}`, page.state);
		}, 150);
		return () => clearTimeout(timer);
	});
}
