// Runs at build time only (every page is prerendered): the links to related concepts need
// every concept's title, which the page's own code (its entry alone) does not carry.
import { concepts, relatedOf } from '$lib/registry';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => ({
	related: relatedOf(
		params.slug,
		concepts.map((c) => c.meta)
	)
});
