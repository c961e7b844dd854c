// One oEmbed answer per concept, written by the build (/oembed/<slug>.json): the concept and
// embed pages point to it (OembedLink), so a pasted link embeds the live widget.
import { json } from '@sveltejs/kit';
import { concepts } from '$lib/registry';
import { oembedOf } from '$lib/widget/embed';

export const prerender = true;

export const entries = () => concepts.map(({ meta }) => ({ slug: meta.slug }));

export function GET({ params }: { params: { slug: string } }) {
	const entry = concepts.find(({ meta }) => meta.slug === params.slug);
	if (!entry) return new Response('No such concept', { status: 404 });
	return json(oembedOf(`${__SITE_URL__}/`, entry.meta.slug, entry.meta.title, entry.meta.defaultSeed));
}
