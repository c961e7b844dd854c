/**
 * One concept's entry, loaded on its own: the concept and embed pages need only theirs, so
 * they do not ship every concept's meta, schema and preview as the gallery does (registry.ts,
 * which also checks every folder at build time). The folders are the same `concepts/<slug>/`.
 */
import type { Component } from 'svelte';
import type { ConceptEntry, ConceptMeta, ConceptModule, Run } from './widget/contract';
import type { Schema } from './widget/schema';

const metas = import.meta.glob<ConceptMeta>('./concepts/*/meta.ts', { import: 'meta' });
const schemas = import.meta.glob<Schema>('./concepts/*/params.ts', { import: 'schema' });
const previews = import.meta.glob<Component>('./concepts/*/Preview.svelte', { import: 'default' });
const widgets = import.meta.glob<ConceptModule<Schema, Run>>('./concepts/*/widget.ts', { import: 'default' });
const abouts = import.meta.glob<Component>('./concepts/*/About.svelte', { import: 'default' });

/** Every concept's slug (its folder's name), from the file names alone. */
export const slugs: string[] = Object.keys(metas).map((path) => path.split('/')[2]);

/** The concept called `slug`, or undefined when there is none. */
export async function loadEntry(slug: string): Promise<ConceptEntry | undefined> {
	const file = (name: string) => `./concepts/${slug}/${name}`;
	if (!slugs.includes(slug)) return undefined;
	const [meta, schema, Preview] = await Promise.all([metas[file('meta.ts')](), schemas[file('params.ts')](), previews[file('Preview.svelte')]()]);
	return { meta: meta as ConceptEntry['meta'], schema, Preview, load: widgets[file('widget.ts')], loadAbout: abouts[file('About.svelte')] };
}
