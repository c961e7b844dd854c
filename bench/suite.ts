/** Everything `npm run bench` times inside one JavaScript engine (Node or Chromium). */
import { benchKMeans } from './kmeans.bench';
import { benchGradientDescent } from './gradient-descent.bench';
import { benchBiasVariance } from './bias-variance.bench';
import { benchCorrelation } from './correlation.bench';
import { benchNetwork } from './network.bench';
import { benchSteps } from './steps';

export function runSuite() {
	return {
		steps: benchSteps(),
		kmeans: benchKMeans(),
		gradientDescent: benchGradientDescent(),
		biasVariance: benchBiasVariance(),
		correlation: benchCorrelation(),
		network: benchNetwork()
	};
}
