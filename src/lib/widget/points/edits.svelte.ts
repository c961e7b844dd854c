/**
 * Points the reader edits on a plot — drag, add, remove, paste — for a concept whose schema
 * has a `preset` choice with an `own` option and a `points` dataset key. Editing a preset's
 * points makes them the reader's own (`preset: 'own'`, the points in the URL), so a reload
 * or a shared link reproduces them; Reset goes back to the preset they were copied from; own
 * points an edit of a preset replaced are offered back, never silently lost.
 *
 * A run makes one `EditablePoints` per run and keeps an `EditMemory` for the widget's life
 * (`services.keep`), since Reset and later runs need what earlier edits did. Points may be
 * labelled (`[x, y, class]`): a drag moves x and y and keeps the class.
 */
import type { LabelledPoint, Point } from '$lib/common/geometry';
import type { RunServices } from '$lib/widget/contract';
import { roundPoint } from './csv';

/** What the reader's edits leave for later runs, Reset's included. */
export class EditMemory<P extends string, T extends Point | LabelledPoint = Point> {
	/** The preset the reader's points were copied from, for Reset. */
	editedFrom = $state<P | null>(null);
	/** Own points replaced by an edit of a preset. */
	stash = $state.raw<T[] | null>(null);
}

export interface EditableOptions<P extends string, T extends Point | LabelledPoint = Point> {
	/** The preset the values name ('own': the reader's points). */
	preset: P | 'own';
	/** The `points` value: the reader's own points. */
	own: T[];
	/** The points the values give (the preset's, or the own ones). */
	base: T[];
	maxPoints: number;
	cause: 'start' | 'change' | 'reset';
	/** The notice the run before left (an edit's message survives the run it makes). */
	notice: string | null;
	memory: EditMemory<P, T>;
	set: (values: { preset: P | 'own'; points?: T[] }) => void;
}

/** The point with x and y from `to`, and its class (if any) kept. */
const movedTo = <T extends Point | LabelledPoint>(point: T, [x, y]: Point): T => [x, y, ...point.slice(2)] as T;

export class EditablePoints<P extends string, T extends Point | LabelledPoint = Point> {
	readonly base: T[];
	/** While a point is being dragged: which, and where (the values change on release). */
	drag = $state<{ index: number; point: Point } | null>(null);
	/** What the last edit did, or why it did nothing. */
	notice = $state<string | null>(null);
	#options: EditableOptions<P, T>;

	constructor(options: EditableOptions<P, T>) {
		this.#options = options;
		this.base = options.base;
		this.notice = options.notice;
		const { cause, preset, memory, set } = options;
		if (cause === 'reset' && preset === 'own' && memory.editedFrom) set({ preset: memory.editedFrom });
	}

	/** The points as shown: with the one being dragged where the pointer is. */
	readonly points = $derived.by((): T[] => {
		const { drag, base } = this;
		return drag && drag.index < base.length ? base.map((p, i) => (i === drag.index ? movedTo(p, drag.point) : p)) : base;
	});

	get stash(): T[] | null {
		return this.#options.memory.stash;
	}

	get full(): boolean {
		return this.points.length >= this.#options.maxPoints;
	}

	/** Makes `next` the reader's points: a new run follows. */
	commit(next: readonly T[], message: string | null = null) {
		this.notice = message;
		const { preset, own, memory, set } = this.#options;
		if (preset !== 'own') {
			memory.editedFrom = preset;
			if (own.length) memory.stash = own;
		}
		set({ preset: 'own', points: next.map(roundPoint) });
	}

	add(point: T) {
		const { maxPoints } = this.#options;
		if (this.full) {
			this.notice = `There are already ${maxPoints} points, the most allowed; remove one first.`;
			return;
		}
		this.commit([...this.points, point]);
	}

	remove(index: number) {
		this.commit(this.points.filter((_, i) => i !== index));
	}

	move(index: number, point: Point) {
		this.drag = { index, point };
	}

	release(index: number, point: Point) {
		this.drag = null;
		this.commit(this.points.map((p, i) => (i === index ? movedTo(p, point) : p)));
	}

	restoreStash() {
		const { memory, set } = this.#options;
		if (!memory.stash) return;
		const points = memory.stash;
		memory.stash = null;
		memory.editedFrom = null;
		this.notice = null;
		set({ preset: 'own', points });
	}
}

/** What a run's input gives `editablePoints`: a schema with `preset` and `points`, the run before (if any) with its `edits`. */
interface PointsRunInput<P extends string, T extends Point | LabelledPoint> {
	values: { preset: P | 'own'; points: T[] };
	cause: 'start' | 'change' | 'reset';
	previous: { edits: EditablePoints<P, T> | null } | null;
	set: (values: { preset: P | 'own'; points?: T[] }) => void;
	services: RunServices;
}

/** A run's `EditablePoints` over `base` (the points its values give), with the memory kept for the widget's life. */
export function editablePoints<P extends string, T extends Point | LabelledPoint = Point>(input: PointsRunInput<P, T>, base: T[], maxPoints: number): EditablePoints<P, T> {
	const { values, cause, previous, set, services } = input;
	return new EditablePoints<P, T>({
		preset: values.preset,
		own: values.points,
		base,
		maxPoints,
		cause,
		notice: previous?.edits?.notice ?? null,
		memory: services.keep('edits', () => new EditMemory<P, T>()),
		set
	});
}

/** Two-class points' names, as the plots, legends and sentences call them. */
export const CLASS_NAMES = ['A', 'B'] as const;

/** A class's name: A for class 0, B for class 1, … */
export const className = (c: number) => String.fromCharCode(65 + c);

/** The class a click adds, kept for the widget's life (`services.keep`). */
export class AddClass {
	value = $state(1);
}
