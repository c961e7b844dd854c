import AxeBuilder from '@axe-core/playwright';
import { test, expect, waitForEngine } from './fixtures';
import { CONCEPTS } from './concepts';

const PAGES = ['/', ...CONCEPTS.flatMap(({ slug }) => [`/concepts/${slug}/`, `/embed/${slug}/`])];

for (const colorScheme of ['light', 'dark'] as const) {
	for (const path of PAGES) {
		test(`axe finds no serious or critical violation on ${path} (${colorScheme})`, async ({ page, open }) => {
			await page.emulateMedia({ colorScheme });
			await open(path);
			if (path !== '/') {
				await waitForEngine(page);
				await page.getByRole('button', { name: 'Step' }).click();
			}
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
			expect(serious).toEqual([]);
		});
	}
}
