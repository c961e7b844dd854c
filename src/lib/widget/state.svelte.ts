/**
 * The state a widget shares with its host: parameter values, seed, and the notices about
 * outside values that had to be replaced. The host fills it from the URL (or element
 * attributes) and writes `query` back; the widget's controls change it through `set`.
 */
import { MAX_SEED } from '$lib/engine/rng';
import {
	coerceNumber,
	decodeParams,
	defaultValues,
	encodeParams,
	queryText,
	type Access,
	type Notice,
	type Schema,
	type TextSource,
	type Values
} from './schema';

export interface ConceptIdentity<S extends Schema = Schema> {
	slug: string;
	schema: S;
	defaultSeed: number;
}

export class WidgetState<S extends Schema = Schema> {
	readonly concept: ConceptIdentity<S>;
	values = $state.raw() as Values<S>;
	seed = $state(1);
	notices = $state.raw<Notice[]>([]);
	/** Controls the author locked or hid (see Access in schema.ts). */
	access = $state.raw<Access>({ locked: [], hidden: [] });
	/** Bumped when the widget should start its run over (a question sets up its case). */
	restarts = $state(0);

	constructor(concept: ConceptIdentity<S>) {
		this.concept = concept;
		this.values = defaultValues(concept.schema);
		this.seed = concept.defaultSeed;
	}

	/** Replaces every value from outside text; missing keys go back to their defaults. */
	load(source: TextSource) {
		const decoded = decodeParams(this.concept.schema, source, this.concept.defaultSeed);
		this.values = decoded.values;
		this.seed = decoded.seed;
		this.notices = decoded.notices;
		this.access = decoded.access;
	}

	/**
	 * Sets one value from inside the app (a control, a question's "show me"). Numbers are
	 * clamped like outside input; a notice about this key is dropped, since the reader
	 * has now chosen a value themselves.
	 */
	set<K extends keyof S & string>(key: K, value: Values<S>[K]) {
		const spec = this.concept.schema[key];
		let next: unknown = value;
		if ((spec.kind === 'number' || spec.kind === 'integer') && typeof value === 'number') {
			next = Number.isFinite(value) ? coerceNumber(key, spec, value).value : spec.default;
		}
		this.values = { ...this.values, [key]: next };
		this.dismiss(key);
	}

	/** Sets several values at once (one URL update, one re-run). */
	setMany(values: Partial<Values<S>>) {
		for (const [key, value] of Object.entries(values)) this.set(key as keyof S & string, value as never);
	}

	/** Asks the widget to start its run from the beginning. */
	restart() {
		this.restarts++;
	}

	setSeed(seed: number) {
		this.seed = Math.min(MAX_SEED, Math.max(0, Math.round(seed)));
		this.dismiss('seed');
	}

	dismiss(key: string) {
		if (this.notices.some((n) => n.key === key)) this.notices = this.notices.filter((n) => n.key !== key);
	}

	isLocked(key: string): boolean {
		return this.access.locked.includes(key);
	}

	isHidden(key: string): boolean {
		return this.access.hidden.includes(key);
	}

	/** Every parameter and the seed (and the lock and hide lists), as URL query text. */
	get query(): string {
		return queryText(encodeParams(this.concept.schema, this.values, this.seed, this.access));
	}
}

/**
 * The widget's values, each read through its own derived signal: code that reads `lr`
 * re-runs when `lr` changes, not when any other value does (`ws.values` is replaced
 * whole on every change). Call once, during component initialisation.
 */
export function valuesByKey<S extends Schema>(ws: WidgetState<S>): Values<S> {
	const byKey = {} as Values<S>;
	for (const key of Object.keys(ws.concept.schema) as (keyof S & string)[]) {
		const value = $derived(ws.values[key]);
		Object.defineProperty(byKey, key, { get: () => value, enumerable: true });
	}
	return byKey;
}
