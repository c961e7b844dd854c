# Logistic regression: p(class B | x, y) = σ(w₁x + w₂y + b), trained from zero weights by
# full-batch gradient descent on the mean log-loss (plus λ/2·‖w‖²), on standardised features.


def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))  # = 1 / (1 + e^(−z)), without overflow


def log_loss(z, targets):
    """Mean of −log p(the point's own class): softplus(−z) for class B, softplus(z) for A."""
    return np.logaddexp(0, np.where(targets == 1, -z, z)).mean()


def gradient(features, targets, w, b, l2):
    """Of the mean log-loss: Xᵀ(σ(z) − t)/n for w, mean(σ(z) − t) for b; plus λw."""
    residual = sigmoid(features @ w + b) - targets
    return features.T @ residual / len(targets) + l2 * w, residual.mean()


export = load_export()
params, state = export['params'], export['state']
points = np.array(state['points'], dtype=float)
targets = points[:, 2]
means, sds = points[:, :2].mean(axis=0), points[:, :2].std(axis=0)
sds[sds == 0] = 1
features = (points[:, :2] - means) / sds

w, b = np.zeros(2), 0.0
history = []
for step in range(len(export['history'])):
    if step > 0:  # row 0 is the start, before any step
        grad_w, grad_b = gradient(features, targets, w, b, params['l2'])
        w, b = w - params['lr'] * grad_w, b - params['lr'] * grad_b
    z = features @ w + b
    history.append({'loss': log_loss(z, targets), 'accuracy': ((z > 0) == (targets == 1)).mean(), 'norm': np.linalg.norm(w)})

results = {f'history.*.{name}': [row[name] for row in history] for name in ['loss', 'accuracy', 'norm']}
original_w = w / sds  # the weights in the data's own coordinates: z = w₁x + w₂y + b
results.update({
    'state.standardised.w1': w[0], 'state.standardised.w2': w[1], 'state.standardised.b': b,
    'state.weights.w1': original_w[0], 'state.weights.w2': original_w[1], 'state.weights.b': b - original_w @ means,
})
report(export, results)
