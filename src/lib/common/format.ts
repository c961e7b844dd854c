/** Number formatting shared by controls and readouts. */

/** A compact, readable number: 3 significant digits, exponent form for tiny or huge values. */
export function formatValue(value: number, significant = 3): string {
	if (!Number.isFinite(value)) return '—';
	if (value === 0) return '0';
	const magnitude = Math.abs(value);
	// Counts (trials, steps) read best whole, up to a billion.
	if (Number.isInteger(value) && magnitude < 1e9) return String(value);
	if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(Math.max(0, significant - 1)).replace('e+', 'e');
	return String(Number(value.toPrecision(significant)));
}

/** Maps a log-slider position in [0, 1] to a value in [min, max], and back. */
export function fromLogPosition(position: number, min: number, max: number): number {
	return Math.exp(Math.log(min) + position * (Math.log(max) - Math.log(min)));
}

export function toLogPosition(value: number, min: number, max: number): number {
	return (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min));
}

/** Rounds to two significant digits: slider values a reader can repeat (0.0003, 1200). */
export function roundToTwoDigits(value: number): number {
	if (value === 0) return 0;
	const unit = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
	return Math.round(value / unit) * unit;
}

/**
 * A whole number with commas between groups of three digits (12,800), as
 * `toLocaleString('en')` writes it, but without Intl: the first Intl formatter a page makes
 * is slow to create (tens of milliseconds), too slow for a status line on load.
 */
export function formatCount(value: number): string {
	if (!Number.isSafeInteger(value)) return value.toLocaleString('en');
	const digits = String(Math.abs(value));
	let out = '';
	for (let i = 0; i < digits.length; i++) {
		if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
		out += digits[i];
	}
	return value < 0 ? `-${out}` : out;
}
