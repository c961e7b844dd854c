# Gaussian naive Bayes against the truth: per class, the mean and variance of each feature
# (as if the features were independent), beside a full-covariance (linear discriminant)
# classifier and the true posterior of the two correlated Gaussians; log-loss and Brier
# score on fresh test points for each training size, calibration, P(B) at the picked point.
import math

VARIANCE_SMOOTHING = 1e-3  # added to every fitted variance (standardised units)
COVARIANCE_RIDGE = 1e-4  # added to the pooled covariance's diagonal: copied features make it singular


def logit(p):
    return math.log(p / (1 - p))


def normal_log_density(x, mean, variance):
    return -0.5 * np.log(2 * math.pi * variance) - (x - mean) ** 2 / (2 * variance)


def fit(points):
    """Both classifiers on standardised features (neither posterior changes under a per-feature shift and scale)."""
    mean, sd = points[:, :2].mean(axis=0), points[:, :2].std(axis=0)
    sd = np.where(sd > 0, sd, 1)
    z, labels = (points[:, :2] - mean) / sd, points[:, 2]
    classes = []
    for c in (0, 1):
        members = z[labels == c]
        centre = members.mean(axis=0)
        classes.append({'count': len(members), 'mean': centre, 'variance': members.var(axis=0),
                        'covariance': np.mean(members[:, 0] * members[:, 1]) - centre[0] * centre[1]})
    prior = classes[1]['count'] / len(points)
    # Linear discriminant: w = S⁻¹(μ_B − μ_A), b = −½ w·(μ_A + μ_B) + logit π, S the pooled covariance.
    share = np.array([classes[0]['count'], classes[1]['count']]) / len(points)
    pooled_variance = share[0] * classes[0]['variance'] + share[1] * classes[1]['variance'] + COVARIANCE_RIDGE
    pooled_covariance = share[0] * classes[0]['covariance'] + share[1] * classes[1]['covariance']
    S = np.array([[pooled_variance[0], pooled_covariance], [pooled_covariance, pooled_variance[1]]])
    w = np.linalg.solve(S, classes[1]['mean'] - classes[0]['mean'])
    b = -0.5 * w @ (classes[0]['mean'] + classes[1]['mean']) + logit(prior)
    return {'scaling': (mean, sd), 'classes': classes, 'prior': prior, 'w': w, 'b': b}


def naive_log_odds(model, xy):
    """logit π̂ plus one term per feature: log p(x_f | B) − log p(x_f | A), as if independent."""
    mean, sd = model['scaling']
    z = (np.atleast_2d(xy) - mean) / sd
    a, b = model['classes']
    evidence = normal_log_density(z, b['mean'], b['variance'] + VARIANCE_SMOOTHING) - normal_log_density(z, a['mean'], a['variance'] + VARIANCE_SMOOTHING)
    return logit(model['prior']) + evidence.sum(axis=1)


def full_log_odds(model, xy):
    mean, sd = model['scaling']
    return ((np.atleast_2d(xy) - mean) / sd) @ model['w'] + model['b']


def true_log_odds(truth, xy):
    """The generating model's own log-odds: two Gaussians with unit variances and correlation ρ."""
    rho, m, xy = truth['rho'], truth['separation'] / 2, np.atleast_2d(xy)
    if 1 - rho < 1e-9:  # feature 2 is a copy of feature 1: read the one feature there is
        u = xy.mean(axis=1)
        return logit(truth['prior']) + normal_log_density(u, m, 1) - normal_log_density(u, -m, 1)
    def log_density(centre):
        dx, dy = xy[:, 0] - centre, xy[:, 1] - centre
        return -(dx * dx - 2 * rho * dx * dy + dy * dy) / (2 * (1 - rho * rho))
    return logit(truth['prior']) + log_density(m) - log_density(-m)


def scores(log_odds, labels):
    """Mean log-loss −log P(true class) and Brier score (P(B) − y)²."""
    signed = np.where(labels == 1, log_odds, -log_odds)
    return {'logLoss': np.mean(np.logaddexp(0, -signed)), 'brier': np.mean((1 / (1 + np.exp(-log_odds)) - labels) ** 2)}


def calibration(log_odds, labels, bins=10):
    """Ten equal bins of predicted P(B): each one's count, mean prediction and observed share of B."""
    p = 1 / (1 + np.exp(-log_odds))
    which = np.minimum(bins - 1, np.floor(p * bins).astype(int))
    return [{'count': int((which == k).sum()), 'predicted': p[which == k].mean() if (which == k).any() else None,
             'observed': labels[which == k].mean() if (which == k).any() else None} for k in range(bins)]


def log_odds_of(model, points, truth):
    """Each point's log-odds under both fitted models, and under the truth when it is known."""
    odds = {'naiveBayes': naive_log_odds(model, points), 'fullCovariance': full_log_odds(model, points)}
    if truth:
        odds['truth'] = true_log_odds(truth, points)
    return odds


export = load_export()
state, params = export['state'], export['params']
truth = state['truth']
training = np.array(state['trainingData'], dtype=float)
evaluation = np.array(state['testData'] if state['testData'] else state['points'], dtype=float)  # own points are scored on themselves
labels = evaluation[:, 2]

results = {}
for name in ['naiveBayes', 'fullCovariance'] + (['truth'] if truth else []):
    results[f'history.*.{name}.logLoss'], results[f'history.*.{name}.brier'] = [], []
for step in export['history']:
    model = fit(training[:step['size']])  # each step's training set is the first points of the current one
    for name, values in log_odds_of(model, evaluation[:, :2], truth).items():
        for measure, value in scores(values, labels).items():
            results[f'history.*.{name}.{measure}'].append(value)
# The current model: the last step's, or (before any step was recorded) the whole training set's.
model = fit(training[: export['history'][-1]['size']] if export['history'] else training)
odds = log_odds_of(model, evaluation[:, :2], truth)

for name, values in odds.items():
    for measure, value in scores(values, labels).items():
        results[f'state.scores.{name}.{measure}'] = value
    bins = calibration(values, labels)
    results[f'state.calibration.{name}.*.count'] = [bin['count'] for bin in bins]
    for measure in ['predicted', 'observed']:
        if all(bin['count'] for bin in bins):
            results[f'state.calibration.{name}.*.{measure}'] = [bin[measure] for bin in bins]
        else:  # an empty bin has neither
            results.update({f'state.calibration.{name}.{k}.{measure}': bin[measure] for k, bin in enumerate(bins) if bin['count']})

results['state.naiveBayes.prior'] = model['prior']
for c, fitted in enumerate(model['classes']):
    for name in ['count', 'mean', 'variance']:
        results[f'state.naiveBayes.classes.{c}.{name}'] = fitted[name]
probe = np.array(state['probe'], dtype=float)
results['state.predictedProbability'] = 1 / (1 + np.exp(-naive_log_odds(model, probe)[0]))
results['state.fullProbability'] = 1 / (1 + np.exp(-full_log_odds(model, probe)[0]))
if truth:
    results['state.trueProbability'] = 1 / (1 + np.exp(-true_log_odds(truth, probe)[0]))
report(export, results)
