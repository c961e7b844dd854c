/**
 * "Download a SCORM 1.2 package": the zip is unpacked and served as an LMS would serve it,
 * inside a course frame that provides a stand-in SCORM API, and on its own without one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ORIGIN } from './fixtures';

const LMS = `${ORIGIN}/lms-for-test/`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.xml': 'application/xml', '.css': 'text/css' };

/** The course page: a SCORM 1.2 API that keeps every value set and every call, and the package in a frame. */
const COURSE = `<!doctype html><html><head><meta charset="utf-8"><title>Course</title><script>
window.lmsCalls = [];
window.lmsValues = { 'cmi.core.lesson_status': 'not attempted' };
window.API = {
	LMSInitialize: () => (lmsCalls.push('LMSInitialize'), 'true'),
	LMSFinish: () => (lmsCalls.push('LMSFinish'), 'true'),
	LMSGetValue: (key) => lmsValues[key] ?? '',
	LMSSetValue: (key, value) => ((lmsValues[key] = value), lmsCalls.push(key), 'true'),
	LMSCommit: () => (lmsCalls.push('LMSCommit'), 'true'),
	LMSGetLastError: () => '0'
};
</script></head><body><h1>Week 3</h1><iframe src="package/index.html" title="Activity" style="width:100%;height:2400px;border:0"></iframe></body></html>`;

async function downloadPackage(page: Page): Promise<string> {
	await page.goto('/concepts/kmeans/?k=3&seed=5&lock=k');
	await page.waitForSelector('html[data-hydrated]');
	await page.getByRole('button', { name: 'Copy embed code' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-scorm]').click()]);
	expect(download.suggestedFilename()).toBe('kmeans-scorm.zip');
	await expect(page.locator('[data-scorm-status]')).toContainText('Saved kmeans-scorm.zip');
	const folder = mkdtempSync(join(tmpdir(), 'scorm-'));
	execFileSync('python3', ['-m', 'zipfile', '-e', (await download.path())!, folder]);
	return folder;
}

/** Serves the unpacked package under LMS/package/, and the course page at LMS/course.html. */
async function serveLms(page: Page, folder: string) {
	await page.route(`${LMS}**`, (route) => {
		const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(LMS).pathname.length));
		if (path === 'course.html') return route.fulfill({ contentType: 'text/html', body: COURSE });
		if (!path.startsWith('package/')) return route.fulfill({ status: 404 });
		try {
			return route.fulfill({ contentType: TYPES[extname(path)] ?? 'application/octet-stream', body: readFileSync(join(folder, path.slice('package/'.length))) });
		} catch {
			return route.fulfill({ status: 404 });
		}
	});
}

test.describe('SCORM 1.2 package', () => {
	test('imports as one SCO, runs in a course frame, and reports completion and the score', async ({ page }) => {
		test.slow();
		const folder = await downloadPackage(page);
		const manifest = readFileSync(join(folder, 'imsmanifest.xml'), 'utf8');
		expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
		expect(manifest).toContain('adlcp:scormtype="sco" href="index.html"');
		expect(manifest).toContain('<file href="widgets/scorm.js"/>');

		await serveLms(page, folder);
		await page.goto(`${LMS}course.html`);
		const unit = page.frameLocator('iframe');
		await expect(unit.locator('[data-lms]')).toHaveAttribute('data-lms', 'connected');
		expect(await page.evaluate(() => (window as unknown as { lmsValues: Record<string, string> }).lmsValues['cmi.core.lesson_status'])).toBe('incomplete');

		// The widget is the exported state (k = 3, locked), and it runs: TF.js from the package's own files.
		const widget = unit.locator('[data-concept="kmeans"]');
		await expect(widget.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 30_000 });
		await expect(widget.locator('[data-backend]')).not.toHaveAttribute('data-backend', '');
		await expect(widget.getByRole('button', { name: /^Centroid 3 at/ })).toBeVisible();
		await expect(widget.getByRole('button', { name: /^Centroid 4 at/ })).toHaveCount(0);
		await widget.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(widget.locator('output[data-readout="inertia"]')).not.toHaveText('—');

		const questions = unit.locator('[data-question]');
		const count = await questions.count();
		expect(count).toBeGreaterThan(1);
		let right = 0;
		for (let i = 0; i < count; i++) {
			await questions.nth(i).getByRole('radio').first().check();
			await questions.nth(i).getByRole('button', { name: 'Commit my guess' }).click();
			if (await questions.nth(i).getByText('Right.').isVisible()) right++;
		}
		const values = () => page.evaluate(() => (window as unknown as { lmsValues: Record<string, string> }).lmsValues);
		await expect.poll(async () => (await values())['cmi.core.lesson_status']).toBe('completed');
		expect((await values())['cmi.core.score.raw']).toBe(String(Math.round((100 * right) / count)));
		await expect(unit.locator('[data-lms]')).toContainText(`${count} of ${count} questions answered`);

		// Leaving the activity ends the session.
		await page.evaluate(() => document.querySelector('iframe')!.remove());
		await expect.poll(() => page.evaluate(() => (window as unknown as { lmsCalls: string[] }).lmsCalls.slice(-2))).toEqual(['LMSCommit', 'LMSFinish']);
		expect((await values())['cmi.core.session_time']).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
	});

	test('opened on its own, without an LMS, it works and says nothing is recorded', async ({ page }) => {
		test.slow();
		const folder = await downloadPackage(page);
		await serveLms(page, folder);
		await page.goto(`${LMS}package/index.html`);
		await expect(page.locator('[data-lms]')).toHaveAttribute('data-lms', 'none');
		await expect(page.locator('[data-lms]')).toContainText('not recorded');
		const step = page.getByRole('button', { name: 'Step', exact: true });
		await expect(step).toBeEnabled({ timeout: 30_000 });
		await step.click();
		await expect(page.locator('output[data-readout="inertia"]')).not.toHaveText('—');
	});
});
