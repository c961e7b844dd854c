/**
 * The parameter schema: each concept declares its parameters once, and everything else
 * — controls, URL codec, validation of outside input, export — is derived from it.
 *
 * Outside input (URL query, element attributes, pasted text) is only ever parsed, never
 * evaluated. A bad value never breaks a widget: it is clamped or replaced by the
 * default, and a `Notice` says what happened in plain words.
 */
import type { LabelledPoint, Point } from '$lib/common/geometry';
import { MAX_SEED } from '$lib/engine/rng';

interface Common {
	label: string;
	/** One sentence shown under the control and as its accessible description. */
	help?: string;
	/** `hidden`: kept in the URL and the export, but no control is drawn for it. */
	control?: 'auto' | 'hidden';
	/** False when the other values make this parameter moot: its control is hidden. */
	relevant?: (values: Record<string, unknown>) => boolean;
	/** Controls of the same group are shown together under this heading. */
	group?: string;
	/**
	 * The default when the outside text does not give this key, worked out from the other
	 * values (a surface's own start point). It must return a valid value.
	 */
	defaultFrom?: (values: Record<string, unknown>) => unknown;
}

/** A number on a slider; `integer` ones are whole numbers. */
export interface NumberSpec extends Common {
	kind: 'number' | 'integer';
	min: number;
	max: number;
	default: number;
	/** Slider resolution on a linear scale; ignored on a log scale. */
	step?: number;
	/** A log slider moves by factors, for values that span decades (tolerances, rates). */
	scale?: 'linear' | 'log';
	unit?: string;
}

export interface ChoiceOption<V extends string = string> {
	value: V;
	label: string;
}

export interface ChoiceSpec<V extends string = string> extends Common {
	kind: 'choice';
	options: readonly ChoiceOption<V>[];
	default: V;
}

export interface BooleanSpec extends Common {
	kind: 'boolean';
	default: boolean;
}


/**
 * A list of 2-D points, written `x,y;x,y;…` in the URL; with `classes`, each point also
 * has a class 0 … classes − 1, written `x,y,c;…`.
 */
export interface DatasetSpec extends Common {
	kind: 'dataset';
	maxPoints: number;
	/** How many classes the points fall into (at least 2); without it, points have none. */
	classes?: number;
	/** Coordinates outside [lo, hi] are clamped to it. */
	domain: readonly [number, number];
	/**
	 * Significant digits each coordinate keeps in the URL; without it, 4 decimals. `'all'`
	 * keeps every number exactly (written in its shortest form): for data the reader brings,
	 * where 1700000000 and 1700000060 must stay two values.
	 */
	digits?: number | 'all';
	default: readonly (Point | LabelledPoint)[];
}

/** Any number of a fixed set (at least one), written `a,b,c` in the URL. */
export interface ChoicesSpec<V extends string = string> extends Common {
	kind: 'choices';
	options: readonly ChoiceOption<V>[];
	default: readonly V[];
}

/**
 * A formula typed by the reader. Only its length is checked here; the concept parses it
 * (with an allow-list) and reports what is wrong.
 */
export interface ExpressionSpec extends Common {
	kind: 'expression';
	default: string;
	maxLength: number;
}

export type ParamSpec = NumberSpec | ChoiceSpec | ChoicesSpec | BooleanSpec | DatasetSpec | ExpressionSpec;
export type Schema = Record<string, ParamSpec>;

type ValueOf<P extends ParamSpec> = P extends ChoiceSpec<infer V>
	? V
	: P extends ChoicesSpec<infer V>
		? V[]
		: P extends BooleanSpec
			? boolean
			: P extends DatasetSpec
				? P extends { classes: number }
					? LabelledPoint[]
					: Point[]
				: P extends ExpressionSpec
					? string
					: number;

export type Values<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

export interface Notice {
	key: string;
	message: string;
}

/** The seed is every widget's, so it is not part of a concept's schema. */
export const SEED_KEY = 'seed';

// Constructors keep literal choice values as types (`'blobs' | 'moons'`).
export const number = (spec: Omit<NumberSpec, 'kind'>): NumberSpec => ({ kind: 'number', ...spec });
export const integer = (spec: Omit<NumberSpec, 'kind'>): NumberSpec => ({ kind: 'integer', ...spec });
export const boolean = (spec: Omit<BooleanSpec, 'kind'>): BooleanSpec => ({ kind: 'boolean', ...spec });
export function dataset<const S extends Omit<DatasetSpec, 'kind'>>(spec: S): S & { kind: 'dataset' } {
	return { kind: 'dataset', ...spec };
}
/**
 * The hidden `points` key of a concept whose reader brings their own points (drawn and
 * edited through `$lib/widget/points`): every coordinate kept exactly, clamped to ±limit.
 */
