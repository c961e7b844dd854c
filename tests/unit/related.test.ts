/** Related concepts: declared in each meta, shown on both pages, and never a dead link. */
import { describe, expect, it } from 'vitest';
import { concepts, relatedOf, relatedProblems } from '$lib/registry';

const meta = (slug: string, related?: string[]) => ({ slug, title: slug.toUpperCase(), summary: `About ${slug}.`, related });

describe('related concepts', () => {
	const metas = [meta('a', ['b']), meta('b'), meta('c', ['a']), meta('d', ['b'])];

	it('links both ways: what a concept names and what names it, in list order', () => {
		expect(relatedOf('a', metas).map((r) => r.slug)).toEqual(['b', 'c']);
		expect(relatedOf('b', metas).map((r) => r.slug)).toEqual(['a', 'd']);
		expect(relatedOf('c', metas)).toEqual([{ slug: 'a', title: 'A', summary: 'About a.' }]);
		expect(relatedOf('nothing', metas)).toEqual([]);
	});

	it('names a slug that does not exist, and a concept that lists itself', () => {
		expect(relatedProblems(metas)).toEqual([]);
		expect(relatedProblems([meta('a', ['a', 'zz']), meta('b')])).toEqual(['"a" lists itself as related.', '"a" lists a related concept "zz" that does not exist.']);
	});

	it('holds for the registry: every concept has a related concept, and every link leads somewhere', () => {
		const metas = concepts.map((c) => c.meta);
		expect(relatedProblems(metas)).toEqual([]);
		for (const { slug } of metas) expect(relatedOf(slug, metas).length, slug).toBeGreaterThan(0);
	});
});
