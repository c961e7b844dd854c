// The gallery's words, read from every concept's meta at build time and prerendered into the
// page's data, so the page's JavaScript carries none of it (src/lib/gallery.ts).
import { concepts } from '$lib/registry';
import { cardTextOf } from '$lib/gallery';

export function load() {
	return { cards: concepts.map((entry) => cardTextOf(entry.meta)) };
}