export function ownPoints(spec: { maxPoints: number; limit: number; classes: number }): DatasetSpec & { classes: number };
export function ownPoints(spec: { maxPoints: number; limit: number }): DatasetSpec;
export function ownPoints({ maxPoints, limit, classes }: { maxPoints: number; limit: number; classes?: number }): DatasetSpec {
	const classNames = classes ? Array.from({ length: classes }, (_, i) => `${i} = ${String.fromCharCode(65 + i)}`).join(', ') : '';
	return dataset({
		label: 'Your own points',
		maxPoints,
		domain: [-limit, limit],
		digits: 'all',
		...(classes ? { classes } : {}),
		default: [],
		control: 'hidden',
		help: classes ? `Points you placed, moved, pasted or uploaded, each with its class (${classNames}).` : 'Points you placed, moved, pasted or uploaded.'
	});
}
export function choice<const V extends string>(spec: Omit<ChoiceSpec<V>, 'kind'>): ChoiceSpec<V> {
	return { kind: 'choice', ...spec };
}
export function choices<const V extends string>(spec: Omit<ChoicesSpec<V>, 'kind'>): ChoicesSpec<V> {
	return { kind: 'choices', ...spec };
}
export const expression = (spec: Omit<ExpressionSpec, 'kind'>): ExpressionSpec => ({ kind: 'expression', ...spec });

