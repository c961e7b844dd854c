/**
 * The list of concepts, built from the folders: every `concepts/<slug>/index.ts` is one
 * concept (see concepts/README.md), ordered by the gallery's topics and then by title. The
 * gallery, the concept and embed routes, the web components, `Explorable`, /concepts.json,
 * the bench and the registry-driven tests all read this list, so a new folder is all a new
 * concept needs. Only metadata, schemas and previews are imported here (no TF.js): a
 * concept's run and views load when its widget is shown.
 */
import { TOPICS, type ConceptEntry } from './widget/contract';

const folders = import.meta.glob<ConceptEntry>('./concepts/*/index.ts', { eager: true, import: 'default' });

const topicOrder = (entry: ConceptEntry) => TOPICS.findIndex((topic) => topic.id === entry.meta.topic);

export const concepts: ConceptEntry[] = Object.entries(folders)
	.map(([path, entry]) => {
		const folder = path.split('/')[2];
		if (entry.meta.slug !== folder) throw new Error(`The concept in concepts/${folder}/ calls itself "${entry.meta.slug}": a slug must be its folder's name.`);
		if (topicOrder(entry) < 0) throw new Error(`The concept "${folder}" has an unknown topic "${entry.meta.topic}".`);
		return entry;
	})
	.sort((a, b) => topicOrder(a) - topicOrder(b) || a.meta.title.localeCompare(b.meta.title));

/** The concepts of each topic that has any, in gallery order. */
export const conceptsByTopic = TOPICS.map((topic) => ({ ...topic, concepts: concepts.filter((c) => c.meta.topic === topic.id) })).filter(
	(topic) => topic.concepts.length > 0
);

export function findConcept(slug: string): ConceptEntry | undefined {
	return concepts.find((c) => c.meta.slug === slug);
}
