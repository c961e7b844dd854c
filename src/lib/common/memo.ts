/**
 * Remembers the last call: `rememberLast(f)` returns a function that gives back the previous
 * result while its arguments are the same (compared with Object.is, one by one). For pure
 * functions that a slider drag calls again and again with most arguments unchanged.
 */
export function rememberLast<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
	let last: { args: A; result: R } | null = null;
	return (...args: A) => {
		if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.result;
		const result = compute(...args);
		last = { args, result };
		return result;
	};
}
