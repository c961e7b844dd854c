# Active learning: a softmax regression (on x, y or on RBF bumps) refitted after every label
# by Nesterov's method, warm-started from the last fit; its test accuracy after each label,
# and the pool point the query strategy asks about next (least confidence, margin, entropy).
import math

PENALTY = 0.01  # L2 penalty λ on every weight
FIRST_ITERATIONS, WARM_ITERATIONS = 150, 60
CENTRES = [((i % 5) - 2, (i // 5) - 2) for i in range(25)]  # RBF bumps on a 5 × 5 grid, in standard deviations


def features(points, mean, sd, kind):
    """1, x and y standardised, and for RBF exp(−‖z − c‖² / 2) for each centre c (in float32, as the widget)."""
    z = (points[:, :2] - mean) / sd
    columns = [np.ones(len(points)), z[:, 0], z[:, 1]]
    if kind == 'rbf':
        columns += [np.exp(-((z[:, 0] - cx) ** 2 + (z[:, 1] - cy) ** 2) / 2) for cx, cy in CENTRES]
    return np.array(columns).T.astype(np.float32).astype(float)


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def step_size(X):
    """1/L and Nesterov's momentum for a strongly convex loss, with L = ½ λmax(XᵀX/m)·1.05 + λ
    (softmax's Hessian is at most ½), λmax by 40 steps of power iteration."""
    gram = X.T @ X / len(X)
    v, top = np.full(X.shape[1], 1 / math.sqrt(X.shape[1])), 0.0
    for _ in range(40):
        nxt = gram @ v
        top = np.linalg.norm(nxt)
        v = nxt / top
    curvature = 0.5 * top * 1.05 + PENALTY
    q = math.sqrt(PENALTY / curvature)
    return float(np.float32(1 / curvature)), float(np.float32((1 - q) / (1 + q)))


def fit(X, classes_of, classes, start):
    """Minimises the mean cross-entropy + (λ/2)‖W‖² from `start` (or zero) by Nesterov's accelerated gradient."""
    rate, momentum = step_size(X)
    Y = np.eye(classes)[classes_of]
    w = np.zeros((X.shape[1], classes)) if start is None else start
    previous = w
    for _ in range(FIRST_ITERATIONS if start is None else WARM_ITERATIONS):
        look = w + (w - previous) * momentum
        gradient = X.T @ (softmax(X @ look) - Y) / len(X) + look * PENALTY
        previous, w = w, look - gradient * rate
    return w


def query_score(strategy, p):
    """What a strategy maximises over the pool's class probabilities p (one row per point)."""
    top_two = np.sort(p, axis=1)[:, ::-1]
    if strategy == 'least':
        return 1 - top_two[:, 0]
    if strategy == 'margin':  # a small gap between the two likeliest classes is an uncertain point
        return -(top_two[:, 0] - top_two[:, 1]) if p.shape[1] > 1 else -np.ones(len(p))
    return -(p * np.log(np.where(p > 0, p, 1))).sum(axis=1)  # entropy


def next_query(strategy, p, labelled):
    """The unlabelled point of highest score (ties: the lowest index)."""
    score = query_score(strategy, p)
    open_points = [i for i in range(len(p)) if i not in set(labelled)]
    return max(open_points, key=lambda i: (score[i], -i)) if open_points else None


export = load_export()
state, params = export['state'], export['params']
pool = np.array(state['points'], dtype=float).reshape(-1, 3)
test = np.array(state['testData'], dtype=float) if state['testData'] else pool  # own points are tested on the pool
classes, strategy, labelled = state['classes'], state['strategy'], state['labelled']
mean = pool[:, :2].mean(axis=0)
variance = pool[:, :2].var(axis=0)
sd = np.where(variance > 1e-24 * (1 + mean ** 2), np.sqrt(variance), 1)
X_pool, X_test = features(pool, mean, sd, state['features']), features(test, mean, sd, state['features'])

results, accuracies, weights = {}, [], None
for t, step in enumerate(export['history']):
    chosen = labelled[:step['labels']]
    weights = fit(X_pool[chosen], pool[chosen, 2].astype(int), classes, weights)
    probabilities = softmax(X_pool @ weights)
    accuracies.append(np.mean(softmax(X_test @ weights).argmax(axis=1) == test[:, 2]))
    following = export['history'][t + 1] if t + 1 < len(export['history']) else None
    if strategy != 'random' and following and following['by'] == strategy:
        results[f'history.{t + 1}.point'] = next_query(strategy, probabilities, chosen)

results['history.*.accuracy'] = accuracies
results['state.accuracy'] = accuracies[-1]
results['state.probabilities'] = probabilities
if strategy != 'random' and len(labelled) < min(params['budget'], len(pool)):
    results['state.nextQuery'] = next_query(strategy, probabilities, labelled)
report(export, results, tolerance=1e-3)
