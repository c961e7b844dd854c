/**
 * An attention run: the tokens (a preset or the reader's own, edited through
 * $lib/widget/points), the projections of the values' seed, and every head's attention
 * computed from the tokens as shown, so a drag moves the outputs as it goes. Nothing trains:
 * Step moves the focus to the next query, and the run is done at the last one.
 */
import type { Point } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_TOKENS, type AttentionParams, type PresetValue, type schema } from './params';
import {
	attend,
	concatenated,
	effectiveCount,
	identityProjections,
	presetTokens,
	randomProjections,
	scoreSpread,
	sideBySide,
	visibleMean,
	type AttentionSettings,
	type HeadResult,
	type PresetName,
	type Projections
} from './sim';

const tidyRows = (rows: readonly (readonly number[])[]) => rows.map((row) => row.map(tidyNumber));

export class AttentionRun implements Run {
	readonly values: AttentionParams;
	readonly edits: EditablePoints<PresetValue>;
	readonly projections: Projections;
	readonly settings: AttentionSettings;
	/** The query in view (0-based): Step moves it on. */
	focus = $state(0);

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, AttentionRun>) {
		this.values = values;
		const { preset, projection, heads, d } = values;
		const base = preset === 'own' ? values.points : presetTokens(preset as PresetName);
		this.edits = editablePoints<PresetValue>({ values, cause, previous, set, services }, base, MAX_TOKENS);
		this.projections = projection === 'random' ? services.memo('projections', JSON.stringify([heads, d, seed]), () => randomProjections(heads, d, seed)) : identityProjections();
		this.settings = { temperature: values.temperature, scaled: values.scaled, causal: values.causal };
		// A change of a value keeps the query in view; Reset and a question start from the first.
		if (previous && cause === 'change') this.focus = Math.max(0, Math.min(previous.focus, base.length - 1));
	}

	get tokens(): Point[] {
		return this.edits.points;
	}

	/** Every head's numbers for the tokens as shown (during a drag too: a few tiny TF.js products). */
	readonly heads = $derived.by((): HeadResult[] => attend(this.edits.points, this.projections, this.settings));

	get count(): number {
		return this.tokens.length;
	}

	/** The query in view, within the tokens there are now (a removed token may have been it). */
	get query(): number {
		return Math.max(0, Math.min(this.focus, this.count - 1));
	}

	focusOn(index: number) {
		if (index >= 0 && index < this.count) this.focus = index;
	}

	readonly spread = $derived.by((): number | null => scoreSpread(this.heads, this.settings.causal));

	/** The mean of the tokens the query in view may see: its output at τ → ∞. */
	get mean(): Point | null {
		return this.count ? visibleMean(this.tokens, this.query, this.settings.causal) : null;
	}

	get canStep(): boolean {
		return this.count > 0 && this.focus < this.count - 1;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.focus++;
		return this.canStep;
	}

	// --- Edits ---------------------------------------------------------------------------

	addToken(point: Point) {
		this.edits.add(point);
	}

	removeToken(index: number) {
		this.edits.remove(index);
	}

	move(index: number, point: Point) {
		this.edits.move(index, point);
	}

	release(index: number, point: Point) {
		this.edits.release(index, point);
	}

	commit(points: readonly Point[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		return this.count > 0 && !this.canStep ? 'converged' : 'ready';
	}

	get statusText(): string {
		if (this.count === 0) return 'No tokens: pick a preset, or click the plot to add some.';
		const i = this.query;
		const weights = this.heads[0].weights[i];
		const best = weights.indexOf(Math.max(...weights));
		const heads = this.heads.length > 1 ? ' (head 1)' : '';
		const where = `Query ${i + 1} of ${this.count}${heads}: ${formatValue(100 * weights[best], 3)}% of its weight on token ${best + 1}, about ${formatValue(effectiveCount(weights), 3)} tokens averaged.`;
		return this.canStep ? `${where} Step goes to query ${i + 2}.` : `${where} That was the last query.`;
	}

	get readouts(): Readout[] {
		const ready = this.count > 0;
		const i = this.query;
		const head = this.heads[0];
		const weights = ready ? head.weights[i] : null;
		const output = ready ? head.output[i] : null;
		const ofHead = this.heads.length > 1 ? ', head 1' : '';
		return [
			{ name: 'query', label: 'Query in view', value: ready ? i + 1 : null },
			{ name: 'max_weight', label: `Largest weight${ofHead}`, value: weights ? Math.max(...weights) : null, digits: 3 },
			{ name: 'effective_tokens', label: `Tokens averaged (e^entropy)${ofHead}`, value: weights ? effectiveCount(weights) : null, digits: 3 },
			{ name: 'output_x', label: `Output x${ofHead}`, value: output ? output[0] : null, digits: 4 },
			{ name: 'output_y', label: `Output y${ofHead}`, value: output ? output[1] : null, digits: 4 },
			{ name: 'score_sd', label: 'Spread (sd) of the scores', value: this.spread, digits: 3 }
		];
	}

	get notices(): Notice[] {
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	exportData() {
		const heads = this.heads;
		return {
			state: {
				points: this.tokens.map(([x, y]) => [x, y]),
				heads: heads.length,
				d: this.projections.d,
				temperature: this.settings.temperature,
				scaled: this.settings.scaled,
				causal: this.settings.causal,
				// Rows side by side across heads: query i's row holds head 1's numbers, then head 2's, …
				q: tidyRows(sideBySide(heads, (h) => h.q)),
				k: tidyRows(sideBySide(heads, (h) => h.k)),
				v: this.tokens.map(([x, y]) => [x, y]),
				weights: tidyRows(sideBySide(heads, (h) => h.weights)),
				output: tidyRows(this.tokens.map((_, i) => concatenated(heads, i))),
				scores: tidyRows(sideBySide(heads, (h) => h.scores)),
				projections: this.projections.heads.map((p) => ({ wq: Array.from(p.wq, tidyNumber), wk: Array.from(p.wk, tidyNumber) })),
				query: this.count ? this.query + 1 : null
			},
			history: []
		};
	}
}
