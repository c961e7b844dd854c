import { readFileSync } from 'node:fs';

/** One schema key as /concepts.json describes it (see src/routes/concepts.json/+server.ts). */
export interface ParamInfo {
	key: string;
	kind: 'number' | 'integer' | 'choice' | 'choices' | 'boolean' | 'dataset' | 'expression';
	/** No control is drawn for it (it is set on the plot, or kept only in the URL). */
	hidden: boolean;
	min?: number;
	max?: number;
	default?: number;
	options?: string[];
	maxPoints?: number;
	domain?: [number, number];
	/** Labelled points: how many classes (each entry is x,y,class). */
	classes?: number;
	maxLength?: number;
	/** An expression whose default is empty: empty text is a valid "none". */
	optional?: boolean;
}

export interface ConceptInfo {
	slug: string;
	title: string;
	topic: string;
	params: ParamInfo[];
}

/**
 * Every concept in the registry, read from the built site's /concepts.json (the browser
 * tests run after `npm run build`), so tests that cover every concept need no list.
 */
export const CONCEPTS: ConceptInfo[] = JSON.parse(readFileSync(new URL('../../build/concepts.json', import.meta.url), 'utf8'));

/**
 * The first concept of each topic. Checks of the shell around a widget (the embed page's
 * frame, presenter mode, a web component's shadow root) run on these alone, so those suites
 * grow with the topics, not with every concept; each concept's own page is checked in full.
 */
export const ONE_PER_TOPIC: ConceptInfo[] = CONCEPTS.filter((concept, i) => CONCEPTS.findIndex(({ topic }) => topic === concept.topic) === i);
