/** Copy-ready snippets that embed a widget, for the current parameters. */
import { queryText } from './schema';

/** The path the web-component bundle is served at, under the site root. */
export const WIDGETS_SCRIPT = 'widgets/ml-explorables.js';

function escapeAttribute(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Goes with the iframe: the embed page posts its height whenever it changes, and this
 * sizes the iframe to match. Once per page is enough for any number of widgets.
 */
export const RESIZE_SCRIPT = `<script>
addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'ml-explorables:resize') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
  }
});
</script>`;

export interface EmbedSnippets {
	/** The bare widget page, for links and iframes. */
	url: string;
	/** The concept's full page with this run: what a student's phone opens. */
	pageUrl: string;
	iframe: string;
	webComponent: string;
}

/** The concept's page at `siteRoot` (ending in "/") showing the run `query` describes. */
export function conceptPageUrl(siteRoot: string, slug: string, query: URLSearchParams): string {
	return `${siteRoot}concepts/${slug}/?${queryText(query)}`;
}

/**
 * `siteRoot` is the address the site is served from, ending in "/"; `query` holds every
 * parameter and the seed.
 */
export function embedSnippets(siteRoot: string, slug: string, title: string, query: URLSearchParams): EmbedSnippets {
	const url = `${siteRoot}embed/${slug}/?${queryText(query)}`;
	const iframe = [
		`<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="900" style="border:0;max-width:100%" loading="lazy"></iframe>`,
		RESIZE_SCRIPT
	].join('\n');
	const attributes = [...query].map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
	const webComponent = `<script type="module" src="${escapeAttribute(siteRoot + WIDGETS_SCRIPT)}"></script>\n<ml-${slug}${attributes}></ml-${slug}>`;
	return { url, pageUrl: conceptPageUrl(siteRoot, slug, query), iframe, webComponent };
}