/** Outside text is quoted in notices, but never at length. */
export function quote(raw: string): string {
	const oneLine = raw.replace(/\s+/g, ' ');
	return oneLine.length > 24 ? `${oneLine.slice(0, 24)}…` : oneLine;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a plain decimal number; anything else (hex, "Infinity", "1e999", "") is null. */
export function parseDecimal(raw: string): number | null {
	const text = raw.trim();
	if (!DECIMAL.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

/**
 * The number as the URL keeps it: 12 significant digits (slider noise such as
 * 0.30000000000000004 goes), and no negative zero. Values read from outside are kept in
 * this form, so the URL written back loads the very same run.
 */
export function canonicalNumber(value: number): number {
	return Number(value.toPrecision(12)) || 0;
}

/** Shortest text that reads back as the same number. */
export function formatNumber(value: number): string {
	return String(canonicalNumber(value));
}

export function defaultValues<S extends Schema>(schema: S): Values<S> {
	const values: Record<string, unknown> = {};
	for (const [key, spec] of Object.entries(schema)) {
		if (spec.kind === 'dataset') values[key] = spec.default.map((p) => [...p]);
		else if (spec.kind === 'choices') values[key] = [...spec.default];
		else values[key] = spec.default;
	}
	return values as Values<S>;
}

export interface Parsed<T> {
	value: T;
	notice?: string;
}

/** Reads one outside text value for `spec`; `key` only names it in the notice. */
export function parseValue(key: string, spec: ParamSpec, raw: string): Parsed<unknown> {
	switch (spec.kind) {
		case 'number':
		case 'integer':
			return parseNumeric(key, spec, raw);
		case 'choice': {
			const match = spec.options.find((o) => o.value === raw.trim());
			if (match) return { value: match.value };
			const known = spec.options.map((o) => o.value).join(', ');
			return {
				value: spec.default,
				notice: `${key}="${quote(raw)}" is not one of ${known}; using ${spec.default}`
			};
		}
		case 'boolean': {
			const text = raw.trim().toLowerCase();
			if (['1', 'true', 'on', 'yes', ''].includes(text)) return { value: true };
			if (['0', 'false', 'off', 'no'].includes(text)) return { value: false };
			return {
				value: spec.default,
				notice: `${key}="${quote(raw)}" is not on or off; using ${spec.default ? 'on' : 'off'}`
			};
		}
		case 'choices':
			return parseChoices(key, spec, raw);
		case 'dataset':
			return parseDataset(key, spec, raw);
		case 'expression': {
			const text = raw.trim();
			// An expression whose default is empty is optional: empty is its "none".
			const fallback = spec.default === '' ? 'ignoring it' : `using ${spec.default}`;
			if (text.length > spec.maxLength) {
				return { value: spec.default, notice: `${key} is ${text.length} characters long, more than ${spec.maxLength}; ${fallback}` };
			}
			if (text === '') return spec.default === '' ? { value: '' } : { value: spec.default, notice: `${key} is empty; using ${spec.default}` };
			return { value: text };
		}
	}
}

function parseChoices(key: string, spec: ChoicesSpec, raw: string): Parsed<string[]> {
	const known = new Set(spec.options.map((o) => o.value));
	const picked: string[] = [];
	const unknown: string[] = [];
	for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
		if (!known.has(part)) unknown.push(part);
		else if (!picked.includes(part)) picked.push(part);
	}
	const allowed = spec.options.map((o) => o.value).join(', ');
	if (picked.length === 0) {
		return { value: [...spec.default], notice: `${key}="${quote(raw)}" names none of ${allowed}; using ${spec.default.join(',')}` };
	}
	if (unknown.length) {
		return { value: picked, notice: `${key}: left out ${unknown.map((u) => `"${quote(u)}"`).join(', ')}, not one of ${allowed}` };
	}
	return { value: picked };
}

function parseNumeric(key: string, spec: NumberSpec, raw: string): Parsed<number> {
	const parsed = parseDecimal(raw);
	if (parsed === null) {
		return {
			value: spec.default,
			notice: `${key}="${quote(raw)}" is not a number; using ${formatNumber(spec.default)}`
		};
	}
	return coerceNumber(key, spec, parsed);
}

/** Clamps (and for integers rounds) a number that is already finite; the result is canonical (see canonicalNumber). */
export function coerceNumber(key: string, spec: NumberSpec, finite: number): Parsed<number> {
	const value = canonicalNumber(finite);
	if (value > spec.max) {
		return { value: spec.max, notice: `${key}=${formatNumber(value)} is above the maximum ${formatNumber(spec.max)}; using ${formatNumber(spec.max)}` };
	}
	if (value < spec.min) {
		return { value: spec.min, notice: `${key}=${formatNumber(value)} is below the minimum ${formatNumber(spec.min)}; using ${formatNumber(spec.min)}` };
	}
	if (spec.kind === 'integer' && !Number.isInteger(value)) {
		const rounded = canonicalNumber(Math.round(value));
		return { value: rounded, notice: `${key}=${formatNumber(value)} is not a whole number; using ${rounded}` };
	}
	return { value };
}

/** A coordinate as the URL keeps it: `digits` significant digits, all of them, or 4 decimals (never negative zero). */
function roundCoordinate(spec: DatasetSpec, value: number): number {
	if (spec.digits === 'all') return value || 0;
	return canonicalNumber(spec.digits ? +value.toPrecision(spec.digits) : +value.toFixed(4));
}

/** The class an entry's third field names: a whole number 0 … classes − 1, or null. */
function parseClass(text: string, classes: number): number | null {
	const value = parseDecimal(text);
	return value !== null && Number.isInteger(value) && value >= 0 && value < classes ? value : null;
}

function parseDataset(key: string, spec: DatasetSpec, raw: string): Parsed<(Point | LabelledPoint)[]> {
	const [lo, hi] = spec.domain;
	const fields = spec.classes ? 3 : 2;
	const points: (Point | LabelledPoint)[] = [];
	let skipped = 0;
	let clamped = 0;
	const entries = raw.split(';').filter((part) => part.trim() !== '');
	for (const entry of entries) {
		const parts = entry.split(',');
		const x = parts.length === fields ? parseDecimal(parts[0]) : null;
		const y = parts.length === fields ? parseDecimal(parts[1]) : null;
		const c = spec.classes && parts.length === fields ? parseClass(parts[2], spec.classes) : 0;
		if (x === null || y === null || c === null) {
			skipped++;
			continue;
		}
		const cx = Math.min(hi, Math.max(lo, x));
		const cy = Math.min(hi, Math.max(lo, y));
		if (cx !== x || cy !== y) clamped++;
		const point: Point = [roundCoordinate(spec, cx), roundCoordinate(spec, cy)];
		points.push(spec.classes ? [...point, c] : point);
	}
	const problems: string[] = [];
	const shape = spec.classes ? (one: boolean) => `${one ? 'an "x,y,class" entry' : '"x,y,class" entries'} with a class from 0 to ${spec.classes! - 1}` : (one: boolean) => (one ? 'an "x,y" pair' : '"x,y" pairs');
	if (skipped) problems.push(skipped === 1 ? `skipped 1 entry that is not ${shape(true)}` : `skipped ${skipped} entries that are not ${shape(false)}`);
	if (clamped) problems.push(`moved ${clamped} point${clamped === 1 ? '' : 's'} inside ${lo}…${hi}`);
	if (points.length > spec.maxPoints) {
		problems.push(`kept the first ${spec.maxPoints} of ${points.length} points`);
		points.length = spec.maxPoints;
	}
	return problems.length ? { value: points, notice: `${key}: ${problems.join('; ')}` } : { value: points };
}

function encodeValue(spec: ParamSpec, value: unknown): string | null {
	switch (spec.kind) {
		case 'number':
		case 'integer':
			return formatNumber(value as number);
		case 'choice':
			return value as string;
		case 'boolean':
			return value ? '1' : '0';
		case 'choices':
			return (value as string[]).join(',');
		case 'expression':
			return value === '' && spec.default === '' ? null : (value as string);
		case 'dataset': {
			const points = value as (Point | LabelledPoint)[];
			// An empty list is left out of the URL, unless the default has points: then it is written empty.
			if (points.length === 0) return spec.default.length ? '' : null;
			const written = (p: Point | LabelledPoint) => [roundCoordinate(spec, p[0]), roundCoordinate(spec, p[1]), ...(spec.classes ? [p[2] ?? 0] : [])].join(',');
			return points.map(written).join(';');
		}
	}
}

export interface Decoded<S extends Schema> {
	values: Values<S>;
	seed: number;
	notices: Notice[];
	access: Access;
}

/**
 * What an author lets readers change, from the `lock` and `hide` lists (comma-separated
 * parameter keys, `seed` included): locked controls are shown but disabled, hidden ones
 * are not drawn. Both travel in the URL and the embed code.
 */
export interface Access {
	locked: string[];
	hidden: string[];
}

export const LOCK_KEY = 'lock';
export const HIDE_KEY = 'hide';

/** Something that holds text values by key: URLSearchParams, or a map of attributes. */
export interface TextSource {
	getAll(key: string): string[];
}

/**
 * Reads every parameter and the seed from outside text. Missing keys take their default
 * silently; repeated keys use the last value; every replacement is reported.
 */
export function decodeParams<S extends Schema>(schema: S, source: TextSource, defaultSeed: number): Decoded<S> {
	const values = defaultValues(schema) as Record<string, unknown>;
	const notices: Notice[] = [];
	const readLast = (key: string): string | null => {
		const all = source.getAll(key);
		if (all.length > 1) notices.push({ key, message: `${key} is given ${all.length} times; using the last one` });
		return all.length ? all[all.length - 1] : null;
	};
	const missing: string[] = [];
	for (const [key, spec] of Object.entries(schema)) {
		const raw = readLast(key);
		if (raw === null) {
			missing.push(key);
			continue;
		}
		const parsed = parseValue(key, spec, raw);
		values[key] = parsed.value;
		if (parsed.notice) notices.push({ key, message: parsed.notice });
	}
	for (const key of missing) {
		const from = schema[key].defaultFrom;
		if (from) values[key] = from(values);
	}
	const keyList = (listKey: string): string[] => {
		const raw = readLast(listKey);
		if (raw === null) return [];
		const keys = [...new Set(raw.split(',').map((k) => k.trim()).filter(Boolean))];
		const unknown = keys.filter((k) => !(k in schema) && k !== SEED_KEY);
		for (const k of unknown) notices.push({ key: listKey, message: `${listKey}: "${k.slice(0, 40)}" is not a parameter of this widget; ignored` });
		return keys.filter((k) => !unknown.includes(k));
	};
	const access = { locked: keyList(LOCK_KEY), hidden: keyList(HIDE_KEY) };
	let seed = defaultSeed;
	const rawSeed = readLast(SEED_KEY);
	if (rawSeed !== null) {
		const parsed = parseNumeric(SEED_KEY, SEED_SPEC, rawSeed);
		seed = parsed.value;
		if (parsed.notice) notices.push({ key: SEED_KEY, message: parsed.notice });
	}
	return { values: values as Values<S>, seed, notices, access };
}

export const SEED_SPEC: NumberSpec = {
	kind: 'integer',
	label: 'Seed',
	min: 0,
	max: MAX_SEED,
	default: 1,
	help: 'The same seed gives the same data and the same run.'
};

/**
 * Query text for a URL. URLSearchParams escapes "," and ";", which point lists are made
 * of; both are allowed as they are in a query (RFC 3986), and unescaped they keep shared
 * links a third shorter.
 */
export function queryText(query: URLSearchParams): string {
	return query.toString().replace(/%2C/gi, ',').replace(/%3B/gi, ';');
}

/** Writes every parameter and the seed as query text, in schema order, then the lock and hide lists if any. */
export function encodeParams<S extends Schema>(schema: S, values: Values<S>, seed: number, access?: Access): URLSearchParams {
	const query = new URLSearchParams();
	for (const [key, spec] of Object.entries(schema)) {
		const text = encodeValue(spec, (values as Record<string, unknown>)[key]);
		if (text !== null) query.set(key, text);
	}
	query.set(SEED_KEY, String(seed));
	if (access?.locked.length) query.set(LOCK_KEY, access.locked.join(','));
	if (access?.hidden.length) query.set(HIDE_KEY, access.hidden.join(','));
	return query;
}
