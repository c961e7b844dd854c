/**
 * The address the site is served from, ending in "/". Share links and embed snippets are
 * built on it — never on the page that happens to show the widget, which for a web
 * component is somebody else's page. The site sets it from SvelteKit's base path; the
 * web-component bundle from its own script URL.
 */
let root: string | null = null;

export function setSiteRoot(url: string) {
	root = url.endsWith('/') ? url : `${url}/`;
}

export function siteRoot(): string {
	return root ?? new URL('/', location.href).href;
}
