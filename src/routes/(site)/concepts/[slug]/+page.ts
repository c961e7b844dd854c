import { error } from '@sveltejs/kit';
import { concepts, findConcept } from '$lib/registry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => concepts.map((c) => ({ slug: c.meta.slug }));

export const load: PageLoad = async ({ params }) => {
	const entry = findConcept(params.slug);
	if (!entry) error(404, `No concept called "${params.slug}"`);
	const [Widget, About] = await Promise.all([entry.loadWidget(), entry.loadAbout()]);
	return { entry, Widget, About };
};
