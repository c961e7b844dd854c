import type { ConceptMeta } from '$lib/widget/contract';
import type { RegularisationParams } from './params';

export const meta: ConceptMeta<RegularisationParams> = {
	slug: 'regularisation',
	topic: 'regression',
	title: 'L1 and L2 regularisation',
	summary: 'See why the lasso’s diamond gives exact zeros and ridge’s circle only shrinks, then follow eight coefficients and the test error as λ grows.',
	interviewQuestion: 'What is the difference between L1 and L2 regularisation, and why does L1 give sparse models?',
	tags: ['regression', 'regularisation', 'lasso', 'ridge', 'elastic net', 'sparsity', 'feature selection'],
	related: ['cross-validation', 'bias-variance'],
	thumbnail: 'A diamond and a circle centred on the origin; an ellipse of the loss touches the diamond at its corner on the horizontal axis.',
	exportVersion: 1,
	defaultSeed: 7,
	questions: [
		{
			id: 'corner',
			prompt: 'The true coefficients are β = (2, 0.5) and the budget is t = 1. Where does the L1-constrained solution land?',
			choices: [
				{ label: 'On a corner of the diamond: β₂ is exactly 0', correct: true },
				{ label: 'On an edge, both coefficients shrunk a little', correct: false },
				{ label: 'At the least-squares point', correct: false }
			],
			explanation:
				'The loss grows in ellipses around the least-squares point. Shrink an ellipse until it just touches the diamond: the diamond’s corners stick out toward it, so unless the ellipse meets an edge squarely, the first contact is a corner — a point on an axis, where the other coefficient is exactly zero. The circle has no corners, so the L2 solution keeps both coefficients.',
			show: { truth: 'one-big', rho: 0.5, budget: 1 },
			seed: 7
		},
		{
			id: 'zeros',
			prompt: 'Raise λ from 0.01 to 1 on the eight-feature model. Which penalty sets coefficients exactly to zero on the way?',
			choices: [
				{ label: 'The lasso (L1)', correct: true },
				{ label: 'Ridge (L2)', correct: false },
				{ label: 'Both, ridge later', correct: false }
			],
			explanation:
				'The lasso’s penalty has a kink at zero: its pull on a coefficient is λ however small the coefficient is, so a coefficient whose data can’t push back harder than λ is held at exactly 0 (the dots on the lasso paths). Ridge’s pull, λβ, fades as β shrinks, so its coefficients approach zero but never reach it.',
			show: { lambda: 1, alpha: 0.5 },
			seed: 7
		},
		{
			id: 'copies',
			prompt: 'x₄ and x₅ are near-copies of x₁ (correlation about 0.94) with no effect of their own. At λ = 1, what does ridge do with the three?',
			choices: [
				{ label: 'It shares the weight among all three', correct: true },
				{ label: 'It keeps x₁ and sets the copies to zero', correct: false },
				{ label: 'It sets all three to zero', correct: false }
			],
			explanation:
				'Splitting a weight w over three copies as w/3 each costs 3(w/3)² = w²/3 in ridge’s squared penalty, a third of putting it all on one: ridge spreads weight over correlated features. In the lasso’s penalty the split costs |w| either way, so the lasso keeps one of the group and drops the others — and which one can change with the sample.',
			show: { lambda: 1 },
			seed: 7
		}
	]
};
