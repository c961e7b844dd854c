import katex from 'katex';

/**
 * A Svelte preprocessor that typesets formulas while the site is built, so pages ship
 * KaTeX's HTML and MathML but not KaTeX itself (~75 KB gzipped of script).
 * `<Tex tex={String.raw`…`} />` (and `<Tex display …/>`) gets `html={"…"}` added.
 * Formulas come from the source only; any other use of <Tex> fails the build.
 */
const TEX = /<Tex((?:\s+display)?)\s+tex=\{String\.raw`([^`]*)`\}\s*\/>/g;

/** @returns {import('svelte/compiler').PreprocessorGroup} */
export function texAtBuildTime() {
	return {
		name: 'tex-at-build-time',
		markup({ content, filename }) {
			if (!content.includes('<Tex')) return;
			let typeset = 0;
			const code = content.replace(TEX, (_, display, tex) => {
				typeset++;
				const html = katex.renderToString(tex, { displayMode: display !== '', throwOnError: true, output: 'htmlAndMathml' });
				return `<Tex${display} tex={String.raw\`${tex}\`} html={${JSON.stringify(html)}} />`;
			});
			const uses = content.match(/<Tex\b/g)?.length ?? 0;
			if (uses !== typeset) throw new Error(`${filename}: write every formula as <Tex tex={String.raw\`…\`} /> (or with display) so it is typeset at build time`);
			return { code };
		}
	};
}
