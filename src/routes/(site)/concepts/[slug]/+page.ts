import { error } from '@sveltejs/kit';
import { loadEntry, slugs } from '$lib/registry-entry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => slugs.map((slug) => ({ slug }));

export const load: PageLoad = async ({ params, data }) => {
	const entry = await loadEntry(params.slug);
	if (!entry) error(404, `No concept called "${params.slug}"`);
	// A chunk that fails to load (a new deploy, a lost connection) is not the end: the widget
	// loads its code itself and offers to try again; the page says the explanation is missing.
	const [module, About] = await Promise.all([entry.load().catch(() => undefined), entry.loadAbout().catch(() => undefined)]);
	return { ...data, entry, module, About };
};
