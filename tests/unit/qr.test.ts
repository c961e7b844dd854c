/** QR codes: what the page draws is read back by an independent decoder (jsQR). */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { modulesPath, qrPicture, QUIET_ZONE } from '$lib/widget/qr';

/** Paints the SVG path the page draws (runs `M x,y h run v1 h -run z`) into RGBA pixels, `scale` a module. */
function rasterise(size: number, path: string, scale = 4) {
	const width = size * scale;
	const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
	const runs = [...path.matchAll(/M(\d+),(\d+)h(\d+)v1h-(\d+)z/g)];
	expect(runs.map((m) => m[0]).join('')).toBe(path);
	for (const [, x, y, run] of runs) {
		for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
			for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px++) pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
		}
	}
	return { pixels, width };
}

describe('QR codes of links', () => {
	it('joins each row’s dark modules into runs, inside the quiet zone', () => {
		expect(modulesPath([[true, true, false, true], [false, false, false, false], [false, true, true, true]], 4)).toBe('M4,4h2v1h-2zM7,4h1v1h-1zM5,6h3v1h-3z');
		expect(modulesPath([[false]])).toBe('');
	});

	it.each([
		'http://localhost:4173/concepts/kmeans/?seed=1',
		`https://example.org/ml/concepts/correlation/?preset=own&points=${Array.from({ length: 60 }, (_, i) => `${i * 1.5},${(i * 7) % 13}`).join(';')}&seed=42`
	])('decodes back to the very link: %#', async (link) => {
		const picture = (await qrPicture(link))!;
		expect(picture.size).toBe(17 + 4 * picture.version + 2 * QUIET_ZONE);
		const { pixels, width } = rasterise(picture.size, picture.path);
		expect(jsQR(pixels, width, width)?.data).toBe(link);
	});

	it('says when a link is longer than any QR code holds', async () => {
		expect(await qrPicture(`https://example.org/?points=${'1.25,3.5;'.repeat(400)}`)).toBeNull();
	});
});
