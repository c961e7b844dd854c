// Apart from program.ts, so a page can name the file without loading the Python text.

/** The file name a downloaded program gets: beside the export's `<slug>-<seed>.json`. */
export function programFileName(slug: string, seed: number): string {
	return `${slug.replaceAll('-', '_')}_${seed}.py`;
}
