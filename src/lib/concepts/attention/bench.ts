import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_TOKENS, schema } from './params';
import { attend, identityProjections, presetTokens, randomProjections } from './sim';

/** The most the controls allow: ten tokens, every head, the largest d, masked. */
const manyTokens = () => Array.from({ length: MAX_TOKENS }, (_, i) => [Math.cos(i), Math.sin(2 * i)] as [number, number]);

export const stepBenchmark: StepBenchmark = {
	what: 'every head’s attention over the tokens (TF.js), as one value change or one drag move recomputes it',
	defaultCase: 'two clusters, 6 tokens, queries and keys = tokens',
	maximumCase: `${MAX_TOKENS} tokens, ${schema.heads.max} heads, d = ${schema.d.max}, causal`,
	prepare: (which) => {
		if (which === 'default') {
			const tokens = presetTokens('clusters');
			const projections = identityProjections();
			return { step: () => void attend(tokens, projections, { temperature: 1, scaled: true, causal: false }) };
		}
		const tokens = manyTokens();
		const projections = randomProjections(schema.heads.max, schema.d.max, 1);
		return { step: () => void attend(tokens, projections, { temperature: 1, scaled: true, causal: true }) };
	}
};
