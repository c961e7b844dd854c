import { error } from '@sveltejs/kit';
import { concepts, findConcept } from '$lib/registry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => concepts.map((c) => ({ slug: c.meta.slug }));

export const load: PageLoad = async ({ params }) => {
	const entry = findConcept(params.slug);
	if (!entry) error(404, `No concept called "${params.slug}"`);
	// If the chunk fails to load, the widget loads it itself and offers to try again.
	return { entry, module: await entry.load().catch(() => undefined) };
};
