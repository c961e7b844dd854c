/** The gallery's search: every word typed must appear in a concept's title, question, summary or tags. */
import type { ConceptMeta } from '$lib/widget/contract';

/** Lower case, accents and dashes gone ("Bias–variance" and "bias variance" meet). */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/[-‐‑‒–—/_]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** What a search looks through, normalised once. */
export function searchTextOf(meta: Pick<ConceptMeta, 'title' | 'interviewQuestion' | 'summary' | 'tags'>): string {
	return normalise([meta.title, meta.interviewQuestion, meta.summary, ...meta.tags].join(' '));
}

/** True when every word of `query` is in `text` (from searchTextOf); an empty query matches all. */
export function matchesQuery(text: string, query: string): boolean {
	const words = normalise(query).split(' ').filter(Boolean);
	return words.every((word) => text.includes(word));
}
