// The list of concepts as JSON, prerendered to /concepts.json: browser tests and tools
// read it instead of keeping their own list, so a new concept is covered by being here.
// Each concept's parameters come with what outside input must respect (kind, range,
// options, limits), so tests can aim bad values at every key without a list of them.
import { json } from '@sveltejs/kit';
import { concepts } from '$lib/registry';
import type { ParamSpec } from '$lib/widget/schema';

function describeParam(key: string, spec: ParamSpec) {
	const common = { key, kind: spec.kind, hidden: spec.control === 'hidden' };
	switch (spec.kind) {
		case 'number':
		case 'integer':
			return { ...common, min: spec.min, max: spec.max, default: spec.default };
		case 'choice':
		case 'choices':
			return { ...common, options: spec.options.map((o) => o.value) };
		case 'dataset':
			return { ...common, maxPoints: spec.maxPoints, domain: spec.domain, ...(spec.classes ? { classes: spec.classes } : {}) };
		case 'expression':
			return { ...common, maxLength: spec.maxLength, optional: spec.default === '' };
		case 'boolean':
			return common;
	}
}

export const prerender = true;

export function GET() {
	return json(
		concepts.map(({ meta, schema }) => ({
			slug: meta.slug,
			title: meta.title,
			topic: meta.topic,
			params: Object.entries(schema).map(([key, spec]) => describeParam(key, spec))
		}))
	);
}
