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

/** The iframe that shows the widget at `url`; `width` a number of pixels or "100%". */
export function iframeTag(url: string, title: string, width: number | '100%' = '100%', height = 900): string {
	return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** The oEmbed answer for a concept (oembed.com, a "rich" type): what WordPress and other consumers embed for a pasted link. */
export function oembedOf(siteRoot: string, slug: string, title: string, seed: number) {
	const [width, height] = [720, 900];
	return {
		version: '1.0',
		type: 'rich',
		title,
		provider_name: 'ML Explorables',
		provider_url: siteRoot,
		html: iframeTag(`${siteRoot}embed/${slug}/?seed=${seed}`, title, width, height),
		width,
		height
	};
}

/**
 * What an embedded widget posts to its host when its height changes: its own message, and,
 * when the address carries WordPress's secret (`#?secret=…`, which WordPress's embed script
 * adds to every iframe it makes from an oEmbed answer), WordPress's height message too.
 */
export function heightMessages(height: number, concept: string, hash: string): object[] {
	const secret = /[#&?]secret=([A-Za-z0-9]+)/.exec(hash)?.[1];
	const own = { type: 'ml-explorables:resize', height, concept };
	return secret ? [own, { message: 'height', value: height, secret }] : [own];
}

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
	const iframe = [iframeTag(url, title), RESIZE_SCRIPT].join('\n');
	const attributes = [...query].map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
	const webComponent = `<script type="module" src="${escapeAttribute(siteRoot + WIDGETS_SCRIPT)}"></script>\n<ml-${slug}${attributes}></ml-${slug}>`;
	return { url, pageUrl: conceptPageUrl(siteRoot, slug, query), iframe, webComponent };
}
