import { describe, expect, it } from 'vitest';
import { concepts } from '$lib/registry';
import { matchesQuery, normalise, searchTextOf } from '$lib/page/search';

describe('gallery search', () => {
	const text = searchTextOf({ title: 'The bias–variance trade-off', interviewQuestion: 'Why does a flexible model overfit?', summary: 'Fit polynomials.', tags: ['Régularisation'] });

	it('matches every word anywhere, ignoring case, accents and dashes', () => {
		expect(normalise('  Bias–Variance/Trade-off ')).toBe('bias variance trade off');
		expect(matchesQuery(text, 'bias-variance')).toBe(true);
		expect(matchesQuery(text, 'OVERFIT polynomial')).toBe(true);
		expect(matchesQuery(text, 'regularisation')).toBe(true);
		expect(matchesQuery(text, 'overfit kernel')).toBe(false);
	});

	it('an empty or blank query matches everything', () => {
		expect(matchesQuery(text, '')).toBe(true);
		expect(matchesQuery(text, '  – ')).toBe(true);
	});

	it('finds concepts of the registry by a tag and by words of their question', () => {
		const found = (query: string) => concepts.filter((c) => matchesQuery(searchTextOf(c.meta), query)).map((c) => c.meta.slug);
		expect(found('gini')).toContain('decision-tree');
		expect(found('spearman')).toContain('correlation');
		expect(found('zzzz')).toEqual([]);
	});
});
