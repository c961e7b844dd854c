# Distributions. Binomial: the exact PMF of n Bernoulli(p) trials counted, its normal
# approximation, and how far the widget's simulated counts are from the PMF as they pile up.
# Skew: the exact mean, median, mode and skewness of skewed test scores, and the sample's.
import math


def binomial_pmf(n, p):
    """P(X = k) for k = 0..n, through log-factorials so that large n does not overflow."""
    k = np.arange(n + 1)
    log_choose = np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in k])
    return np.exp(log_choose + k * np.log(p) + (n - k) * np.log1p(-p))


def normal_cdf(z):
    return 0.5 * (1 + np.vectorize(math.erf)(z / np.sqrt(2)))


def normal_approximation(n, p):
    """N(np, np(1 − p)) with the continuity correction: P(k) ≈ Φ(k + ½) − Φ(k − ½)."""
    mu, sigma = n * p, np.sqrt(n * p * (1 - p))
    k = np.arange(n + 1)
    return normal_cdf((k + 0.5 - mu) / sigma) - normal_cdf((k - 0.5 - mu) / sigma)


def pmf_summary(pmf):
    """Mean, median, modes and skewness of a PMF over 0..n."""
    k = np.arange(len(pmf))
    mean = (k * pmf).sum()
    m2, m3 = ((k - mean) ** 2 * pmf).sum(), ((k - mean) ** 3 * pmf).sum()
    cdf = np.cumsum(pmf)
    median = int(np.argmax(cdf >= 0.5 - 1e-12))
    if abs(cdf[median] - 0.5) < 1e-12 and median < len(pmf) - 1:
        median += 0.5  # the CDF is exactly ½ here: halfway to the next value
    modes = k[pmf >= pmf.max() * (1 - 1e-9)]
    skewness = m3 / m2**1.5 if m2 > 0 else 0.0
    return {'mean': mean, 'median': median, 'modes': modes, 'skewness': 0.0 if abs(skewness) < 1e-9 else skewness}


def total_variation(p, q):
    """The most any event's probability differs between the two distributions."""
    return np.abs(p - q).sum() / 2


def binomial(export):
    state = export['state']
    n, p = state['n'], state['p']
    pmf = binomial_pmf(n, p)
    counts = np.array(state['counts'], dtype=int)
    gaps, expected = [], []
    for row in export['history']:
        draws = row['draws']
        frequencies = np.bincount(counts[:draws], minlength=n + 1) / draws
        gaps.append(total_variation(frequencies, pmf))
        # Sampling noise alone: each frequency is off by about √(2/π) times its sd √(P(1 − P)/draws).
        expected.append(np.sqrt(2 / np.pi) * np.sqrt(pmf * (1 - pmf) / draws).sum() / 2)
    summary = pmf_summary(pmf)
    return {
        'state.pmf': pmf,
        'state.normal': normal_approximation(n, p),
        'state.tallies': np.bincount(counts, minlength=n + 1),
        **{f'state.exact.{name}': value for name, value in summary.items()},
        'history.*.gap': gaps,
        'history.*.expected': expected,
    }


def score_shape(params):
    """A skew-normal of shape alpha; the exception adds 1% of its mass in a far right tail."""
    if params['shape'] == 'exception':
        return {'alpha': -10, 'tail': (0.01, 3, 0.8)}  # weight, centre, sd
    return {'alpha': params['skew'], 'tail': None}


def shape_density(shape, y):
    phi = np.exp(-y * y / 2) / np.sqrt(2 * np.pi)
    body = 2 * phi * normal_cdf(shape['alpha'] * y)
    if shape['tail'] is None:
        return body
    weight, at, sd = shape['tail']
    return (1 - weight) * body + weight * np.exp(-(((y - at) / sd) ** 2) / 2) / (sd * np.sqrt(2 * np.pi))


def scores(export):
    """Scores are 60 + 10·(Y − median of Y): the median is 60 whatever the skew."""
    shape = score_shape(export['params'])
    y = np.linspace(-10, 10, 200_001)
    density = shape_density(shape, y)
    step = y[1] - y[0]
    cdf = np.concatenate([[0], np.cumsum((density[1:] + density[:-1]) / 2) * step])  # trapezoids
    moment = lambda power: (y**power * density).sum() * step
    m1, m2, m3 = moment(1), moment(2), moment(3)
    centre = np.interp(0.5, cdf, y)
    to_score = lambda value: 60 + 10 * (value - centre)
    variance = m2 - m1**2
    drawn = np.array(export['state']['scores'], dtype=float)
    return {
        'state.exact.mean': to_score(m1),
        'state.exact.median': to_score(centre),
        'state.exact.modes': [to_score(y[np.argmax(density)])],
        'state.exact.skewness': (m3 - 3 * m1 * m2 + 2 * m1**3) / variance**1.5,
        'history.*.mean': [drawn[: row['draws']].mean() for row in export['history']],
        'history.*.median': [np.median(drawn[: row['draws']]) for row in export['history']],
    }


export = load_export()
results = binomial(export) if export['params']['part'] == 'binomial' else scores(export)
report(export, results)
