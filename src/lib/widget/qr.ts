/**
 * QR codes of links, made on the page (no request out): a teacher shows one and the room's
 * phones open the same seeded run. The encoder loads only when a code is first shown.
 */

/** A QR code ready to draw: `size` modules a side (the quiet zone included) and the dark ones as one SVG path. */
export interface QrPicture {
	size: number;
	path: string;
	version: number;
}

/** The quiet zone the standard asks for around the code, in modules. */
export const QUIET_ZONE = 4;
/** Above this many modules a side (version 25), a code on a projector is hard to scan from the back of a room. */
export const LARGEST_COMFORTABLE = 117;

/** The dark modules of `rows` as horizontal runs, shifted by the quiet zone: `M x,y h run v1 h -run z` each. */
export function modulesPath(rows: boolean[][], border = QUIET_ZONE): string {
	const parts: string[] = [];
	rows.forEach((row, y) => {
		for (let x = 0; x < row.length; x++) {
			if (!row[x]) continue;
			let run = 1;
			while (x + run < row.length && row[x + run]) run++;
			parts.push(`M${x + border},${y + border}h${run}v1h-${run}z`);
			x += run - 1;
		}
	});
	return parts.join('');
}

/**
 * The QR code of `text` with medium error correction (low when only that fits), or null
 * when the text is longer than any QR code holds (about 2,900 characters of a link).
 */
export async function qrPicture(text: string): Promise<QrPicture | null> {
	const { encode } = await import('uqr');
	for (const ecc of ['M', 'L'] as const) {
		try {
			const { data, size, version } = encode(text, { ecc, border: 0 });
			return { size: size + 2 * QUIET_ZONE, path: modulesPath(data), version };
		} catch {
			// Too long at this level: try the next.
		}
	}
	return null;
}
