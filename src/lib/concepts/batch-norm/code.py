# uses: network, stats
# Batch normalisation: the same deep network without and with batch norm, in NumPy. It checks
# the widget's numbers in two ways:
#  1. It replays the first steps of training from the starting weights, on the widget's
#     batches: each step's batch loss and the whole set's losses in both modes. A long replay
#     cannot agree: at a large learning rate, at small batches, the run is chaotic, and the
#     rounding of float32 (the widget) and of float64 (this program) soon decide it. So the
#     replay runs twice, once with errors the size of rounding put in, and it is checked only
#     as far as the two agree, and at most MOST_REPLAYED steps.
#  2. For the step the widget shows, it takes the parameters the widget exported (after the
#     latest update, and before it) and measures at them what the widget measured: the whole
#     set in training mode (each batch normalised with its own statistics) and in inference
#     mode (the running statistics), the noise of the batches' statistics for one unit, the
#     latest batch's loss and the running statistics after its update, and the histograms of
#     every layer on that batch.
import base64

BN_EPSILON = 1e-5
BN_MOMENTUM = 0.9  # running ← 0.9 · running + 0.1 · the batch's
BINS = 40  # bars in each of the widget's histograms
ROUNDING = 1e-6  # the errors the second replay gets, relative (float32 keeps about 7 digits)
REPRODUCIBLE = 1e-5  # how close the two replays must be for a step to be checked…
MOST_REPLAYED = 5  # …and at most steps 0 to 4: further on, the widget was seen to part suddenly from a replay that still looked steady


def floats(text):
    """An array the export holds as float32 bytes (little-endian) in base64, as float64."""
    return np.frombuffer(base64.b64decode(text), dtype='<f4').astype(float)


def exported_parameters(spec, exported):
    """The parameters the widget exported: weight matrices (fanIn × fanOut), biases, and per hidden layer γ, β and the running statistics."""
    fan_outs = [spec['width']] * (spec['depth'] - 1) + [1]
    return {
        'W': [floats(w).reshape(-1, fan_out) for w, fan_out in zip(exported['weights'], fan_outs)],
        'b': [floats(b) for b in exported['biases']],
        'gamma': [floats(g) for g in exported['gammas']],
        'beta': [floats(b) for b in exported['betas']],
        'mean': [floats(m) for m in exported['runningMeans']],
        'var': [floats(v) for v in exported['runningVars']],
    }


def starting_parameters(spec, start_weights):
    """The starting weights, zero biases; with batch norm γ = 1, β = 0, running mean 0 and variance 1."""
    weights, biases = starting_weights(spec, start_weights)
    hidden = spec['depth'] - 1 if spec['batchNorm'] else 0
    width = spec['width']
    return {
        'W': weights,
        'b': biases,
        'gamma': [np.ones(width) for _ in range(hidden)],
        'beta': [np.zeros(width) for _ in range(hidden)],
        'mean': [np.zeros(width) for _ in range(hidden)],
        'var': [np.ones(width) for _ in range(hidden)],
    }


@np.errstate(over='ignore', invalid='ignore')  # a network that blows up overflows exp()
def forward(spec, params, x, group_size=None):
    """
    Hidden layers h = f(BN(h₋₁ W + b)), then the logit h W + b. With `group_size`, batch norm
    normalises each run of that many rows with the run's own mean and variance (training mode:
    a step's batch is one run); without it, every row with the running statistics (inference).
    Returns the logit, and per hidden layer what goes into batch norm (z = h₋₁ W + b), what
    comes out (the activation's input u), and what the backward pass needs.
    """
    h, pre, inputs, caches = x, [], [], []
    for l in range(spec['depth'] - 1):
        z = h @ params['W'][l] + params['b'][l]
        z_hat, variance = None, None
        if not spec['batchNorm']:
            u = z
        elif group_size is None:
            u = params['gamma'][l] * (z - params['mean'][l]) / np.sqrt(params['var'][l] + BN_EPSILON) + params['beta'][l]
        else:
            groups = z.reshape(-1, group_size, z.shape[1])
            mean = groups.mean(axis=1, keepdims=True)
            variance = ((groups - mean) ** 2).mean(axis=1, keepdims=True)  # divided by n, as the widget's
            z_hat = ((groups - mean) / np.sqrt(variance + BN_EPSILON)).reshape(z.shape)
            u = params['gamma'][l] * z_hat + params['beta'][l]
        out, slope = activate(spec['activation'], u)
        pre.append(z)
        inputs.append(u)
        caches.append((h, z_hat, variance, slope))
        h = out
    return h @ params['W'][-1] + params['b'][-1], pre, inputs, (h, caches)


