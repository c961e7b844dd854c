/** Everything `npm run bench` times inside one JavaScript engine (Node or Chromium). */
import { benchKMeans } from './kmeans.bench';
import { benchGradientDescent } from './gradient-descent.bench';

export function runSuite() {
	return { kmeans: benchKMeans(), gradientDescent: benchGradientDescent() };
}
