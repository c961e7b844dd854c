/**
 * A monkey test: 500 seeded random interactions with each widget (from /concepts.json, so
 * new concepts are covered) — sliders by keyboard and by mouse, selects, checkboxes, the
 * widget's own buttons, clicks, shift-clicks and drags on the plots, typed formulas, and
 * Space, → and R on the widget. Export and Download buttons (downloads) and "Record clip" are left
 * alone; any dialog is dismissed.
 *
 * Throughout: no console or page error (fixtures.ts), data-status always a documented
 * value (watched by a MutationObserver, so a passing wrong value is caught too), and no
 * NaN / Infinity / undefined on show. At the end, with the parameters put back and the run
 * reset, the TF.js tensors alive on the page and in its workers are about what they were
 * after the same reset at the start: the run leaked none.
 *
 * The widget is hosted as a web component: putting its attributes back restores the
 * starting parameters without a reload, so the tensors before and after compare.
 */
import type { ElementHandle, Locator, Page } from '@playwright/test';
import { test, expect, HOST_PAGE, notesPage, openHostPage } from './fixtures';
import { CONCEPTS } from './concepts';
import { expectSound, FUZZ_SEED, randomSource, STATUSES, widgetRoot, type RandomSource } from './robustness';

const ACTIONS = 500;
/**
 * The actions stop at this deadline even if fewer than ACTIONS are done, so a slow machine
 * and a growing registry keep the suite’s time bounded: about 8 minutes of worker time shared
 * by every concept (at most 90 s each; with 25 concepts, 20 s, some 250 actions, each), so
 * CI stays near 30 minutes. The count done is kept in the report (an annotation).
 */
const SUITE_BUDGET_MS = 500_000;
const ACTION_BUDGET_MS = Math.min(90_000, Math.floor(SUITE_BUDGET_MS / CONCEPTS.length));
/** Tensors a run may hold beyond its start once reset (caches of data sets and grids keyed by parameter). */
const TENSOR_SLACK = 40;
/** A control found a few actions ago may have gone since (a closed dialog): the action is skipped, not waited for. */
const ACTION_TIMEOUT_MS = 2000;
const LEFT_ALONE = /^(Export|Download|Record clip|Stop recording)/;

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

interface Target {
	handle: ElementHandle;
	kind: 'slider' | 'select' | 'checkbox' | 'button' | 'plot' | 'text' | 'number';
	name: string;
	/** Where it is on screen; clicks and drags aim inside it. */
	box: Box;
}

/**
 * Everything the monkey may touch in the widget right now and in view (controls appear and
 * go as values change), with where it is: one round trip, then each action is a trusted
 * mouse or keyboard event at those coordinates.
 */
async function findTargets(root: Locator): Promise<Target[]> {
	const handles = (await root.locator('input, select, button, svg[role="img"], canvas').elementHandles()) as ElementHandle<Element>[];
	const described = await root.page().evaluate(
		(elements) =>
			elements.map((element) => {
				const rect = element.getBoundingClientRect();
				const usable =
					element.checkVisibility() && !(element as HTMLInputElement).disabled && rect.width >= 4 && rect.height >= 4 && rect.top >= 0 && rect.bottom <= innerHeight;
				const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
				const tag = element.tagName.toLowerCase();
				const type = (element as HTMLInputElement).type;
				const kind: Target['kind'] | null =
					tag === 'select' ? 'select'
					: tag === 'button' ? 'button'
					: tag === 'svg' || tag === 'canvas' ? 'plot'
					: type === 'range' ? 'slider'
					: type === 'checkbox' || type === 'radio' ? 'checkbox'
					: type === 'number' ? 'number'
					: type === 'text' || tag === 'textarea' ? 'text'
					: null;
				return { usable, name: name.slice(0, 60), kind, box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height } };
			}),
		handles
	);
	return handles
		.map((handle, i) => ({ handle, ...described[i] }))
		.filter((t): t is typeof t & Target => t.usable && t.kind !== null && !(t.kind === 'button' && LEFT_ALONE.test(t.name)));
}

const FORMULA_BITS = ['x', 'y', '+', '-', '*', '/', '^', '(', ')', 'sin', 'exp', 'log', '0', '1e308', '2', '.', 'pi', 'NaN', '<'];

function pointIn(box: Box, random: RandomSource) {
	return { x: box.x + 1 + random.next() * (box.width - 2), y: box.y + 1 + random.next() * (box.height - 2) };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 2 });
	await page.mouse.up();
}

