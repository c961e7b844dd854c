/**
 * Grids of coloured cells (a model's probability over the plane, a layer × step map), drawn
 * as the pixels of a small image stretched over the plot: one draw call however many cells.
 * A fillRect per cell, with its own fill and opacity, costs several milliseconds at a few
 * thousand cells, and these grids are redrawn at every step.
 */

/** Red, green and blue (0–255) and the opacity (0–1) of one cell. */
export type CellFill = readonly [number, number, number, number];

const GREY: readonly [number, number, number] = [128, 128, 128];

/**
 * A colour as canvas or `getComputedStyle` writes it (`#rrggbb`, `#rgb`, `rgb(…)`, `rgba(…)`)
 * as red, green, blue. Anything else is grey: callers pass colours already resolved.
 */
export function rgbOf(color: string): readonly [number, number, number] {
	const text = color.trim();
	const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
	if (hex) {
		const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
		return [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16)) as [number, number, number];
	}
	const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(text);
	if (rgb) return [1, 2, 3].map((k) => Math.min(255, Math.round(Number(rgb[k])))) as [number, number, number];
	return GREY;
}

const scratch = new WeakMap<CanvasRenderingContext2D, HTMLCanvasElement>();

/**
 * Fills `width` × `height` (the context's units) with `rows` × `columns` cells, row 0 at the
 * bottom; `fill(index)` gives cell `index` = row × columns + column its colour, or null to
 * leave it empty. Cell edges stay sharp.
 */
export function drawCells(
	context: CanvasRenderingContext2D,
	{ width, height }: { width: number; height: number },
	rows: number,
	columns: number,
	fill: (index: number) => CellFill | null
) {
	if (rows <= 0 || columns <= 0) return;
	const image = new ImageData(columns, rows);
	const pixels = image.data;
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < columns; c++) {
			const color = fill(r * columns + c);
			if (!color) continue;
			const at = ((rows - 1 - r) * columns + c) * 4;
			pixels[at] = color[0];
			pixels[at + 1] = color[1];
			pixels[at + 2] = color[2];
			pixels[at + 3] = Math.round(255 * Math.min(1, Math.max(0, color[3])));
		}
	}
	let cells = scratch.get(context);
	if (!cells) scratch.set(context, (cells = document.createElement('canvas')));
	if (cells.width !== columns) cells.width = columns;
	if (cells.height !== rows) cells.height = rows;
	cells.getContext('2d')?.putImageData(image, 0, 0);
	context.save();
	context.imageSmoothingEnabled = false;
	context.drawImage(cells, 0, 0, width, height);
	context.restore();
}
