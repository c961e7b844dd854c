# uses: stats
# Cross-validation: polynomials of degree 0..12 fitted by least squares on the training part of
# each of k folds and scored on the held-out part; the CV error is the mean over folds. Beside it,
# each degree fitted on all the points and scored on fresh test points of the same curve.

MAX_DEGREE = 12


def fit(x, y, degree):
    """Least-squares coefficients of a polynomial of this degree."""
    return np.linalg.lstsq(legendre_basis(x, degree), y, rcond=None)[0]


def mse(beta, x, y):
    return ((y - legendre_basis(x, len(beta) - 1) @ beta) ** 2).mean()


def cross_validate(x, y, folds, degree):
    """Each fold's validation error, or None where a fold leaves too few points to train on."""
    errors = []
    for fold in range(folds.max() + 1):
        held_out = folds == fold
        if (~held_out).sum() < degree + 2:
            return None
        errors.append(mse(fit(x[~held_out], y[~held_out], degree), x[held_out], y[held_out]))
    return np.array(errors)


def by_degree(name, values):
    """One result per degree; where some degree has none (too few points in a fold's training
    part), the degrees that have one, each by its own path."""
    if all(value is not None for value in values):
        return {f'state.{name}': values}
    return {f'state.{name}.{degree}': value for degree, value in enumerate(values) if value is not None}


def scaling(x, y):
    """Own points are fitted with x onto [0, 1] and y standardised (errors scale back by sd(y)²)."""
    lo, hi, sd = x.min(), x.max(), y.std()
    x0, x_span = (lo, hi - lo) if hi > lo else (lo - 0.5, 1.0)
    return (x - x0) / x_span, (y - y.mean()) / (sd if sd > 0 else 1), (sd if sd > 0 else 1) ** 2


export = load_export()
params, state = export['params'], export['state']
results = {}

if params['part'] == 'choose' and len(state['points']) >= 4:
    points = np.array(state['points'], dtype=float)
    x, y, error_scale = points[:, 0], points[:, 1], 1.0
    if params['preset'] == 'own':
        x, y, error_scale = scaling(x, y)
    folds = np.array(state['folds'])
    sizes = np.bincount(folds)
    # (With few points per fold, the highest degrees are ill-conditioned: there the widget's
    # float32 normal equations can be off these float64 fits by percents.)
    per_degree = [cross_validate(x, y, folds, degree) for degree in range(MAX_DEGREE + 1)]
    scaled = lambda value: None if value is None else value * error_scale
    results.update(by_degree('fold_errors', [scaled(errors) for errors in per_degree]))
    results.update(by_degree('cv_error', [None if e is None else scaled((e * sizes).sum() / len(x)) for e in per_degree]))
    results.update(by_degree('cv_sd', [None if e is None else scaled(e.std(ddof=1)) for e in per_degree]))
    test = state.get('test_points')
    if test:  # drawn data: fresh points of the same curve and noise
        test = np.array(test, dtype=float)
        errors = [mse(fit(x, y, degree), test[:, 0], test[:, 1]) if len(x) >= degree + 2 else None for degree in range(MAX_DEGREE + 1)]
        results.update(by_degree('test_error', errors))
elif params['part'] == 'leakage' and '--json' not in sys.argv:
    print('The leak: its noise features are too many to export, so this program does not recompute it.')

report(export, results)
