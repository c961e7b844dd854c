/**
 * The reader's own points as CSV text: read (pasted or uploaded, with every skipped line
 * reported) and written. Plain TypeScript, for every concept whose points the reader edits.
 */
import type { LabelledPoint, Point } from '$lib/common/geometry';
import { parseDecimal } from '$lib/widget/schema';

/**
 * A point as the reader's data keeps it: exactly, since rounding would merge values such as
 * timestamps a minute apart (the URL writes every number in full); only negative zero goes.
 * Points placed on the plot arrive rounded to their pixel (PointEditor).
 */
export function roundPoint<P extends Point | LabelledPoint>(point: P): P {
	return point.map((v) => v || 0) as P;
}

/** The value a decimal's text spells, as text: "-012.50e1" and "-125" both give "-125e0". */
export function exactDecimal(text: string): string {
	const [, sign, whole, fraction = '', exponent = '0'] = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim()) ?? [];
	if (whole === undefined) return text;
	let digits = whole + fraction;
	const lead = digits.length - digits.replace(/^0+/, '').length;
	digits = digits.slice(lead).replace(/0+$/, '');
	if (digits === '') return '0';
	// The value is 0.digits × 10^point.
	const point = whole.length - lead + Number(exponent);
	return `${sign === '-' ? '-' : ''}${digits}e${point - digits.length}`;
}

export interface CsvProblem {
	/** 1-based line number in the text. */
	line: number;
	message: string;
}

export interface CsvResult<P extends Point | LabelledPoint = Point> {
	points: P[];
	/** Every line that was skipped, with why. */
	problems: CsvProblem[];
	delimiter: ',' | ';' | '\t';
	header: boolean;
	/** Values that differ from another of their column only beyond a number's ~16 significant digits, so they are read as equal to it. */
	merged: number;
	/** Labelled points: the class names as written, by class number. */
	labels: string[];
}

/**
 * Two numeric columns from CSV text — and with `classes`, a third naming each point's class —
 * header optional, columns separated by commas, semicolons or tabs (whichever the text uses;
 * tabs first, then semicolons). Decimal commas ("2,5") are read where the columns are
 * separated by semicolons or tabs; with commas as separators they cannot be told apart from
 * another column, so such lines are refused with that reason. Blank lines are ignored; every
 * other line that does not fit is skipped and reported by its line number. Keeps at most
 * `maxPoints`. Classes written 0 … classes − 1 are those classes; any other names are
 * numbered in sorted order, and names beyond the first `classes` are skipped.
 */
export function parseCsv(text: string, maxPoints: number, limit?: number): CsvResult<Point>;
export function parseCsv(text: string, maxPoints: number, limit: number, classes: number): CsvResult<LabelledPoint>;
export function parseCsv(text: string, maxPoints: number, limit = 1e100, classes = 0): CsvResult<Point | LabelledPoint> {
	const columns = classes ? 3 : 2;
	const lines = text.split(/\r\n|\r|\n/);
	// The separator most lines use (tab, then semicolon, then comma on a draw).
	const linesWith = (d: string) => lines.filter((l) => l.includes(d)).length;
	const delimiter = (['\t', ';', ','] as const).reduce((best, d) => (linesWith(d) > linesWith(best) ? d : best));
	const read: { point: Point; label: string; line: number }[] = [];
	const problems: CsvProblem[] = [];
	let header = false;
	let seenContent = false;
	let dropped = 0;
	let merged = 0;
	// Per column: the value each number read stands for, as first written.
	const spelled = [new Map<number, string>(), new Map<number, string>()];
	lines.forEach((raw, index) => {
		const line = index + 1;
		if (raw.trim() === '') return;
		const first = !seenContent;
		seenContent = true;
		const fields = raw.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
		while (fields.length > columns && fields[fields.length - 1] === '') fields.pop();
		const texts = fields.slice(0, 2).map((f) => (delimiter === ',' ? f : f.replace(',', '.')));
		const numbers = texts.map(parseDecimal);
		const label = classes ? (fields[2] ?? '') : '';
		if (fields.length === columns && numbers.every((v) => v !== null) && (!classes || label !== '')) {
			const [x, y] = numbers as number[];
			if (Math.abs(x) > limit || Math.abs(y) > limit) {
				problems.push({ line, message: `a number beyond ±${limit.toExponential(0)}` });
			} else if (read.length >= maxPoints) {
				dropped++;
			} else {
				read.push({ point: roundPoint([x, y]), label, line });
				[x, y].forEach((value, k) => {
					const exact = exactDecimal(texts[k]);
					const earlier = spelled[k].get(value);
					if (earlier === undefined) spelled[k].set(value, exact);
					else if (earlier !== exact) merged++;
				});
			}
			return;
		}
		if (first && fields.length === columns && numbers.every((v) => v === null)) {
			header = true;
			return;
		}
		if (delimiter === ',' && fields.length === columns + 2 && fields.slice(0, 4).every((f) => parseDecimal(f) !== null)) {
			problems.push({ line, message: 'four numbers: if these are decimal commas, separate the columns with semicolons or tabs' });
		} else if (fields.length !== columns) {
			problems.push({ line, message: `${fields.length} column${fields.length === 1 ? '' : 's'}, not ${columns}` });
		} else if (classes && label === '' && numbers.every((v) => v !== null)) {
			problems.push({ line, message: 'no class in the third column' });
		} else {
			const bad = fields.slice(0, 2).filter((_, i) => numbers[i] === null).map((f) => `"${f.length > 20 ? `${f.slice(0, 20)}…` : f}"`);
			problems.push({ line, message: `${bad.join(' and ')} ${bad.length === 1 ? 'is' : 'are'} not a number` });
		}
	});
	if (dropped) problems.push({ line: 0, message: `kept the first ${maxPoints} points; ${dropped} more were left out` });
	if (!classes) return { points: read.map((r) => r.point), problems, delimiter, header, merged, labels: [] };

	const names = [...new Set(read.map((r) => r.label))];
	const numbered = names.every((name) => /^\d+$/.test(name) && Number(name) < classes);
	const labels = numbered ? Array.from({ length: classes }, (_, i) => String(i)) : names.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).slice(0, classes);
	const points: LabelledPoint[] = [];
	for (const { point, label, line } of read) {
		const c = labels.indexOf(numbered ? String(Number(label)) : label);
		if (c < 0) problems.push({ line, message: `class "${label.length > 20 ? `${label.slice(0, 20)}…` : label}" is one more than the ${classes} this widget draws` });
		else points.push([...point, c]);
	}
	problems.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
	return { points, problems, delimiter, header, merged, labels };
}

/** The points as CSV text with a header, one point a line (and its class, for labelled points). */
export function toCsv(points: readonly (Point | LabelledPoint)[]): string {
	const labelled = points.some((p) => p.length === 3);
	return [labelled ? 'x,y,class' : 'x,y', ...points.map((p) => p.join(','))].join('\n') + '\n';
}
