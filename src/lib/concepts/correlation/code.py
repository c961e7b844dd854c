# Correlation: Pearson's r, Spearman's rho (Pearson on average ranks) and Kendall's tau-b of
# the points, and their 95% percentile bootstrap intervals from the widget's own resamples.


def average_ranks(values):
    """Ranks 1..n; tied values share the mean of the places they take."""
    order = np.argsort(values, kind='mergesort')
    _, first, counts = np.unique(values[order], return_index=True, return_counts=True)
    ranks = np.empty(len(values))
    ranks[order] = np.repeat(first + (counts + 1) / 2, counts)
    return ranks


def pearson(x, y):
    dx, dy = x - x.mean(), y - y.mean()
    return np.clip((dx * dy).sum() / np.sqrt((dx**2).sum() * (dy**2).sum()), -1, 1)


def spearman(x, y):
    return pearson(average_ranks(x), average_ranks(y))


def kendall_tau_b(x, y):
    """Concordant minus discordant pairs over the pairs not tied in x, times those not tied in y."""
    sign_x = np.sign(x[:, None] - x[None, :])
    sign_y = np.sign(y[:, None] - y[None, :])
    return np.clip((sign_x * sign_y).sum() / np.sqrt(np.abs(sign_x).sum() * np.abs(sign_y).sum()), -1, 1)


COEFFICIENTS = {'pearson': pearson, 'spearman': spearman, 'kendall': kendall_tau_b}


def percentile_interval(values):
    """The 2.5% and 97.5% quantiles of the defined values; None if fewer than half are defined."""
    defined = values[np.isfinite(values)]
    if len(defined) < max(2, len(values) / 2):
        return None
    return np.quantile(defined, [0.025, 0.975])


export = load_export()
state = export['state']
points = np.array(state['points'], dtype=float)
x, y = points[:, 0], points[:, 1]

results = {name: coefficient(x, y) for name, coefficient in COEFFICIENTS.items()}
results = {f'state.{name}': value for name, value in results.items()}
results['state.ranksX'] = average_ranks(x)
results['state.ranksY'] = average_ranks(y)

# Resample b takes point i counts[b][i] times (drawn with replacement); copies of a point are ties.
counts = state.get('bootstrapCounts')
if counts:
    resamples = [np.repeat(np.arange(len(points)), row) for row in np.array(counts, dtype=int)]
    with np.errstate(invalid='ignore', divide='ignore'):  # a resample of one repeated x has no correlation
        for name, coefficient in COEFFICIENTS.items():
            values = np.array([coefficient(x[drawn], y[drawn]) for drawn in resamples])
            interval = percentile_interval(values)
            if interval is not None:
                results[f'state.intervals.{name}'] = interval

report(export, results)