/** One random interaction; returns what it did, for the failure message. */
async function act(page: Page, root: Locator, targets: Target[], random: RandomSource): Promise<string> {
	if (random.next() < 0.12) {
		const key = random.pick([' ', 'ArrowRight', 'ArrowRight', 'r']);
		await root.focus({ timeout: ACTION_TIMEOUT_MS });
		await page.keyboard.press(key);
		return `key ${JSON.stringify(key)} on the widget`;
	}
	const kind = random.pick([...new Set(targets.map((t) => t.kind))]);
	const { handle, name, box } = random.pick(targets.filter((t) => t.kind === kind));
	const middle = box.y + box.height / 2;
	switch (kind) {
		case 'slider': {
			if (random.next() < 0.5) {
				const key = random.pick(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
				await handle.focus();
				await page.keyboard.press(key);
				return `slider ${name}: ${key}`;
			}
			await drag(page, { x: pointIn(box, random).x, y: middle }, { x: pointIn(box, random).x, y: middle });
			return `slider ${name}: dragged`;
		}
		case 'select': {
			const count = await handle.evaluate((s) => (s as HTMLSelectElement).options.length);
			const index = random.int(count);
			await handle.selectOption({ index }, { force: true, timeout: ACTION_TIMEOUT_MS });
			return `select ${name}: option ${index}`;
		}
		case 'checkbox':
		case 'button':
			await page.mouse.click(box.x + box.width / 2, middle);
			return `${kind} ${name}: clicked`;
		case 'text':
		case 'number': {
			const text =
				kind === 'number' ? String(random.pick([0, 1, 7, 99999, 1e12, -3])) : Array.from({ length: 1 + random.int(6) }, () => random.pick(FORMULA_BITS)).join('');
			await handle.fill(text, { force: true, timeout: ACTION_TIMEOUT_MS });
			await page.keyboard.press('Enter');
			return `typed ${JSON.stringify(text)} into ${name}`;
		}
		case 'plot': {
			const shift = random.next() < 0.15;
			if (shift) await page.keyboard.down('Shift');
			const from = pointIn(box, random);
			if (random.next() < 0.5) await page.mouse.click(from.x, from.y);
			else await drag(page, from, pointIn(box, random));
			if (shift) await page.keyboard.up('Shift');
			return `plot ${name.slice(0, 30)}: ${shift ? 'shift-' : ''}click or drag`;
		}
	}
}

/** Records every data-status the widget takes that is not a documented one. */
async function watchStatus(root: Locator) {
	await root.evaluate((element, allowed) => {
		const odd: string[] = [];
		(window as unknown as { oddStatuses: string[] }).oddStatuses = odd;
		new MutationObserver(() => {
			const status = element.getAttribute('data-status') ?? '(none)';
			if (!allowed.includes(status)) odd.push(status);
		}).observe(element, { attributes: true, attributeFilter: ['data-status'] });
	}, STATUSES);
}

const oddStatuses = (page: Page) => page.evaluate(() => (window as unknown as { oddStatuses: string[] }).oddStatuses);
const liveTensors = (page: Page) => page.evaluate(() => (window as unknown as { mlExplorablesProbe: { tensors: () => number } }).mlExplorablesProbe.tensors());

/** Waits until the widget has loaded its run (Reset is disabled until then). */
async function expectLoaded(root: Locator) {
	await expect(root.locator('[data-backend]:not([data-backend=""])')).toBeAttached({ timeout: 20_000 });
	await expect(root.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled({ timeout: 20_000 });
}

/** Resets the run and waits until it is loaded again and the tensor count has settled. */
async function resetAndCount(page: Page, root: Locator): Promise<number> {
	await page.keyboard.press('Escape'); // a dialog the monkey left open makes the rest of the page inert
	await root.getByRole('button', { name: 'Reset', exact: true }).click();
	await expectLoaded(root);
	let last = -1;
	await expect
		.poll(async () => {
			const now = await liveTensors(page);
			const settled = now === last;
			last = now;
			return settled;
		}, { intervals: [500], timeout: 15_000 })
		.toBe(true);
	return last;
}

test.use({ viewport: { width: 1280, height: 2400 } });

for (const { slug } of CONCEPTS) {
	test(`monkey: ${ACTIONS} random interactions with <ml-${slug}> (FUZZ_SEED=${FUZZ_SEED})`, async ({ page }) => {
		test.setTimeout(300_000);
		page.on('dialog', (dialog) => void dialog.dismiss());
		await page.addInitScript(() => ((window as unknown as { mlExplorablesProbe: object }).mlExplorablesProbe = {}));
		// A link (the embed dialog's direct link) would take the page away from the widget:
		// the click still happens, the navigation does not.
		const keepHere = `<script>addEventListener('click', (event) => { if (event.composedPath().some((node) => node instanceof HTMLAnchorElement)) event.preventDefault(); }, true);</script>`;
		await openHostPage(page, notesPage(`<ml-${slug} seed="3"></ml-${slug}>`, { head: keepHere }));
		const element = page.locator(`ml-${slug}`);
		const root = widgetRoot(element);
		await expectLoaded(root);
		await watchStatus(root);
		const startTensors = await resetAndCount(page, root);

		const random = randomSource(FUZZ_SEED + slug.length);
		const done: string[] = [];
		let targets = await findTargets(root);
		const deadline = Date.now() + ACTION_BUDGET_MS;
		let actions = 0;
		for (let i = 0; i < ACTIONS && Date.now() < deadline; i++, actions++) {
			if (i % 10 === 0) targets = await findTargets(root);
			const context = () => `${slug} after ${i + 1} actions (FUZZ_SEED=${FUZZ_SEED}); the last ones: ${done.slice(-8).join('; ')}`;
			done.push(await act(page, root, targets, random).catch((error: Error) => `(${error.message.split('\n')[0]})`));
			expect(page.url(), `${context()}: the page went elsewhere`).toBe(HOST_PAGE);
			if (i % 50 === 49) {
				await page.keyboard.press('Escape'); // closes a dialog the monkey opened
				expect(await oddStatuses(page), context()).toEqual([]);
				await expectSound(root, context());
			}
		}
		test.info().annotations.push({ type: 'actions', description: `${actions} of ${ACTIONS}` });
		expect(await oddStatuses(page), `${slug}: statuses outside the contract`).toEqual([]);

		// The starting parameters again (re-reading the untouched attributes), then the same reset.
		await element.evaluate((e) => e.setAttribute('seed', '3'));
		const endTensors = await resetAndCount(page, root);
		expect(endTensors, `${slug}: live tensors after ${ACTIONS} actions and a reset, against ${startTensors} at the start`).toBeLessThanOrEqual(startTensors + TENSOR_SLACK);
		await expectSound(root, `${slug} at the end`);
	});
}
