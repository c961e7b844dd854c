import { defineConcept } from '$lib/widget/contract';
import { meta } from './meta';
import { schema } from './params';
import Preview from './Preview.svelte';

export default defineConcept({
	meta,
	schema,
	Preview,
	load: async () => (await import('./widget')).default,
	loadAbout: async () => (await import('./About.svelte')).default
});
