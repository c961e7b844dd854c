# uses: network, stats
# Weight initialisation: replays the widget's training in NumPy from its starting weights and
# measures, at every step, the spread of each hidden layer's outputs over the training set,
# the histograms of the latest step, and how many units of each layer are really different.

BINS = 40  # bars in each of the widget's histograms


def distinct_units(W, tolerance=1e-5):
    """Units (columns of W) whose incoming weights differ: equal within tolerance × the largest weight."""
    limit = tolerance * max(np.abs(W).max(), 1e-12)
    kinds = []
    for j in range(W.shape[1]):
        if not any(np.all(np.abs(W[:, j] - W[:, k]) <= limit) for k in kinds):
            kinds.append(j)
    return len(kinds)


def replay(network, history, x, y):
    """
    Every recorded step, measured before its update (step 0: at initialisation, no update).
    The widget computes in float32, this in float64: where rounding decides a sign (Adam
    steps the size of the learning rate even for gradients at float32's noise, as of dead
    ReLUs), the two part ways after a few steps.
    """
    spec = network['spec']
    weights, biases = starting_weights(spec, network['startWeights'])
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    steps = []
    for s in range(len(history)):
        loss, _, outputs, weight_grads, bias_grads = forward_backward(spec['activation'], weights, biases, x, y)
        steps.append({'loss': loss, 'outputs': outputs, 'gradStds': [g.std() for g in weight_grads]})
        if s > 0:
            optimizer.update(weights + biases, weight_grads + bias_grads)
    # The widget counts distinct units on the weights after the latest update.
    distinct = [distinct_units(W) for W in weights[:-1]]
    return steps, distinct


def histogram_range(activation, means, stds):
    """Three of the largest spread either side of the layers' middle, within the activation's range."""
    spread = max(1e-6, 3 * max(0, max(stds)))
    centre = (min(means) + max(means)) / 2

    def bounded(lo, hi):
        return (lo, hi) if spread >= 0.3 * (hi - lo) else (max(lo, centre - spread), min(hi, centre + spread))

    if activation == 'tanh':
        return bounded(-1, 1)
    if activation == 'sigmoid':
        return bounded(0, 1)
    if activation == 'relu':
        return 0, max(1e-6, centre + spread)
    return centre - spread, centre + spread


export = load_export()
state, history = export['state'], export['history']
x, y = training_data(state)
networks = networks_of(state, history)

replays = [replay(network, rows, x, y) for network, rows, _, _ in networks]
activation = state['spec']['activation']
# Both networks' histograms share one range, so that they compare by eye.
ranges = [histogram_range(activation, [o.mean() for o in steps[-1]['outputs']], [o.std() for o in steps[-1]['outputs']]) for steps, _ in replays]
lo, hi = min(r[0] for r in ranges), max(r[1] for r in ranges)

results = {}
for (network, rows, state_path, history_path), (steps, distinct) in zip(networks, replays):
    latest = steps[-1]
    histograms = [histogram(outputs, lo, hi, BINS) for outputs in latest['outputs']]
    results[f'{history_path}.*.activationStd'] = [[o.std() for o in step['outputs']] for step in steps]
    results[f'{history_path}.*.loss'] = [step['loss'] for step in steps]
    results[f'{state_path}.layers.*.activationMean'] = [o.mean() for o in latest['outputs']]
    results[f'{state_path}.layers.*.activationStd'] = [o.std() for o in latest['outputs']]
    results[f'{state_path}.layers.*.gradStd'] = latest['gradStds'][:-1]
    results[f'{state_path}.layers.*.histogram.edges'] = [edges for edges, _ in histograms]
    results[f'{state_path}.layers.*.histogram.counts'] = [counts for _, counts in histograms]
    results[f'{state_path}.distinct'] = distinct
    results[f'{state_path}.loss'] = latest['loss']
# Histogram counts are fractions of 512 × width outputs: a value within float32's rounding of a
# bin edge may fall on the other side here, which moves a count by 1/(512 × width), up to 5e-4.
report(export, results, tolerance=1e-3)
