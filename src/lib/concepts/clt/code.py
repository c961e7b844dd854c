# The central limit theorem: sample means of n draws from a parent distribution, made from the
# widget's own uniform random numbers, and how their mean, sd and skewness compare with what the
# theorem predicts (sd σ/√n, skewness γ/√n).


def standard_normal(u0, u1):
    """Box-Muller: two uniforms make one standard normal."""
    return np.sqrt(-2 * np.log(1 - u0)) * np.cos(2 * np.pi * u1)


def parent_draws(params, u):
    """Draws from the parent distribution, by transforming uniforms (u[0], and u[1], u[2] where needed)."""
    dist = params['dist']
    if dist == 'uniform':
        return u[0]
    if dist == 'exponential':
        return -np.log1p(-u[0])  # the inverse of the CDF 1 − e^(−x)
    if dist == 'bernoulli':
        return (u[0] < np.float32(params['p'])).astype(float)  # the widget compares in float32
    if dist == 'die':
        return np.floor(6 * u[0]) + 1
    if dist == 'cauchy':
        # The angle in float32, as the widget has it: near ±π/2 the tangent magnifies its rounding.
        angle = np.float32(np.pi) * (u[0].astype(np.float32) - np.float32(0.5))
        return np.tan(angle.astype(float))
    if dist == 'lognormal':
        return np.exp(params['shape'] * standard_normal(u[0], u[1]))
    if dist == 'delivery':
        return 30 * np.exp(0.6 * standard_normal(u[0], u[1]))  # median 30 minutes
    if dist == 'bimodal':
        return 0.5 * standard_normal(u[0], u[1]) + np.where(u[2] < 0.5, -2, 2)
    raise ValueError(dist)


def parent_moments(params):
    """Mean, variance and skewness of one draw (None for Cauchy, which has none)."""
    def lognormal(median, s):
        w = np.exp(s * s)
        return median * np.sqrt(w), median**2 * w * (w - 1), (w + 2) * np.sqrt(w - 1)

    p = params['p']
    return {
        'uniform': (0.5, 1 / 12, 0),
        'exponential': (1, 1, 2),
        'bernoulli': (p, p * (1 - p), (1 - 2 * p) / np.sqrt(p * (1 - p))),
        'lognormal': lognormal(1, params['shape']),
        'delivery': lognormal(30, 0.6),
        'bimodal': (0, 4.25, 0),
        'die': (3.5, 35 / 12, 0),
        'cauchy': None,
    }[params['dist']]


def summarise(means):
    """Mean, sd (dividing by count − 1) and skewness (third central moment over sd³, both by count)."""
    centred = means - means.mean()
    m2, m3 = (centred**2).mean(), (centred**3).mean()
    return {'mean': means.mean(), 'sd': means.std(ddof=1), 'skewness': m3 / m2**1.5 if m2 > 0 else 0.0}


export = load_export()
params, state = export['params'], export['state']
n = state['n']
results = {}

if state.get('uniforms'):
    # Each step drew uniforms for `count` means of n draws: one [count × n] block per stream.
    steps = []
    for streams in state['uniforms']:
        u = [np.array(stream, dtype=np.float32).astype(float).reshape(-1, n) for stream in streams]
        steps.append(parent_draws(params, u).mean(axis=1))
    means = np.concatenate(steps)
    results['state.means'] = means
    counts = np.cumsum([len(step) for step in steps])
else:
    # Too many uniforms to export: summarise the widget's own means instead.
    means = np.array(state['means'], dtype=float)
    counts = [row['samples'] for row in export['history']]

summaries = [summarise(means[:count]) for count in counts]
for name in ['mean', 'sd', 'skewness']:
    results[f'history.*.{name}'] = [summary[name] for summary in summaries]

moments = parent_moments(params)
if moments is not None:
    mean, variance, skewness = moments
    # The theorem's prediction for the means: sd σ/√n = sqrt(variance / n), skewness γ/√n.
    results.update({'state.parent.mean': mean, 'state.parent.variance': variance, 'state.parent.skewness': skewness})

report(export, results)
