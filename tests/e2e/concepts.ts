import { readFileSync } from 'node:fs';

/**
 * Every concept in the registry, read from the built site's /concepts.json (the browser
 * tests run after `npm run build`), so tests that cover every concept need no list.
 */
export const CONCEPTS: { slug: string; title: string }[] = JSON.parse(
	readFileSync(new URL('../../build/concepts.json', import.meta.url), 'utf8')
);
