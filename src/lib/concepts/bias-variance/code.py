# uses: stats
# Bias-variance: one model fitted to each of many training sets drawn from the same noisy
# process. On a grid of test points: bias² (the average fit against the truth), variance (the
# spread of the fits) and the test error against fresh noise, for each complexity of a sweep.


def polynomial_fit(x, y, degree, ridge, at):
    """Least squares on the Legendre basis, plus ridge·Σβ² (ridge rows under the design matrix). With
    more coefficients than points, lstsq gives the smallest β that goes through every point."""
    design, targets = legendre_basis(x, degree), y
    if ridge > 0:
        design = np.vstack([design, np.sqrt(ridge) * np.eye(degree + 1)])
        targets = np.concatenate([y, np.zeros(degree + 1)])
    beta = np.linalg.lstsq(design, targets, rcond=None)[0]
    return legendre_basis(at, degree) @ beta


def knn_fit(x, y, k, at):
    """The mean y of the k training points nearest to each query point."""
    nearest = np.argsort(np.abs(at[:, None] - x[None, :]), axis=1, kind='stable')[:, :k]
    return y[nearest].mean(axis=1)


def fit(setting, x, y, at):
    """One training set's fit, evaluated at the points `at`."""
    if setting['model'] == 'poly':
        return polynomial_fit(x, y, setting['degree'], setting['lambda'], at)
    return knn_fit(x, y, min(setting['k'], len(x)), at)


def fit_all_sets(setting):
    """The fit of every training set on the grid [sets × grid] and at its own points [sets × n]."""
    grid_fits, train_fits = [], []
    for x, y in zip(train_xs, train_ys):
        fitted = fit(setting, x, y, np.concatenate([grid, x]))
        grid_fits.append(fitted[: len(grid)])
        train_fits.append(fitted[len(grid) :])
    return np.array(grid_fits), np.array(train_fits)


def decompose(grid_fits, train_fits):
    """Bias², variance and test error over the grid points where the truth is defined."""
    defined = np.isfinite(truth)
    fits, f = grid_fits[:, defined], truth[defined]
    bias2 = ((fits.mean(axis=0) - f) ** 2).mean()
    variance = fits.var(axis=0).mean()  # divides by the number of sets: bias² + variance = mean (fit − f)²
    test_targets = f + noise * test_noise[:, defined]  # fresh noise, one draw per (set, grid point)
    test_mse = ((test_targets - fits) ** 2).mean()
    train_mse = ((train_ys - train_fits) ** 2).mean()
    return {'bias2': bias2, 'variance': variance, 'testMse': test_mse, 'trainMse': train_mse}


export = load_export()
state = export['state']
if state.get('trainingSets') is None:
    sys.exit('This export has no training sets: the widget had not drawn them yet (or its formula had no value to fit).')
# The widget's numbers are float32: x = 0, 0.01, …, 1 on the grid, the training sets exactly as drawn.
grid = (np.arange(len(state['grid'])) / (len(state['grid']) - 1)).astype(np.float32).astype(float)
train_xs = np.array(state['trainingSets']['xs'], dtype=np.float32).astype(float)
train_ys = np.array(state['trainingSets']['ys'], dtype=np.float32).astype(float)
truth = np.array([np.nan if f is None else f for f in state['truthOnGrid']], dtype=float)
test_noise = np.array(state['testNoise'], dtype=float)
noise = state['noise']
current = state['model']  # {'model': 'poly', 'degree', 'lambda'} or {'model': 'knn', 'k'}

# The sweep, from simple to complex: degrees 0..15 (with the same ridge λ), or k from 50 to 1.
if current['model'] == 'poly':
    sweep = [dict(current, degree=degree) for degree in range(16)]
else:
    sweep = [dict(current, k=k) for k in [50, 30, 20, 15, 10, 7, 5, 3, 2, 1] if k <= state['n']]

grid_fits, _ = fit_all_sets(current)
results = {'state.fits.*': grid_fits[: len(state['fits'])]}  # the sets drawn so far
rows = [decompose(*fit_all_sets(setting)) for setting in sweep[: len(state['sweep'])]]  # the rows the widget has finished
for measure in ['bias2', 'variance', 'testMse', 'trainMse']:
    results[f'state.sweep.*.{measure}'] = [row[measure] for row in rows]

report(export, results, tolerance=1e-3)
