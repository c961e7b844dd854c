/**
 * One concept's entry, loaded on its own: the concept and embed pages need only theirs, so
 * they do not ship every concept's meta and schema as the gallery does (registry.ts, which
 * also checks every folder at build time). No preview: the gallery's cards are its only use,
 * and a preview loaded here as well would be split out of the gallery's chunk into one file
 * per concept.
 */
import type { Component } from 'svelte';
import type { ConceptMeta, ConceptModule, ConceptPageEntry, Run } from './widget/contract';
import type { Schema } from './widget/schema';

const metas = import.meta.glob<ConceptMeta>('./concepts/*/meta.ts', { import: 'meta' });
const schemas = import.meta.glob<Schema>('./concepts/*/params.ts', { import: 'schema' });
const widgets = import.meta.glob<ConceptModule<Schema, Run>>('./concepts/*/widget.ts', { import: 'default' });
const abouts = import.meta.glob<Component>('./concepts/*/About.svelte', { import: 'default' });
const programs = import.meta.glob<string>('./concepts/*/code.py', { query: '?raw', import: 'default' });

/** Every concept's slug (its folder's name), from the file names alone. */
export const slugs: string[] = Object.keys(metas).map((path) => path.split('/')[2]);

/** The concept called `slug`, or undefined when there is none. */
export async function loadEntry(slug: string): Promise<ConceptPageEntry | undefined> {
	const file = (name: string) => `./concepts/${slug}/${name}`;
	if (!slugs.includes(slug)) return undefined;
	const [meta, schema] = await Promise.all([metas[file('meta.ts')](), schemas[file('params.ts')]()]);
	return { meta: meta as ConceptPageEntry['meta'], schema, load: widgets[file('widget.ts')], loadAbout: abouts[file('About.svelte')], loadCode: programs[file('code.py')] };
}
