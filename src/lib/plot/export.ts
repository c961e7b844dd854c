/**
 * Export the charts of a widget as one picture: every `.chart` inside a container is
 * placed where it is on screen, with its canvas layers embedded as images and every
 * style the page gave it written onto the elements, so the SVG stands alone. Headings,
 * captions and legend entries marked `data-export-text` come along as text (a legend
 * entry's `.swatch` as a small square of its colour).
 */
import { CANVAS_SYNC } from './context';
import { resolveColor } from './palette';

/** Properties copied from the page's computed style onto each exported SVG element. */
const STYLE_PROPERTIES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'stroke-linejoin',
	'stroke-linecap',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'dominant-baseline',
	'paint-order',
	'visibility',
	'display'
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Writes the computed look of `original` onto `copy` (and so on down the tree), and drops
 * what only made sense in the page: classes, ARIA, comments, CSS variables.
 */
function inlineStyles(original: Element, copy: Element) {
	const computed = getComputedStyle(original);
	copy.setAttribute('style', STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';'));
	for (const attribute of [...copy.attributes]) {
		const name = attribute.name;
		if (name === 'class' || name === 'role' || name === 'tabindex' || name.startsWith('aria-') || attribute.value.includes('var(')) {
			copy.removeAttribute(name);
		}
	}
	for (const node of [...copy.childNodes]) if (node.nodeType === Node.COMMENT_NODE) node.remove();
	for (let i = 0; i < original.children.length; i++) inlineStyles(original.children[i], copy.children[i]);
}

export interface ExportedImage {
	svg: string;
	width: number;
	height: number;
}

/** Room around the picture, so tick labels at the edges are not cut off. */
const PADDING = 16;

function textElement(element: Element, box: DOMRect): SVGTextElement {
	const style = getComputedStyle(element);
	const rect = element.getBoundingClientRect();
	const text = document.createElementNS(SVG_NS, 'text');
	const fontSize = parseFloat(style.fontSize);
	text.setAttribute('x', String(rect.left - box.left));
	text.setAttribute('y', String(rect.top - box.top + fontSize));
	text.setAttribute('style', `font-family:${style.fontFamily};font-size:${style.fontSize};font-weight:${style.fontWeight};fill:${style.color}`);
	text.textContent = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
	return text;
}

/**
 * The charts of one or more containers (a widget's plots, then its panels), each placed
 * as on screen and the containers stacked top to bottom.
 */
export function chartsToSvg(containers: HTMLElement[]): ExportedImage {
	const boxes = containers.map((c) => c.getBoundingClientRect());
	const width = Math.ceil(Math.max(...boxes.map((b) => b.width))) + 2 * PADDING;
	const height = Math.ceil(boxes.reduce((sum, b) => sum + b.height + PADDING, 0)) + PADDING;
	const root = document.createElementNS(SVG_NS, 'svg');
	root.setAttribute('xmlns', SVG_NS);
	root.setAttribute('width', String(width));
	root.setAttribute('height', String(height));
	root.setAttribute('viewBox', `0 0 ${width} ${height}`);
	const background = document.createElementNS(SVG_NS, 'rect');
	background.setAttribute('width', '100%');
	background.setAttribute('height', '100%');
	background.setAttribute('fill', resolveColor(containers[0], 'var(--bg)'));
	root.appendChild(background);
	let top = PADDING;
	containers.forEach((container, i) => {
		const content = document.createElementNS(SVG_NS, 'g');
		content.setAttribute('transform', `translate(${PADDING},${top})`);
		drawContainer(container, boxes[i], content);
		root.appendChild(content);
		top += boxes[i].height + PADDING;
	});
	return { svg: new XMLSerializer().serializeToString(root), width, height };
}

