/**
 * Widgets as custom elements, `<ml-<slug>>`: attributes are the schema keys plus `seed`,
 * `lock` and `hide` (comma lists of keys the reader may not change, or not see),
 * read with the same validation as the URL (a bad value gives the same notice). The
 * widget lives in a shadow root with its own copy of the theme, so host pages cannot
 * break its styles — and restyle it only through the documented custom properties.
 */
import { mount, unmount } from 'svelte';
import type { ConceptPageEntry } from './contract';
import Widget from './Widget.svelte';
import { HIDE_KEY, LOCK_KEY, SEED_KEY, type TextSource } from './schema';
import { WidgetState } from './state.svelte';
import themeCss from './theme.css?inline';

/** Attributes as a source of outside text, like a query string. */
function attributeSource(element: HTMLElement): TextSource {
	return { getAll: (key) => (element.hasAttribute(key) ? [element.getAttribute(key)!] : []) };
}

export function defineWidgetElement(entry: ConceptPageEntry) {
	const tag = `ml-${entry.meta.slug}`;
	if (customElements.get(tag)) return;

	class WidgetElement extends HTMLElement {
		static observedAttributes = [...Object.keys(entry.schema), SEED_KEY, LOCK_KEY, HIDE_KEY];
		#state = new WidgetState({ slug: entry.meta.slug, schema: entry.schema, defaultSeed: entry.meta.defaultSeed });
		#mounted: Record<string, unknown> | null = null;
		#mounting = false;

		async connectedCallback() {
			if (this.#mounted || this.#mounting) return;
			this.#mounting = true;
			const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
			const style = document.createElement('style');
			style.textContent = themeCss;
			shadow.replaceChildren(style);
			this.#state.load(attributeSource(this));
			// Loaded here rather than by the widget, so the first paint has its plots; if it
			// fails, the widget says so and offers to try again.
			const module = await entry.load().catch(() => undefined);
			this.#mounting = false;
			// Removed from the page while the widget's code was loading: do not start it.
			if (!this.isConnected) return;
			this.#mounted = mount(Widget, { target: shadow, props: { entry, ws: this.#state, module } });
		}

		disconnectedCallback() {
			if (this.#mounted) unmount(this.#mounted);
			this.#mounted = null;
		}

		attributeChangedCallback() {
			// Attributes are the source of truth: any change re-reads all of them.
			this.#state.load(attributeSource(this));
		}
	}

	customElements.define(tag, WidgetElement);
}
