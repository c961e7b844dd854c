import { error } from '@sveltejs/kit';
import { loadEntry, slugs } from '$lib/registry-entry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => slugs.map((slug) => ({ slug }));

export const load: PageLoad = async ({ params }) => {
	const entry = await loadEntry(params.slug);
	if (!entry) error(404, `No concept called "${params.slug}"`);
	// If the chunk fails to load, the widget loads it itself and offers to try again.
	return { entry, module: await entry.load().catch(() => undefined) };
};
