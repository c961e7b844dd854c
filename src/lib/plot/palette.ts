/** Colours for categories (clusters, series): the CSS custom properties --cat-1 … --cat-12. */
export const CATEGORY_COUNT = 12;

export function categoryColor(index: number): string {
	return `var(--cat-${(index % CATEGORY_COUNT) + 1})`;
}

/**
 * The concrete colour (`rgb(…)`) a CSS colour value has inside `element`: canvas cannot
 * read custom properties or `light-dark()`, so it asks the page.
 */
export function resolveColor(element: Element, value: string): string {
	const probe = document.createElement('span');
	probe.style.color = value;
	probe.style.display = 'none';
	element.appendChild(probe);
	const resolved = getComputedStyle(probe).color;
	probe.remove();
	return resolved;
}
