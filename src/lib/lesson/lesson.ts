/**
 * A lesson: an ordered list of steps a teacher puts together, each a concept opened at one
 * state (its query text: parameters, seed, lock and hide lists, exactly as a concept link
 * carries them) with a short prompt. The whole lesson travels in one link, with no server:
 *
 *   /lesson/#v1.z.<base64url of deflate-raw of the JSON>   (or `v1.j.` + plain JSON, when shorter)
 *
 * The JSON is `{"v":1,"t":title,"s":[[slug, query, prompt], …]}`, steps last, so that a link
 * cut short still gives every step that arrived whole. Reading a link never throws: what
 * cannot be read is left out and `problems` says so in plain words.
 */
import { decodeParams, encodeParams, type Notice, type Schema } from '$lib/widget/schema';

export const LESSON_VERSION = 1;
export const MAX_STEPS = 40;
export const MAX_PROMPT = 600;
export const MAX_TITLE = 120;

export interface LessonStep {
	slug: string;
	/** The concept link's query text, without `?`: parameters, seed, lock and hide lists. */
	query: string;
	/** What the class should do or predict at this step; plain text, may be empty. */
	prompt: string;
}

export interface Lesson {
	title: string;
	steps: LessonStep[];
}

/** What a reader of lessons needs to know of a concept. */
export interface LessonConcept {
	schema: Schema;
	defaultSeed: number;
}

export interface ReadLesson {
	lesson: Lesson;
	/** Each kept step's notices from its query, as a concept link would give them. */
	notices: Notice[][];
	/** What could not be read, for the whole link. */
	problems: string[];
}

type Wire = { v: number; t: string; s: [string, string, string][] };

export async function encodeLesson(lesson: Lesson): Promise<string> {
	const wire: Wire = { v: LESSON_VERSION, t: lesson.title, s: lesson.steps.map((s) => [s.slug, s.query, s.prompt]) };
	const json = JSON.stringify(wire);
	const bytes = new TextEncoder().encode(json);
	const compressed = toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')));
	const plain = toBase64Url(bytes);
	return `v${LESSON_VERSION}.${compressed.length < plain.length ? `z.${compressed}` : `j.${plain}`}`;
}

/** Reads a link's fragment (with or without `#`), keeping what it can of a damaged one. */
export async function decodeLesson(fragment: string, conceptOf: ConceptOf): Promise<ReadLesson> {
	const problems: string[] = [];
	const empty = (problem: string): ReadLesson => ({ lesson: { title: '', steps: [] }, notices: [], problems: [problem] });
	const match = /^#?v(\d+)\.([zj])\.([A-Za-z0-9_-]*)$/.exec(fragment.trim());
	if (!match) return empty('This link holds no lesson that can be read: it may have been cut short or changed.');
	const [, version, kind, data] = match;
	if (Number(version) > LESSON_VERSION) problems.push(`This lesson was made by a newer version of the site (lesson format ${version}); this one reads format ${LESSON_VERSION}, so some of it may be missing.`);

	const bytes = fromBase64Url(data);
	const { text, complete } = kind === 'z' ? await inflate(bytes) : { text: new TextDecoder().decode(bytes), complete: true };
	const { wire, whole } = parseWire(text);
	if (!wire) return empty('This lesson link is damaged: none of its steps could be read.');
	if (!whole || !complete) problems.push('This lesson link was cut short: the steps after the last whole one are missing.');

	return readWire(wire, conceptOf, problems);
}

type ConceptOf = (slug: string) => LessonConcept | undefined | Promise<LessonConcept | undefined>;

/** The steps of a wire object that this site can open, each checked against its concept. */
async function readWire(wire: Partial<Wire>, conceptOf: ConceptOf, problems: string[]): Promise<ReadLesson> {
	const title = typeof wire.t === 'string' ? wire.t.slice(0, MAX_TITLE) : '';
	const entries = Array.isArray(wire.s) ? wire.s : [];
	if (entries.length > MAX_STEPS) problems.push(`The lesson has ${entries.length} steps; only the first ${MAX_STEPS} are kept.`);
	const steps: LessonStep[] = [];
	const notices: Notice[][] = [];
	for (const [i, entry] of entries.slice(0, MAX_STEPS).entries()) {
		const [slug, query, prompt] = Array.isArray(entry) ? entry : [];
		const concept = typeof slug === 'string' ? await conceptOf(slug) : undefined;
		if (!concept) {
			problems.push(`Step ${i + 1} ${typeof slug === 'string' && slug ? `is a concept this site does not have (“${slug.slice(0, 40)}”)` : 'could not be read'}; it was left out.`);
			continue;
		}
		const step = readStep(slug as string, typeof query === 'string' ? query : '', typeof prompt === 'string' ? prompt : '', concept);
		if (typeof prompt === 'string' && prompt.length > MAX_PROMPT) problems.push(`The prompt of step ${i + 1} was longer than ${MAX_PROMPT} characters and was cut.`);
		steps.push(step.step);
		notices.push(step.notices);
	}
	if (entries.length === 0) problems.push('This lesson has no steps.');
	return { lesson: { title, steps }, notices, problems };
}