function drawContainer(container: HTMLElement, box: DOMRect, content: SVGGElement) {
	for (const element of container.querySelectorAll('[data-export-text]')) {
		const swatch = element.querySelector('.swatch');
		if (swatch) {
			const rect = swatch.getBoundingClientRect();
			const style = getComputedStyle(swatch);
			const square = document.createElementNS(SVG_NS, 'rect');
			square.setAttribute('x', String(rect.left - box.left));
			square.setAttribute('y', String(rect.top - box.top));
			square.setAttribute('width', String(Math.max(rect.width, 6)));
			square.setAttribute('height', String(Math.max(rect.height, 3)));
			const fill = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? style.borderTopColor : style.backgroundColor;
			square.setAttribute('fill', fill);
			content.appendChild(square);
			const label = textElement(element, box);
			label.setAttribute('x', String(rect.right - box.left + 4));
			content.appendChild(label);
		} else {
			content.appendChild(textElement(element, box));
		}
	}
	for (const chart of container.querySelectorAll<HTMLElement>('.chart')) {
		const chartBox = chart.getBoundingClientRect();
		const group = document.createElementNS(SVG_NS, 'g');
		group.setAttribute('transform', `translate(${chartBox.left - box.left},${chartBox.top - box.top})`);
		for (const canvas of chart.querySelectorAll('canvas')) {
			const canvasBox = canvas.getBoundingClientRect();
			const image = document.createElementNS(SVG_NS, 'image');
			image.setAttribute('x', String(canvasBox.left - chartBox.left));
			image.setAttribute('y', String(canvasBox.top - chartBox.top));
			image.setAttribute('width', String(canvasBox.width));
			image.setAttribute('height', String(canvasBox.height));
			canvas.dispatchEvent(new Event(CANVAS_SYNC)); // a layer scrolled off screen may not have drawn the latest
			image.setAttribute('href', canvas.toDataURL('image/png'));
			group.appendChild(image);
		}
		// The marks, then the interactive overlay (handles are part of the picture too).
		for (const svg of chart.querySelectorAll('svg')) {
			const copy = svg.cloneNode(true) as SVGSVGElement;
			inlineStyles(svg, copy);
			group.appendChild(copy);
		}
		content.appendChild(group);
	}
}

/** Draws an exported SVG over the whole of a canvas. */
async function drawSvg({ svg }: ExportedImage, canvas: HTMLCanvasElement) {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2-D canvas');
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Renders an exported SVG to PNG at `scale` times its size (2 for slides). */
export async function svgToPng(image: ExportedImage, scale = 2): Promise<Blob> {
	const canvas = document.createElement('canvas');
	canvas.width = image.width * scale;
	canvas.height = image.height * scale;
	await drawSvg(image, canvas);
	return new Promise<Blob>((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png')
	);
}

/**
 * A short WebM of the plots as they change: `capture` is called about `fps` times a second
 * (each frame is the same picture "Export image" makes) and drawn on a canvas that a
 * MediaRecorder films, until `seconds` have passed or `signal` aborts.
 */
export async function recordClip(
	capture: () => ExportedImage,
	{ fps = 10, seconds = 8, signal }: { fps?: number; seconds?: number; signal?: AbortSignal } = {}
): Promise<Blob> {
	if (typeof MediaRecorder === 'undefined') throw new Error('this browser cannot record video');
	const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
	if (!type) throw new Error('this browser cannot record WebM video');
	const first = capture();
	const canvas = document.createElement('canvas');
	// Video encoders want even sizes.
	canvas.width = 2 * Math.ceil(first.width / 2);
	canvas.height = 2 * Math.ceil(first.height / 2);
	await drawSvg(first, canvas);
	const stream = canvas.captureStream(fps);
	const recorder = new MediaRecorder(stream, { mimeType: type });
	const chunks: Blob[] = [];
	recorder.ondataavailable = (event) => {
		if (event.data.size > 0) chunks.push(event.data);
	};
	const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
	recorder.start(250);
	const end = performance.now() + seconds * 1000;
	while (performance.now() < end && !signal?.aborted) {
		const started = performance.now();
		await drawSvg(capture(), canvas);
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / fps - (performance.now() - started))));
	}
	recorder.stop();
	await stopped;
	stream.getTracks().forEach((track) => track.stop());
	return new Blob(chunks, { type: 'video/webm' });
}
