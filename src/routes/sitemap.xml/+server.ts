// The sitemap, prerendered from the registry: the gallery, the embedding help and every
// concept page. A sitemap must name full addresses, and a static build cannot know where it
// will be served, so the build reads it from SITE_URL (README: "Deploying"; vite.config.ts).
import { concepts } from '$lib/registry';

export const prerender = true;

const siteUrl = __SITE_URL__;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function GET() {
	const paths = ['/', '/embed/', ...concepts.map(({ meta }) => `/concepts/${meta.slug}/`)];
	const body = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...paths.map((path) => `\t<url><loc>${escapeXml(siteUrl + path)}</loc></url>`),
		'</urlset>',
		''
	].join('\n');
	return new Response(body, { headers: { 'content-type': 'application/xml' } });
}