/**
 * One step as the site will open it: the query read through the concept's schema (so a bad
 * value gets the notice a link would give) and written back in its canonical form.
 */
export function readStep(slug: string, query: string, prompt: string, concept: LessonConcept): { step: LessonStep; notices: Notice[] } {
	const decoded = decodeParams(concept.schema, new URLSearchParams(query), concept.defaultSeed);
	const canonical = encodeParams(concept.schema, decoded.values, decoded.seed, decoded.access).toString();
	return { step: { slug, query: canonical, prompt: prompt.slice(0, MAX_PROMPT) }, notices: decoded.notices };
}

/** The wire object, or as much of it as a cut-short text holds (every whole step). */
function parseWire(text: string): { wire: Partial<Wire> | null; whole: boolean } {
	const parsed = tryParse(text);
	if (parsed) return { wire: parsed, whole: true };
	// Cut short: close the text after the last step that ended (`]`), from the end back.
	for (let end = text.lastIndexOf(']'); end > 0; end = text.lastIndexOf(']', end - 1)) {
		const recovered = tryParse(`${text.slice(0, end + 1)}]}`);
		if (recovered) return { wire: recovered, whole: false };
	}
	const noSteps = tryParse(`${text.replace(/,?"s":\[?$/, '')}}`);
	return { wire: noSteps, whole: false };
}

function tryParse(text: string): Partial<Wire> | null {
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

/** Inflates as much as the bytes allow: a cut-short stream still gives its beginning. */
async function inflate(bytes: Uint8Array): Promise<{ text: string; complete: boolean }> {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return { text: text + decoder.decode(), complete: true };
			text += decoder.decode(value, { stream: true });
		}
	} catch {
		return { text: text + decoder.decode(), complete: false };
	}
}

async function pipe(bytes: Uint8Array, transform: CompressionStream): Promise<Uint8Array> {
	const out = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(transform)).arrayBuffer();
	return new Uint8Array(out);
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	// A cut-short link can end mid-character: drop the bits that do not make a whole byte.
	const usable = text.length % 4 === 1 ? text.slice(0, -1) : text;
	const binary = atob(usable.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (usable.length % 4)) % 4));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The concept's predict-then-check question a step asks: the one whose case the step opens
 * (its seed, and every value its `show` sets). A step at any other state asks none.
 */
export function questionOfStep<Q extends { show: Record<string, unknown>; seed: number }>(questions: readonly Q[], values: Record<string, unknown>, seed: number): Q | null {
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	return questions.find((q) => q.seed === seed && Object.entries(q.show).every(([key, value]) => same(values[key], value))) ?? null;
}

/** The file "Download JSON" saves: the lesson as it is, readable by people and by "Open JSON". */
export function lessonJson(lesson: Lesson): string {
	return JSON.stringify({ format: 'ml-explorables-lesson', version: LESSON_VERSION, ...lesson }, null, 2);
}

/** Reads a lesson file, keeping what it can, as a link is read. */
export async function readLessonJson(text: string, conceptOf: ConceptOf): Promise<ReadLesson> {
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		return { lesson: { title: '', steps: [] }, notices: [], problems: ['This file is not a lesson: it is not JSON.'] };
	}
	const record = (file && typeof file === 'object' ? file : {}) as Record<string, unknown>;
	if (record.format !== 'ml-explorables-lesson' || !Array.isArray(record.steps)) {
		return { lesson: { title: '', steps: [] }, notices: [], problems: ['This file is not a lesson saved by this site.'] };
	}
	const problems: string[] = [];
	if (typeof record.version === 'number' && record.version > LESSON_VERSION) problems.push(`This lesson was saved by a newer version of the site (format ${record.version}); some of it may be missing.`);
	const steps = (record.steps as unknown[]).map((step): [string, string, string] => {
		const s = (step && typeof step === 'object' ? step : {}) as Record<string, unknown>;
		return [s.slug, s.query, s.prompt].map((v) => (typeof v === 'string' ? v : '')) as [string, string, string];
	});
	return readWire({ v: LESSON_VERSION, t: typeof record.title === 'string' ? record.title : '', s: steps }, conceptOf, problems);
}
