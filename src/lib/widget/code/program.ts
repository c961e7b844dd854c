/**
 * "Show the code": each concept's `code.py` is a short NumPy program that recomputes the
 * widget's numbers from its export. The shell puts a shared preamble before it (loading the
 * export, printing the comparison), then the shared parts its first line asks for
 * (`# uses: network`), and, for the file a reader downloads or copies, the export itself,
 * so the program runs as it is — in a terminal or pasted into a notebook.
 */
import preamble from './preamble.py?raw';
import network from './network.py?raw';
import stats from './stats.py?raw';

/** What every program starts with: loading the export, and printing the comparison. */
export const PREAMBLE = preamble;

/** Shared code a concept's program may ask for by name, in its first line. */
const PARTS: Record<string, string> = {
	/** Activations, the logistic loss, a plain network's forward and backward pass, TF.js's optimisers. */
	network,
	/** The Wilson interval of a proportion, the orthonormal Legendre basis of the polynomial fits, histograms. */
	stats
};

const EXPORT_LINE = 'EXPORT_JSON = None  # the widget\'s export: filled in when the program is downloaded';
const USES_LINE = /^# uses: *(.*)$/;

/**
 * The shared parts a `code.py` asks for in its first line, `# uses: network` (several:
 * `# uses: a, b`), in that order; none without the line. An unknown name throws.
 */
export function partsUsed(conceptCode: string): string[] {
	const match = USES_LINE.exec(conceptCode.trim().split('\n', 1)[0]);
	if (!match) return [];
	const names = match[1].split(',').map((name) => name.trim());
	for (const name of names) {
		if (!Object.hasOwn(PARTS, name)) throw new Error(`code.py uses an unknown part "${name}" (known: ${Object.keys(PARTS).join(', ')})`);
	}
	return names;
}

/** What the file starts with before the concept's own code: the preamble, then the parts it uses. */
export function programStart(conceptCode: string): string {
	if (!preamble.includes(EXPORT_LINE)) throw new Error('preamble.py lost its EXPORT_JSON line');
	return [preamble, ...partsUsed(conceptCode).map((name) => PARTS[name])].map((text) => text.trim()).join('\n\n\n');
}

/** The whole program, without an export inside: what the dialog shows. */
export function programText(conceptCode: string): string {
	return `${programStart(conceptCode)}\n\n\n${conceptCode.trim()}\n`;
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

export { programFileName } from './name';
