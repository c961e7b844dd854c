// The list of concepts as JSON, prerendered to /concepts.json: browser tests and tools
// read it instead of keeping their own list, so a new concept is covered by being here.
import { json } from '@sveltejs/kit';
import { concepts } from '$lib/registry';

export const prerender = true;

export function GET() {
	return json(concepts.map(({ meta }) => ({ slug: meta.slug, title: meta.title })));
}