def normalise_backward(d_u, z_hat, variance, gamma):
    """∂L/∂z, ∂L/∂γ, ∂L/∂β through batch norm on one batch (its mean and variance depend on z too)."""
    n = len(z_hat)
    d_hat = d_u * gamma
    d_z = (n * d_hat - d_hat.sum(axis=0) - z_hat * (d_hat * z_hat).sum(axis=0)) / (n * np.sqrt(variance.reshape(-1) + BN_EPSILON))
    return d_z, (d_u * z_hat).sum(axis=0), d_u.sum(axis=0)


@np.errstate(over='ignore', invalid='ignore')  # a network that blows up overflows exp()
def training_step(spec, params, x, y):
    """
    A step's forward pass on its batch (normalised with the batch's own statistics) and the
    backward pass by the chain rule. Returns the batch's loss, the layers' z and u, each layer's
    batch mean and variance of z (for the running statistics), the gradients, and for each
    gradient the sum of the sizes of the terms it adds up: rounding can be wrong by float32's
    precision times that (a gradient that is exactly 0, a dead unit's, stays exactly 0).
    """
    logit, pre, inputs, (h, caches) = forward(spec, params, x, group_size=len(x))
    loss, d_logit = logistic_loss(logit, y)
    grads = {key: [np.zeros_like(p) for p in params[key]] for key in ('W', 'b', 'gamma', 'beta')}
    sizes = {key: [np.zeros_like(p) for p in params[key]] for key in grads}
    grads['W'][-1], grads['b'][-1] = h.T @ d_logit, d_logit.sum(axis=0)
    sizes['W'][-1], sizes['b'][-1] = np.abs(h).T @ np.abs(d_logit), np.abs(d_logit).sum(axis=0)
    d_h = d_logit @ params['W'][-1].T
    for l in reversed(range(spec['depth'] - 1)):
        layer_input, z_hat, variance, slope = caches[l]
        d_u = d_h * slope
        d_z = d_u
        if spec['batchNorm']:
            d_z, grads['gamma'][l], grads['beta'][l] = normalise_backward(d_u, z_hat, variance, params['gamma'][l])
            sizes['gamma'][l], sizes['beta'][l] = np.abs(d_u * z_hat).sum(axis=0), np.abs(d_u).sum(axis=0)
        grads['W'][l], grads['b'][l] = layer_input.T @ d_z, d_z.sum(axis=0)
        sizes['W'][l], sizes['b'][l] = np.abs(layer_input).T @ np.abs(d_z), np.abs(d_z).sum(axis=0)
        d_h = d_z @ params['W'][l].T
    moments = [(z.mean(axis=0), z.var(axis=0)) for z in pre]
    return loss, pre, inputs, moments, grads, sizes


def update_running(params, moments):
    """The running statistics after a step: a moving average of the batches' mean and variance."""
    if not moments or not params['mean']:
        return
    params['mean'] = [BN_MOMENTUM * m + (1 - BN_MOMENTUM) * mean for m, (mean, _) in zip(params['mean'], moments)]
    params['var'] = [BN_MOMENTUM * v + (1 - BN_MOMENTUM) * variance for v, (_, variance) in zip(params['var'], moments)]


