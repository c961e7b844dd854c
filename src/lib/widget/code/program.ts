/**
 * "Show the code": each concept's `code.py` is a short NumPy program that recomputes the
 * widget's numbers from its export. The shell puts a shared preamble before it (loading the
 * export, printing the comparison) and, for the file a reader downloads or copies, the
 * export itself, so the program runs as it is — in a terminal or pasted into a notebook.
 */
import preamble from './preamble.py?raw';

/** What every program starts with: loading the export, and printing the comparison. */
export const PREAMBLE = preamble;

const EXPORT_LINE = 'EXPORT_JSON = None  # the widget\'s export: filled in when the program is downloaded';

/** The whole program, without an export inside: what the dialog shows. */
export function programText(conceptCode: string): string {
	if (!preamble.includes(EXPORT_LINE)) throw new Error('preamble.py lost its EXPORT_JSON line');
	return `${preamble.trimEnd()}\n\n\n${conceptCode.trim()}\n`;
}

/**
 * The program with `payload` (the "Export data" file) inside it as a raw string. JSON has no
 * `'` once it is escaped as \u0027, so the string cannot end early, and a raw string keeps
 * every backslash for json.loads.
 */
export function programWithExport(program: string, payload: unknown): string {
	const json = JSON.stringify(payload).replaceAll("'", '\\u0027');
	return program.replace(EXPORT_LINE, `EXPORT_JSON = r'''${json}'''`);
}

/** The file name a downloaded program gets: beside the export's `<slug>-<seed>.json`. */
export function programFileName(slug: string, seed: number): string {
	return `${slug.replaceAll('-', '_')}_${seed}.py`;
}
