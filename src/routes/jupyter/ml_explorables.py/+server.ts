// The notebook helper (src/lib/jupyter/), written by the build at /jupyter/ml_explorables.py.
import { concepts } from '$lib/registry';
import { jupyterModule } from '$lib/jupyter/module';

export const prerender = true;

export function GET() {
	const table = concepts.map(({ meta, schema }) => ({ slug: meta.slug, keys: Object.keys(schema) }));
	return new Response(jupyterModule(__SITE_URL__, table), { headers: { 'content-type': 'text/x-python; charset=utf-8' } });
}
