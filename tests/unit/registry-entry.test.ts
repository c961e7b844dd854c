/** A concept page's own entry (registry-entry.ts) is the gallery registry's entry for that slug. */
import { describe, expect, it } from 'vitest';
import { concepts } from '$lib/registry';
import { loadEntry, slugs } from '$lib/registry-entry';
import { normalise } from '$lib/page/search';

describe('one concept loaded on its own', () => {
	it('knows the same slugs as the registry', () => {
		expect([...slugs].sort()).toEqual(concepts.map((c) => c.meta.slug).sort());
	});

	it('gives each concept the same meta and schema, and nothing for an unknown slug', async () => {
		for (const entry of concepts) {
			const own = await loadEntry(entry.meta.slug);
			expect(own?.meta).toBe(entry.meta);
			expect(own?.schema).toBe(entry.schema);
		}
		expect(await loadEntry('no-such-concept')).toBeUndefined();
		expect(await loadEntry('../concepts')).toBeUndefined();
	});
});

describe('the gallery’s cards', () => {
	it('are the registry’s concepts, in its order, each with its own words and preview', async () => {
		const { load } = await import('../../src/routes/(site)/+page.server');
		const { previewOf } = await import('$lib/gallery');
		const { cards } = load();
		expect(cards.map((card) => card.slug)).toEqual(concepts.map((c) => c.meta.slug));
		cards.forEach((card, i) => {
			expect(card.title).toBe(concepts[i].meta.title);
			expect(card.searchText).toContain(normalise(concepts[i].meta.tags[0]));
			expect(previewOf(card.slug)).toBe(concepts[i].Preview);
		});
		expect(previewOf('no-such-concept')).toBeUndefined();
	});
});
