/** A concept page's own entry (registry-entry.ts) is the gallery registry's entry for that slug. */
import { describe, expect, it } from 'vitest';
import { concepts } from '$lib/registry';
import { loadEntry, slugs } from '$lib/registry-entry';

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
	it('are the registry’s concepts, in its order, with the same meta and preview', async () => {
		const { cards } = await import('$lib/gallery');
		expect(cards.map((card) => card.meta.slug)).toEqual(concepts.map((c) => c.meta.slug));
		cards.forEach((card, i) => {
			expect(card.meta).toBe(concepts[i].meta);
			expect(card.Preview).toBe(concepts[i].Preview);
		});
	});
});
