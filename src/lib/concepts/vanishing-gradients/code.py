# uses: network
# Vanishing gradients: replays the widget's training in NumPy (its starting weights, its
# batches, its update rule) and at every step measures each layer's gradient norm ‖∂L/∂W‖, the
# widget's main curve, from a forward and a backward pass written out by hand.

BN_EPSILON = 1e-5


def normalise(z, gamma, beta):
    """Batch norm over the batch's own statistics; what its backward pass needs."""
    mean, variance = z.mean(axis=0), z.var(axis=0)
    z_hat = (z - mean) / np.sqrt(variance + BN_EPSILON)
    return gamma * z_hat + beta, (z_hat, variance, gamma)


def normalise_backward(d_out, cache):
    """∂L/∂z, ∂L/∂γ, ∂L/∂β through batch norm (the batch's mean and variance depend on z too)."""
    z_hat, variance, gamma = cache
    n = len(z_hat)
    d_hat = d_out * gamma
    d_z = (n * d_hat - d_hat.sum(axis=0) - z_hat * (d_hat * z_hat).sum(axis=0)) / (n * np.sqrt(variance + BN_EPSILON))
    return d_z, (d_out * z_hat).sum(axis=0), d_out.sum(axis=0)


def forward_backward(spec, params, x, y):
    """
    Forward: plain layers h = f(BN(h₋₁ W + b)); with skips, layers 2 … L−1 are blocks
    h = h₋₁ + (f(BN(h₋₁)) W + b)/√(L − 2) and the logit reads f(h). Loss: mean logistic loss.
    Backward: the chain rule, layer by layer from the logit down.
    """
    depth, residual, batch_norm = spec['depth'], spec['residual'], spec['batchNorm']
    W, b, gamma, beta = params['W'], params['b'], params['gamma'], params['beta']
    branch_scale = 1 / math.sqrt(max(1, depth - 2))

    def norm(z, l):
        return normalise(z, gamma[l], beta[l]) if batch_norm else (z, None)

    h, caches, outputs = x, [], []
    for l in range(depth - 1):
        if l == 0 or not residual:
            u, bn_cache = norm(h @ W[l] + b[l], l)
            out, slope = activate(spec['activation'], u)
            caches.append((h, bn_cache, slope))
            h = out
        else:
            u, bn_cache = norm(h, l)
            a, slope = activate(spec['activation'], u)
            caches.append((a, bn_cache, slope))
            h = h + (a @ W[l] + b[l]) * branch_scale
        outputs.append(h)
    last_input, last_slope = activate(spec['activation'], h) if residual else (h, None)
    logit = last_input @ W[-1] + b[-1]
    outputs.append(logit)
    loss, d_logit = logistic_loss(logit, y)

    grads = {key: [np.zeros_like(p) for p in params[key]] for key in params}
    grads['W'][-1], grads['b'][-1] = last_input.T @ d_logit, d_logit.sum(axis=0)
    d_h = d_logit @ W[-1].T
    if residual:
        d_h = d_h * last_slope
    for l in reversed(range(depth - 1)):
        layer_input, bn_cache, slope = caches[l]
        if l == 0 or not residual:
            d_z = d_h * slope
            if batch_norm:
                d_z, grads['gamma'][l], grads['beta'][l] = normalise_backward(d_z, bn_cache)
            grads['W'][l], grads['b'][l] = layer_input.T @ d_z, d_z.sum(axis=0)
            d_h = d_z @ W[l].T
        else:
            d_branch = d_h * branch_scale
            grads['W'][l], grads['b'][l] = layer_input.T @ d_branch, d_branch.sum(axis=0)
            d_u = (d_branch @ W[l].T) * slope
            if batch_norm:
                d_u, grads['gamma'][l], grads['beta'][l] = normalise_backward(d_u, bn_cache)
            d_h = d_h + d_u  # the skip passes the gradient on unchanged, the branch adds its own
    return loss, accuracy_of(logit, y), outputs, grads


def starting_params(spec, start_weights):
    """The weights and biases, and with batch norm each hidden layer's scale γ = 1 and shift β = 0."""
    weights, biases = starting_weights(spec, start_weights)
    hidden = spec['depth'] - 1 if spec['batchNorm'] else 0
    return {
        'W': weights,
        'b': biases,
        'gamma': [np.ones(spec['width']) for _ in range(hidden)],
        'beta': [np.zeros(spec['width']) for _ in range(hidden)],
    }


def replay(network, history, points, labels):
    """
    Every recorded step: measured before its update (step 0: at initialisation, no update).
    The widget computes in float32, this in float64: where large weights saturate the units,
    the two part ways after a few steps, as two float32 runs on different hardware would.
    """
    spec = network['spec']
    params = starting_params(spec, network['startWeights'])
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    measured = []
    for s, row in enumerate(history):
        rows = np.array(row['batch']) if 'batch' in row else np.arange(len(points))
        loss, accuracy, outputs, grads = forward_backward(spec, params, points[rows], labels[rows])
        layers = [
            {
                'gradNorm': np.sqrt((g * g).sum()),
                'gradStd': g.std(),
                'weightNorm': np.sqrt((w * w).sum()),
                'activationMean': out.mean(),
                'activationStd': out.std(),
            }
            for g, w, out in zip(grads['W'], params['W'], outputs)
        ]
        measured.append({'loss': loss, 'accuracy': accuracy, 'layers': layers})
        if s > 0:
            every_grad = [g for key in params for g in grads[key]]
            total_norm = np.sqrt(sum((g * g).sum() for g in every_grad))
            clip = spec['clip']
            scale = clip / total_norm if 0 < clip < total_norm else 1.0
            optimizer.update([p for key in params for p in params[key]], [g * scale for g in every_grad])
    return measured


def results_of(measured, state_path, history_path):
    latest = measured[-1]
    results = {f'{history_path}.*.gradNorms': [[layer['gradNorm'] for layer in m['layers']] for m in measured],
               f'{history_path}.*.loss': [m['loss'] for m in measured],
               f'{state_path}.loss': latest['loss'],
               f'{state_path}.accuracy': latest['accuracy']}
    for key in ['gradNorm', 'weightNorm', 'activationMean', 'activationStd', 'gradStd']:
        results[f'{state_path}.layers.*.{key}'] = [layer[key] for layer in latest['layers']]
    return results


export = load_export()
state, history = export['state'], export['history']
points, labels = training_data(state)

results = {}
for network, rows, state_path, history_path in networks_of(state, history):
    results.update(results_of(replay(network, rows, points, labels), state_path, history_path))
report(export, results)
