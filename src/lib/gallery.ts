/**
 * The gallery's cards: each concept's meta and preview, and nothing else. The gallery draws
 * every concept, so what it ships grows with each one; the schemas (registry.ts) stay out.
 * registry.ts checks every folder at build time; a unit test checks the two agree.
 */
import type { Component } from 'svelte';
import { galleryOrder, TOPICS, type ConceptMeta } from './widget/contract';

const metas = import.meta.glob<ConceptMeta>('./concepts/*/meta.ts', { eager: true, import: 'meta' });
const previews = import.meta.glob<Component>('./concepts/*/Preview.svelte', { eager: true, import: 'default' });

export interface GalleryCard {
	meta: ConceptMeta;
	Preview: Component;
}

export const cards: GalleryCard[] = Object.entries(metas)
	.map(([path, meta]) => ({ meta, Preview: previews[path.replace(/meta\.ts$/, 'Preview.svelte')] }))
	.sort((a, b) => galleryOrder(a.meta, b.meta));

/** The cards of each topic that has any, in gallery order. */
export const cardsByTopic = TOPICS.map((topic) => ({ ...topic, cards: cards.filter((card) => card.meta.topic === topic.id) })).filter(
	(topic) => topic.cards.length > 0
);
