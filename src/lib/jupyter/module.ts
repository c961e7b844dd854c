/**
 * The notebook helper, `/jupyter/ml_explorables.py`: ml_explorables.py with this build's
 * site address, its concepts and their parameters, and the embed code's resize script.
 */
import template from './ml_explorables.py?raw';
import { RESIZE_SCRIPT } from '$lib/widget/embed';

export function jupyterModule(siteUrl: string, concepts: { slug: string; keys: string[] }[]): string {
	const table = JSON.stringify(Object.fromEntries(concepts.map(({ slug, keys }) => [slug, keys])));
	// Both go into Python raw strings delimited by ''': neither may hold three quotes.
	if (table.includes("'''") || RESIZE_SCRIPT.includes("'''")) throw new Error("A concept's keys or the resize script hold ''' ");
	return template.replaceAll('__SITE__', siteUrl.replace(/\/+$/, '')).replace('__CONCEPTS__', table).replace('__RESIZE_SCRIPT__', RESIZE_SCRIPT);
}
