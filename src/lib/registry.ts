/**
 * The list of concepts. The gallery, the concept and embed routes, and the web-component
 * build all read it. A concept's widget and explanation are loaded lazily, so the gallery
 * pulls in only metadata, schemas and the drawn previews — no TF.js.
 */
import type { Component } from 'svelte';
import type { ConceptMeta } from './concepts/types';
import type { Schema } from './widget/schema';
import type { WidgetState } from './widget/state.svelte';

import { meta as kmeansMeta } from './concepts/kmeans/meta';
import { schema as kmeansSchema } from './concepts/kmeans/params';
import KMeansPreview from './concepts/kmeans/Preview.svelte';

export interface ConceptEntry {
	meta: ConceptMeta<never>;
	schema: Schema;
	/** A small drawn picture for the gallery card; no simulation. */
	Preview: Component;
	/** The widget itself. */
	loadWidget: () => Promise<Component<{ ws: WidgetState<never> }>>;
	/** The explanation shown on the concept page. */
	loadAbout: () => Promise<Component>;
}

export const concepts: ConceptEntry[] = [
	{
		meta: kmeansMeta as ConceptMeta<never>,
		schema: kmeansSchema,
		Preview: KMeansPreview,
		loadWidget: async () => (await import('./concepts/kmeans/KMeans.svelte')).default as never,
		loadAbout: async () => (await import('./concepts/kmeans/About.svelte')).default
	}
];

export function findConcept(slug: string): ConceptEntry | undefined {
	return concepts.find((c) => c.meta.slug === slug);
}