def evaluation_set(spec, network, x, y):
    """
    The points the widget evaluates the whole set on: whole groups of the batch size, taken
    in the widget's fixed shuffled order of the rows.
    """
    size = max(1, min(spec['batchSize'], len(x)))
    count = size * (len(x) // size)
    rows = np.array(network['evaluationOrder'][:count])
    return x[rows], y[rows], size


@np.errstate(over='ignore', invalid='ignore')  # a network that blows up overflows exp()
def evaluate(spec, params, x, y, size):
    """Loss and accuracy on the whole set in training mode (groups of `size`) and inference mode; the z of layer 1 in training mode."""
    train_logit, train_pre, _, _ = forward(spec, params, x, group_size=size)
    inference_logit = forward(spec, params, x)[0]
    return {
        'trainLoss': logistic_loss(train_logit, y)[0],
        'trainAccuracy': accuracy_of(train_logit, y),
        'inferenceLoss': logistic_loss(inference_logit, y)[0],
        'inferenceAccuracy': accuracy_of(inference_logit, y),
        'groupSize': size,
        'points': len(x),
    }, train_pre[0]


def replay(network, history, x, y, noise=0.0):
    """
    The recorded steps from the starting weights, one at a time: each step's batch loss
    (before its update; step 0 is the measurement at initialisation and applies none), then
    the update (TF.js's optimiser, the running statistics from the batch), then the whole
    set's losses in both modes. With `noise`, every gradient gets a random error of that size
    relative to the terms it sums, and every parameter one relative to itself, as rounding
    leaves them.
    """
    spec = network['spec']
    params = starting_parameters(spec, network['startWeights'])
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    x_set, y_set, size = evaluation_set(spec, network, x, y)
    rng = np.random.default_rng(0)
    for s, row in enumerate(history):
        batch = np.array(row['batch']) if 'batch' in row else np.arange(len(x))
        loss, _, _, moments, grads, sizes = training_step(spec, params, x[batch], y[batch])
        if s > 0:
            keys = ('W', 'b', 'gamma', 'beta')
            if noise:
                grads = {key: [g + noise * size * rng.standard_normal(g.shape) for g, size in zip(grads[key], sizes[key])] for key in keys}
            optimizer.update([p for key in keys for p in params[key]], [g for key in keys for g in grads[key]])
            update_running(params, moments)
            if noise:
                for key in params:
                    for p in params[key]:
                        p *= 1 + noise * rng.standard_normal(p.shape)
        evaluation, _ = evaluate(spec, params, x_set, y_set, size)
        yield {'loss': loss, 'trainLoss': evaluation['trainLoss'], 'inferenceLoss': evaluation['inferenceLoss']}


def reproducible_replay(network, history, x, y):
    """
    The replay, as far as it can be reproduced at all: while a second replay, with errors of
    rounding's size put in, stays within REPRODUCIBLE of it. Beyond that, rounding decides the
    numbers, and the widget's float32 is one more such run that may differ by any amount.
    Some of the ways it goes: a large learning rate or a small batch amplifies every
    difference from one step to the next; and with Adam, the bias b before batch norm, whose
    gradient is 0 but for rounding (batch norm subtracts the batch's mean, so b changes
    nothing), still moves by up to the learning rate each step, since Adam divides a gradient
    by its own size: training mode cannot see that, but the running means, and with them
    inference mode, do.
    """
    rows = []
    with np.errstate(invalid='ignore'):  # a gap between two infinities
        both = zip(replay(network, history[:MOST_REPLAYED], x, y), replay(network, history[:MOST_REPLAYED], x, y, ROUNDING))
        for ours, perturbed in both:
            gaps = [abs(ours[name] - perturbed[name]) / max(1.0, abs(ours[name])) for name in ours]
            if not max(gaps) <= REPRODUCIBLE:  # (also when a number is no longer finite)
                break
            rows.append(ours)
    return rows


def latest_step(network, history, x, y):
    """
    The latest step, from the parameters it started from: its batch's loss, what each layer
    put into batch norm (z) and got out (u), and the running statistics after its update.
    """
    spec = network['spec']
    params = exported_parameters(spec, network['parametersBefore'])
    row = history[-1]
    batch = np.array(row['batch']) if 'batch' in row else np.arange(len(x))
    loss, pre, inputs, moments, _, _ = training_step(spec, params, x[batch], y[batch])
    if len(history) > 1:  # step 0 applied no update
        update_running(params, moments)
    return {'loss': loss, 'pre': pre, 'inputs': inputs, 'running': (params['mean'], params['var'])}


def batch_statistics(z, size, running):
    """Unit 1 of layer 1: each group's mean and spread of z, the whole set's, the running ones, and the RMS of the groups' mean offsets."""
    unit = z[:, 0]
    groups = unit.reshape(-1, size)
    mean, std = unit.mean(), unit.std()
    offsets = (groups.mean(axis=1) - mean) / std if std > 0 else np.zeros(0)
    running_means, running_vars = running
    return {
        'mean': mean,
        'std': std,
        'runningMean': running_means[0][0],
        'runningStd': np.sqrt(running_vars[0][0]),
        'batchMeans': groups.mean(axis=1),
        'batchStds': groups.std(axis=1),
        'rmsMeanOffset': np.sqrt(np.mean(offsets ** 2)) if offsets.size else 0.0,
    }


def middle_range(layers):
    """The middle of the layers' means ± three of their largest spread (at least 1e-6)."""
    means, stds = [values.mean() for values in layers], [values.std() for values in layers]
    spread = max(1e-6, 3 * max(0, max(stds)))
    centre = (min(means) + max(means)) / 2
    return centre - spread, centre + spread


def shared_ranges(layers_of_networks):
    """
    The range of each network's histograms (of one kind, z or u): one range for all when the
    networks' own ranges are of a size, so they compare by eye; each its own when one is more
    than ten times wider than another.
    """
    own = [middle_range(layers) for layers in layers_of_networks]
    widths = [hi - lo for lo, hi in own]
    union = (min(lo for lo, _ in own), max(hi for _, hi in own))
    shared = max(widths) <= 10 * min(widths)
    return [union if shared else r for r in own]


export = load_export()
state, history = export['state'], export['history']
x, y = training_data(state)
networks = networks_of(state, history)
results = {}
latest = []
if any('parameters' not in network for network, _, _, _ in networks):
    sys.exit('This export is older than the program: it has no parameters. Export the widget again.')
for network, rows, state_path, history_path in networks:
    spec = network['spec']
    if not rows:  # its numbers were not finite at initialisation already: nothing recorded
        continue
    # 1. The first steps, replayed from the start.
    replayed = reproducible_replay(network, rows, x, y)
    for s, row in enumerate(replayed):
        for name, value in row.items():
            results[f'{history_path}.{s}.{name}'] = value
    if len(replayed) < min(len(rows), MOST_REPLAYED):
        print(f'{history_path}: rounding decides the run from step {len(replayed)} on: only the steps before it are replayed.', file=sys.stderr)
    # 2. The latest step, at the parameters the widget exported.
    step = latest_step(network, rows, x, y)
    latest.append(step)
    last = len(rows) - 1
    results[f'{history_path}.{last}.loss'] = step['loss']
    x_set, y_set, size = evaluation_set(spec, network, x, y)
    evaluation, z = evaluate(spec, exported_parameters(spec, network['parameters']), x_set, y_set, size)
    if network['evaluation'] is not None:  # the widget measured it (its numbers were finite)
        for name, value in evaluation.items():
            results[f'{state_path}.evaluation.{name}'] = value
        results[f'{history_path}.{last}.trainLoss'] = evaluation['trainLoss']
        results[f'{history_path}.{last}.inferenceLoss'] = evaluation['inferenceLoss']
    if spec['batchNorm'] and network['batchStatistics'] is not None:
        for name, value in batch_statistics(z, size, step['running']).items():
            results[f'{state_path}.batchStatistics.{name}'] = value

# The histograms of each layer on the latest batch. Both networks' ranges come from both
# networks' values at one step, so they are checked when both have recorded the same steps
# (not once one has stopped at a loss that was no longer a finite number).
if len({len(rows) for _, rows, _, _ in networks}) == 1 and not any(network['diverged'] for network, _, _, _ in networks) and len(latest) == len(networks):
    for kind, key in (('pre', 'pre'), ('input', 'inputs')):
        ranges = shared_ranges([step[key] for step in latest])
        for (network, _, state_path, _), step, (lo, hi) in zip(networks, latest, ranges):
            histograms = [histogram(values, lo, hi, BINS) for values in step[key]]
            results[f'{state_path}.layers.*.{kind}.edges'] = [edges for edges, _ in histograms]
            results[f'{state_path}.layers.*.{kind}.counts'] = [counts for _, counts in histograms]

# The widget computes in float32, this in float64. At the exported parameters the losses agree
# to about 1e-6 (to 1e-3 at batches of 2: normalising two values by their own spread magnifies
# rounding); the replayed steps to 1e-4; a histogram count would move by one value in
# batch × width (1e-3 at the default) if a value lay within float32's rounding of a bin's edge.
report(export, results, tolerance=2e-3)
