# Loss functions: the lines that minimise squared error (closed form), absolute error (the best
# line through two of the points) and Huber loss (iteratively reweighted least squares), and the
# constant each loss picks for y alone: the mean, the median and the Huber centre.
import itertools


def least_squares(x, y, weights=None):
    """The weighted least-squares line (slope, intercept), from the 2 × 2 normal equations."""
    w = np.ones_like(x) if weights is None else weights
    design = np.stack([np.ones_like(x), x], axis=1)
    intercept, slope = np.linalg.solve(design.T @ (w[:, None] * design), design.T @ (w * y))
    return slope, intercept


def least_absolute_line(x, y):
    """Absolute error is piecewise linear in (slope, intercept), so its minimum is at a corner:
    a line through two of the points. Try every pair."""
    best, best_loss = None, np.inf
    for i, j in itertools.combinations(range(len(x)), 2):
        if x[i] == x[j]:
            continue
        slope = (y[j] - y[i]) / (x[j] - x[i])
        intercept = y[i] - slope * x[i]
        loss = np.abs(y - intercept - slope * x).mean()
        if loss < best_loss:
            best, best_loss = (slope, intercept), loss
    return best


def huber_line(x, y, delta, iterations=500):
    """IRLS: weigh each point min(1, δ/|residual|), fit weighted least squares, repeat."""
    slope, intercept = least_squares(x, y)
    for _ in range(iterations):
        residuals = np.abs(y - intercept - slope * x)
        weights = np.minimum(1, delta / np.maximum(residuals, 1e-300))
        new_slope, new_intercept = least_squares(x, y, weights)
        converged = abs(new_slope - slope) + abs(new_intercept - intercept) < 1e-13 * (1 + abs(intercept))
        slope, intercept = new_slope, new_intercept
        if converged:
            break
    return slope, intercept


def huber_centre(y, delta):
    """The c minimising Σ huber(y − c): IRLS from the median, as for the line."""
    c = np.median(y)
    for _ in range(500):
        weights = np.minimum(1, delta / np.maximum(np.abs(y - c), 1e-300))
        c, previous = (weights * y).sum() / weights.sum(), c
        if abs(c - previous) <= 1e-12 * max(1, abs(c)):
            break
    return c


def by_the_rule(x, y):
    """The 3-MAD rule: residuals from the squared-error line more than 3·1.4826·MAD from their median."""
    if len(x) < 3:
        return np.zeros(len(x), dtype=bool)
    slope, intercept = least_squares(x, y)
    residuals = y - intercept - slope * x
    centre = np.median(residuals)
    spread = 1.4826 * np.median(np.abs(residuals - centre))
    return np.abs(residuals - centre) > max(3 * spread, 1e-9 * np.abs(residuals).max())


export = load_export()
params, state = export['params'], export['state']
delta = params['delta']
points = np.array(state['points'], dtype=float).reshape(-1, 2)
x, y = points[:, 0], points[:, 1]
if params['remove']:
    kept = ~by_the_rule(x, y)
    x, y = x[kept], y[kept]
if params['winsorise'] and len(y) > 1:
    y = np.clip(y, *np.quantile(y, [0.05, 0.95]))  # clip y to its 5th–95th percentiles

results = {'state.used': np.stack([x, y], axis=1)}
if len(x) and np.ptp(x) > 0:
    for name, (slope, intercept) in {'mse': least_squares(x, y), 'mae': least_absolute_line(x, y), 'huber': huber_line(x, y, delta)}.items():
        results[f'state.{name}.slope'] = slope
        results[f'state.{name}.intercept'] = intercept
if len(y):
    results.update({'state.mean': y.mean(), 'state.median': np.median(y), 'state.huber_centre': huber_centre(y, delta)})

report(export, results)
