# Regularisation. Two features: least squares, and the best β inside the L1 diamond and the L2
# circle of budget t. Eight features: lasso, ridge and elastic-net coefficients along a grid of
# λ (glmnet's scaling, on standardised features) and the error each makes on held-out data.


def moments(x, y):
    """C = XᵀX/n and c = Xᵀy/n: everything the squared-error loss needs."""
    return x.T @ x / len(x), x.T @ y / len(x)


def ridge(C, c, lam):
    """argmin (1/2n)‖y − Xβ‖² + (λ/2)‖β‖²: (C + λI)β = c (with a tiny floor for λ → 0)."""
    floor = 1e-10 * np.abs(np.diag(C)).max()
    return np.linalg.solve(C + (lam + floor) * np.eye(len(c)), c)


def soft_threshold(z, gamma):
    return np.sign(z) * max(abs(z) - gamma, 0.0)


def elastic_net(C, c, lam, alpha, start=None):
    """argmin (1/2n)‖y − Xβ‖² + λ(α‖β‖₁ + (1 − α)/2‖β‖²) by cyclic coordinate descent:
    βⱼ ← S(cⱼ − Σₖ≠ⱼ Cⱼₖβₖ, λα) / (Cⱼⱼ + λ(1 − α)). α = 1 is the lasso, α = 0 ridge."""
    if alpha <= 0:
        return ridge(C, c, lam)
    beta = np.zeros(len(c)) if start is None else start.copy()
    for _ in range(20_000):
        moved = 0.0
        for j in range(len(c)):
            partial = c[j] - C[j] @ beta + C[j, j] * beta[j]
            new = soft_threshold(partial, lam * alpha) / (C[j, j] + lam * (1 - alpha))
            moved = max(moved, abs(new - beta[j]) * np.sqrt(C[j, j]))
            beta[j] = new
        if moved < 1e-12:
            break
    return beta


def constrained(C, c, budget, norm, fit):
    """argmin of the loss over norm(β) ≤ t: least squares if it is inside, else the penalised
    fit at the λ where norm(β(λ)) = t, found by bisection on log λ (the norm falls as λ grows)."""
    ols = ridge(C, c, 0)
    if norm(ols) <= budget:
        return ols, 0.0
    lo, hi = np.log(1e-14), np.log(2 * np.abs(c).sum() / budget + 1e-14)
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if norm(fit(np.exp(mid))) > budget else (lo, mid)
    lam = np.exp((lo + hi) / 2)
    return fit(lam), lam


export = load_export()
params, state = export['params'], export['state']
results = {}

# Part 1: two standardised features with correlation ρ, a centred y.
plane = state['plane']
C, c = moments(np.array(plane['x']), np.array(plane['y']))
results['state.plane.ols'] = ridge(C, c, 0)
budget = params['budget']
if budget > 0:
    l1_beta, l1_lambda = constrained(C, c, budget, lambda b: np.abs(b).sum(), lambda lam: elastic_net(C, c, lam, 1))
    l2_beta, l2_lambda = constrained(C, c, budget, np.linalg.norm, lambda lam: ridge(C, c, lam))
    results.update({'state.plane.l1.beta': l1_beta, 'state.plane.l1.lambda': l1_lambda, 'state.plane.l2.beta': l2_beta, 'state.plane.l2.lambda': l2_lambda})

# Part 2: eight features, standardised on the training set; the intercept is ȳ, never penalised.
train, test = state['data']['train'], state['data']['test']
train_x, train_y = np.array(train['x']), np.array(train['y'])
means, sds = train_x.mean(axis=0), train_x.std(axis=0)
intercept = train_y.mean()
C, c = moments((train_x - means) / sds, train_y - intercept)
test_x, test_y = (np.array(test['x']) - means) / sds, np.array(test['y'])
test_error = lambda beta: ((test_y - intercept - test_x @ beta) ** 2).mean()
results.update({'state.data.means': means, 'state.data.sds': sds, 'state.data.intercept': intercept})

lambdas = np.exp(np.linspace(np.log(1e3), np.log(1e-3), 60))  # largest first: each fit warm-starts the next
alphas = {'l1': 1.0, 'l2': 0.0, 'enet': params['alpha']}
for penalty, alpha in alphas.items():
    path, beta = [], None
    for lam in lambdas:
        beta = elastic_net(C, c, lam, alpha, beta)
        path.append(beta)
    results[f'state.paths.{penalty}.coefficients'] = path
    results[f'state.paths.{penalty}.test_error'] = [test_error(beta) for beta in path]
    at_lambda = elastic_net(C, c, params['lambda'], alpha)
    results[f'state.coef_{penalty}'] = at_lambda
    results[f'state.test_error.{penalty}'] = test_error(at_lambda)

report(export, results, tolerance=1e-3)
