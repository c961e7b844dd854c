import { loadEntry } from '$lib/registry-entry';
import type { LessonConcept } from './lesson';

/** What reading a lesson needs of a concept, loaded from the registry on demand. */
export async function lessonConceptOf(slug: string): Promise<LessonConcept | undefined> {
	const entry = await loadEntry(slug);
	return entry && { schema: entry.schema, defaultSeed: entry.meta.defaultSeed };
}
