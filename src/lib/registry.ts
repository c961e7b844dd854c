/**
 * The list of concepts. The gallery, the concept and embed routes, and the web-component
 * build all read it. A concept's widget and explanation are loaded lazily, so the gallery
 * pulls in only metadata, schemas and the drawn previews — no TF.js.
 */
import type { Component } from 'svelte';
import type { ConceptMeta } from './concepts/types';
import type { Schema, Values } from './widget/schema';
import type { WidgetState } from './widget/state.svelte';

import { meta as kmeansMeta } from './concepts/kmeans/meta';
import { schema as kmeansSchema } from './concepts/kmeans/params';
import KMeansPreview from './concepts/kmeans/Preview.svelte';
import { meta as gradientDescentMeta } from './concepts/gradient-descent/meta';
import { schema as gradientDescentSchema } from './concepts/gradient-descent/params';
import GradientDescentPreview from './concepts/gradient-descent/Preview.svelte';
import { meta as biasVarianceMeta } from './concepts/bias-variance/meta';
import { schema as biasVarianceSchema } from './concepts/bias-variance/params';
import BiasVariancePreview from './concepts/bias-variance/Preview.svelte';
import { meta as correlationMeta } from './concepts/correlation/meta';
import { schema as correlationSchema } from './concepts/correlation/params';
import CorrelationPreview from './concepts/correlation/Preview.svelte';
import { meta as vanishingGradientsMeta } from './concepts/vanishing-gradients/meta';
import { schema as vanishingGradientsSchema } from './concepts/vanishing-gradients/params';
import VanishingGradientsPreview from './concepts/vanishing-gradients/Preview.svelte';
import { meta as weightInitMeta } from './concepts/weight-init/meta';
import { schema as weightInitSchema } from './concepts/weight-init/params';
import WeightInitPreview from './concepts/weight-init/Preview.svelte';

export interface ConceptEntry {
	meta: ConceptMeta<Values<Schema>>;
	schema: Schema;
	/** A small drawn picture for the gallery card; no simulation. */
	Preview: Component;
	/** The widget itself. */
	loadWidget: () => Promise<Component<{ ws: WidgetState<Schema> }>>;
	/** The explanation shown on the concept page. */
	loadAbout: () => Promise<Component>;
}

/**
 * One registry entry, type-checked against its own schema. The list holds concepts of
 * different schemas, so their types are widened here, once; the pages only ever hand a
 * widget the state built from that same schema.
 */
function concept<S extends Schema>(entry: {
	meta: ConceptMeta<Values<S>>;
	schema: S;
	Preview: Component;
	loadWidget: () => Promise<Component<{ ws: WidgetState<S> }>>;
	loadAbout: () => Promise<Component>;
}): ConceptEntry {
	return entry as unknown as ConceptEntry;
}

export const concepts: ConceptEntry[] = [
	concept({
		meta: kmeansMeta,
		schema: kmeansSchema,
		Preview: KMeansPreview,
		loadWidget: async () => (await import('./concepts/kmeans/KMeans.svelte')).default,
		loadAbout: async () => (await import('./concepts/kmeans/About.svelte')).default
	}),
	concept({
		meta: gradientDescentMeta,
		schema: gradientDescentSchema,
		Preview: GradientDescentPreview,
		loadWidget: async () => (await import('./concepts/gradient-descent/GradientDescent.svelte')).default,
		loadAbout: async () => (await import('./concepts/gradient-descent/About.svelte')).default
	}),
	concept({
		meta: biasVarianceMeta,
		schema: biasVarianceSchema,
		Preview: BiasVariancePreview,
		loadWidget: async () => (await import('./concepts/bias-variance/BiasVariance.svelte')).default,
		loadAbout: async () => (await import('./concepts/bias-variance/About.svelte')).default
	}),
	concept({
		meta: correlationMeta,
		schema: correlationSchema,
		Preview: CorrelationPreview,
		loadWidget: async () => (await import('./concepts/correlation/Correlation.svelte')).default,
		loadAbout: async () => (await import('./concepts/correlation/About.svelte')).default
	}),
	concept({
		meta: vanishingGradientsMeta,
		schema: vanishingGradientsSchema,
		Preview: VanishingGradientsPreview,
		loadWidget: async () => (await import('./concepts/vanishing-gradients/VanishingGradients.svelte')).default,
		loadAbout: async () => (await import('./concepts/vanishing-gradients/About.svelte')).default
	}),
	concept({
		meta: weightInitMeta,
		schema: weightInitSchema,
		Preview: WeightInitPreview,
		loadWidget: async () => (await import('./concepts/weight-init/WeightInit.svelte')).default,
		loadAbout: async () => (await import('./concepts/weight-init/About.svelte')).default
	})
];

export function findConcept(slug: string): ConceptEntry | undefined {
	return concepts.find((c) => c.meta.slug === slug);
}
