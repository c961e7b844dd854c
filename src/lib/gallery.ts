/**
 * The gallery's drawn previews, the only part of a card that needs JavaScript. The cards'
 * words (title, question, summary, what the search looks through) come from the page's
 * prerendered load (routes/(site)/+page.server.ts), so no concept's meta — its questions
 * and explanations — ships to the gallery, which would grow with every concept.
 */
import type { Component } from 'svelte';
import { TOPICS, type ConceptMeta } from './widget/contract';
import { searchTextOf } from './page/search';

const previews = import.meta.glob<Component<{ label: string }>>('./concepts/*/Preview.svelte', { eager: true, import: 'default' });

/** The drawn preview of the concept `slug`; it takes the meta's `thumbnail` as its `label`. */
export function previewOf(slug: string): Component<{ label: string }> | undefined {
	return previews[`./concepts/${slug}/Preview.svelte`];
}

/** What a card shows and searches, in words. */
export interface CardText {
	slug: string;
	topic: ConceptMeta['topic'];
	title: string;
	interviewQuestion: string;
	summary: string;
	/** The preview's text alternative. */
	thumbnail: string;
	/** searchTextOf the meta, normalised once at build time. */
	searchText: string;
}

export function cardTextOf(meta: ConceptMeta): CardText {
	const { slug, topic, title, interviewQuestion, summary, thumbnail } = meta;
	return { slug, topic, title, interviewQuestion, summary, thumbnail, searchText: searchTextOf(meta) };
}

/** The cards of each topic that has any, keeping the order they come in (the gallery's). */
export function byTopic(cards: CardText[]) {
	return TOPICS.map((topic) => ({ ...topic, cards: cards.filter((card) => card.topic === topic.id) })).filter((topic) => topic.cards.length > 0);
}
