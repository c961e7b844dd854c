import { describe, expect, it } from 'vitest';
import { embedSnippets, heightMessages, oembedOf } from '$lib/widget/embed';

describe('oEmbed: a pasted link embeds the widget', () => {
	it('has every field the oEmbed spec requires of a rich answer, with the iframe at full addresses', () => {
		const answer = oembedOf('https://example.org/ml/', 'kmeans', 'k-means & friends', 3);
		// oembed.com §2.3.4: version and type always; html, width and height for "rich".
		expect(answer).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'ML Explorables', provider_url: 'https://example.org/ml/' });
		expect(Number.isInteger(answer.width) && Number.isInteger(answer.height)).toBe(true);
		expect(answer.html).toContain('src="https://example.org/ml/embed/kmeans/?seed=3"');
		expect(answer.html).toContain(`width="${answer.width}" height="${answer.height}"`);
		expect(answer.html).toContain('title="k-means &amp; friends"');
		expect(answer.html).not.toContain('<script');
	});

	it('the snippets and the oEmbed answer share one iframe', () => {
		const { iframe } = embedSnippets('https://example.org/', 'kmeans', 'K', new URLSearchParams('seed=3'));
		expect(iframe).toContain('<iframe src="https://example.org/embed/kmeans/?seed=3" title="K" width="100%" height="900"');
	});
});

describe('height messages', () => {
	it('always our own; WordPress’s too when its secret is in the address', () => {
		expect(heightMessages(640, 'kmeans', '')).toEqual([{ type: 'ml-explorables:resize', height: 640, concept: 'kmeans' }]);
		expect(heightMessages(640, 'kmeans', '#?secret=Ab12Cd34Ef')).toEqual([
			{ type: 'ml-explorables:resize', height: 640, concept: 'kmeans' },
			{ message: 'height', value: 640, secret: 'Ab12Cd34Ef' }
		]);
		expect(heightMessages(640, 'kmeans', '#secret=')).toHaveLength(1);
	});
});
