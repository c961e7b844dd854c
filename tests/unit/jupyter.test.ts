import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jupyterModule } from '$lib/jupyter/module';
import { concepts, findConcept } from '$lib/registry';
import { decodeParams } from '$lib/widget/schema';

const folder = mkdtempSync(join(tmpdir(), 'jupyter-'));
writeFileSync(
	join(folder, 'ml_explorables.py'),
	jupyterModule('https://example.org/ml/', concepts.map(({ meta, schema }) => ({ slug: meta.slug, keys: Object.keys(schema) })))
);

/** Runs `code` after `import ml_explorables as mle`; the last line's value is printed. */
function python(code: string, env: Record<string, string> = {}): string {
	return execFileSync('python3', ['-c', `import ml_explorables as mle\n${code}`], { cwd: folder, encoding: 'utf8', env: { ...process.env, ...env }, stdio: 'pipe' }).trim();
}

describe('the notebook helper', () => {
	it("shows a widget as an iframe of the embed page, with the parameters in the site's own format", () => {
		const html = python("print(mle.widget('correlation', n=40, points=[(0.5, 1), (2, -1.25)], lock=['n'], seed=7)._repr_html_())");
		expect(html).toContain('<iframe src="https://example.org/ml/embed/correlation/?n=40&amp;points=0.5,1;2,-1.25&amp;seed=7&amp;lock=n"');
		expect(html).toContain("'ml-explorables:resize'");
		// The site reads those values back as given, without a notice.
		const query = new URLSearchParams(html.match(/src="[^"?]*\?([^"]*)"/)![1].replaceAll('&amp;', '&'));
		const decoded = decodeParams(findConcept('correlation')!.schema, query, 1);
		expect(decoded.notices).toEqual([]);
		expect(decoded.values.n).toBe(40);
		expect(decoded.values.points).toEqual([[0.5, 1], [2, -1.25]]);
		expect(decoded.seed).toBe(7);
		expect(decoded.access.locked).toEqual(['n']);
	});

	it('writes booleans and lists of choices as the site does, and escapes what an address cannot hold', () => {
		expect(python("print(mle._text(True), mle._text([1.0, 'a']), mle._text(2.5))")).toBe('1 1,a 2.5');
		expect(python("print(mle.widget('gradient-descent', expr='x^2 + y & 2').url)")).toBe('https://example.org/ml/embed/gradient-descent/?expr=x%5E2%20%2B%20y%20%26%202');
	});

	it('says what is wrong with an unknown widget, parameter, or locked key', () => {
		expect(() => python("mle.widget('kmean')")).toThrow(/No widget called 'kmean'\. The widgets are: .*kmeans/);
		expect(() => python("mle.widget('kmeans', kk=3)")).toThrow(/kmeans has no parameter kk\. Its parameters are: .*\bk\b/);
		expect(() => python("mle.widget('kmeans', lock=['speed'])")).toThrow(/lock names speed, which kmeans does not have/);
	});

	it('uses another copy of the site when told to', () => {
		expect(python("print(mle.widget('kmeans').url)", { ML_EXPLORABLES_SITE: 'http://localhost:4173' })).toBe('http://localhost:4173/embed/kmeans/');
		expect(python("mle.SITE = 'http://127.0.0.1:9000/x/'\nprint(repr(mle.widget('kmeans', k=4)))")).toBe('ML Explorables widget at http://127.0.0.1:9000/x/embed/kmeans/?k=4');
	});

	it('lists every concept with its parameters', () => {
		const listed = JSON.parse(python('import json; print(json.dumps(mle.concepts()))'));
		expect(Object.keys(listed).sort()).toEqual(concepts.map(({ meta }) => meta.slug).sort());
		expect(listed.kmeans).toContain('k');
	});
});
