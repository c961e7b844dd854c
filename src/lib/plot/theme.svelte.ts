/**
 * A counter that moves whenever the page's colours may have changed (system colour
 * scheme, the page's `data-theme`, presenter mode), so that canvas layers — which cannot
 * use CSS custom properties — know to resolve their colours again.
 */
import { createSubscriber } from 'svelte/reactivity';

let version = 0;

const subscribe = createSubscriber((update) => {
	const bump = () => {
		version++;
		update();
	};
	const scheme = window.matchMedia('(prefers-color-scheme: dark)');
	scheme.addEventListener('change', bump);
	const observer = new MutationObserver(bump);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-present', 'style'] });
	return () => {
		scheme.removeEventListener('change', bump);
		observer.disconnect();
	};
});

/** Read inside an effect or derived: it re-runs when the theme changes. */
export function themeVersion(): number {
	subscribe();
	return version;
}
