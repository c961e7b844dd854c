/**
 * The notebook helper the build writes at /jupyter/ml_explorables.py: what it gives a
 * notebook to show (its _repr_html_, made here by Python from the served file, pointed at
 * this server as at a local build) runs as a live widget in the output, and grows to fit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, ORIGIN, openHostPage } from './fixtures';

test('a notebook output cell from ml_explorables.widget() shows the live widget with its parameters', async ({ page, request }) => {
	const helper = await request.get('/jupyter/ml_explorables.py');
	expect(helper.ok()).toBe(true);
	const folder = mkdtempSync(join(tmpdir(), 'notebook-'));
	writeFileSync(join(folder, 'ml_explorables.py'), await helper.text());
	const output = execFileSync('python3', ['-c', "import ml_explorables as mle\nprint(mle.widget('kmeans', k=3, seed=5, lock=['k'], height=300)._repr_html_())"], {
		cwd: folder,
		encoding: 'utf8',
		env: { ...process.env, ML_EXPLORABLES_SITE: ORIGIN }
	});

	// A notebook front-end puts the HTML into its output area (JupyterLab and VS Code run its script; where not, the iframe keeps its height).
	await openHostPage(page, `<!doctype html><html><head><meta charset="utf-8"><title>Notebook</title></head><body><div class="output">${output}</div></body></html>`);
	const frame = page.frameLocator('iframe');
	const step = frame.getByRole('button', { name: 'Step', exact: true });
	await expect(step).toBeEnabled({ timeout: 30_000 });
	await step.click();
	await expect(frame.getByRole('button', { name: /^Centroid 3 at/ })).toBeVisible();
	await expect(frame.getByRole('button', { name: /^Centroid 4 at/ })).toHaveCount(0);
	await expect(frame.locator('input[data-param="k"]')).toBeDisabled();
	await expect.poll(() => page.locator('iframe').evaluate((iframe) => iframe.getBoundingClientRect().height)).toBeGreaterThan(500);
});
