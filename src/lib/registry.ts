/**
 * The list of concepts, built from the folders: every `concepts/<slug>/` with a `meta.ts`
 * is a concept (see concepts/README.md), ordered by the gallery's topics and then by title.
 * The concept and embed routes, the web components, `Explorable`,
 * /concepts.json, the bench and the registry-driven tests all read this list, so a new
 * folder is all a new concept needs. Only metadata, schemas and previews are imported here
 * (no TF.js): a concept's run and views (`widget.ts`) and its explanation load when shown.
 */
import type { Component } from 'svelte';
import { galleryOrder, TOPICS, type ConceptEntry, type ConceptMeta, type ConceptModule, type RelatedConcept, type Run } from './widget/contract';
import type { Schema } from './widget/schema';

const metas = import.meta.glob<ConceptMeta>('./concepts/*/meta.ts', { eager: true, import: 'meta' });
const schemas = import.meta.glob<Schema>('./concepts/*/params.ts', { eager: true, import: 'schema' });
const previews = import.meta.glob<Component<{ label: string }>>('./concepts/*/Preview.svelte', { eager: true, import: 'default' });
const widgets = import.meta.glob<ConceptModule<Schema, Run>>('./concepts/*/widget.ts', { import: 'default' });
const abouts = import.meta.glob<Component>('./concepts/*/About.svelte', { import: 'default' });
const programs = import.meta.glob<string>('./concepts/*/code.py', { query: '?raw', import: 'default' });

const topicOrder = (entry: ConceptEntry) => TOPICS.findIndex((topic) => topic.id === entry.meta.topic);

/** The concept in `concepts/<folder>/`, or a build error that says what the folder lacks. */
function conceptIn(folder: string): ConceptEntry {
	const file = (name: string) => `./concepts/${folder}/${name}`;
	const missing = ['meta.ts', 'params.ts', 'Preview.svelte', 'widget.ts', 'About.svelte'].filter(
		(name) => !(file(name) in { ...metas, ...schemas, ...previews, ...widgets, ...abouts })
	);
	if (missing.length) throw new Error(`concepts/${folder}/ lacks ${missing.join(', ')} (see src/lib/concepts/README.md).`);
	const meta = metas[file('meta.ts')];
	if (meta.slug !== folder) throw new Error(`The concept in concepts/${folder}/ calls itself "${meta.slug}": a slug must be its folder's name.`);
	const entry: ConceptEntry = {
		meta: meta as ConceptEntry['meta'],
		schema: schemas[file('params.ts')],
		Preview: previews[file('Preview.svelte')],
		load: widgets[file('widget.ts')],
		loadAbout: abouts[file('About.svelte')],
		loadCode: programs[file('code.py')]
	};
	if (topicOrder(entry) < 0) throw new Error(`The concept "${folder}" has an unknown topic "${meta.topic}".`);
	return entry;
}

export const concepts: ConceptEntry[] = Object.keys(metas)
	.map((path) => conceptIn(path.split('/')[2]))
	.sort((a, b) => galleryOrder(a.meta, b.meta));


export function findConcept(slug: string): ConceptEntry | undefined {
	return concepts.find((c) => c.meta.slug === slug);
}

/** Why the `related` lists cannot stand: a slug that names no concept, or the concept itself. */
export function relatedProblems(metas: Pick<ConceptMeta, 'slug' | 'related'>[]): string[] {
	const known = new Set(metas.map((meta) => meta.slug));
	return metas.flatMap(({ slug, related = [] }) =>
		related.flatMap((other) =>
			other === slug ? [`"${slug}" lists itself as related.`] : known.has(other) ? [] : [`"${slug}" lists a related concept "${other}" that does not exist.`]
		)
	);
}

/** The concepts linked to `slug` either way (it names them, or they name it), in the order of `metas`. */
export function relatedOf(slug: string, metas: Pick<ConceptMeta, 'slug' | 'title' | 'summary' | 'related'>[]): RelatedConcept[] {
	const named = metas.find((meta) => meta.slug === slug)?.related ?? [];
	return metas
		.filter((meta) => meta.slug !== slug && (named.includes(meta.slug) || (meta.related ?? []).includes(slug)))
		.map(({ slug, title, summary }) => ({ slug, title, summary }));
}

const problems = relatedProblems(concepts.map((c) => c.meta));
if (problems.length) throw new Error(`Related concepts: ${problems.join(' ')} (see the concept's meta.ts).`);
