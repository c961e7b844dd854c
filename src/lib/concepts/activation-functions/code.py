# Activation functions: replays the widget's training in NumPy (its starting weights, Adam or
# SGD as it was set) for each activation, and counts the dead units of each hidden layer: units
# whose output is the same on every training point, so they pass no gradient back.
import math

LEAK = 0.01  # leaky ReLU's slope below 0
ADAM_EPSILON = 1e-7  # TF.js's default for float32
DEAD_TOLERANCE = 1e-6
erf = np.vectorize(math.erf)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def activate(name, x):
    """The activation f(x) and its slope f′(x), element by element."""
    if name == 'sigmoid':
        s = sigmoid(x)
        return s, s * (1 - s)
    if name == 'tanh':
        t = np.tanh(x)
        return t, 1 - t * t
    if name == 'relu':
        return np.maximum(x, 0), (x > 0).astype(float)
    if name == 'leaky-relu':
        return np.where(x > 0, x, LEAK * x), np.where(x > 0, 1, LEAK)
    if name == 'elu':
        negative = np.minimum(x, 0)
        return np.where(x > 0, x, np.expm1(negative)), np.where(x > 0, 1, np.exp(negative))
    if name == 'gelu':
        cdf = 0.5 * (1 + erf(x / math.sqrt(2)))  # x·Φ(x), the exact GELU
        return x * cdf, cdf + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    if name == 'swish':
        s = sigmoid(x)
        return x * s, s * (1 + x * (1 - s))
    if name == 'softplus':
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))), sigmoid(x)
    return x, np.ones_like(x)  # linear


def forward_backward(activation, weights, biases, x, y):
    """Hidden layers h = f(h₋₁ W + b), then one logit; loss, accuracy, each hidden output, the gradients."""
    inputs, slopes, outputs = [], [], []
    h = x
    for W, b in zip(weights[:-1], biases[:-1]):
        inputs.append(h)
        h, slope = activate(activation, h @ W + b)
        slopes.append(slope)
        outputs.append(h)
    logit = h @ weights[-1] + biases[-1]
    loss = np.mean(np.maximum(logit, 0) - logit * y + np.log1p(np.exp(-np.abs(logit))))
    accuracy = np.mean((logit > 0) == (y > 0.5))

    d_z = (sigmoid(logit) - y) / len(x)  # ∂(mean logistic loss)/∂logit
    weight_grads, bias_grads = [h.T @ d_z], [d_z.sum(axis=0)]
    d_h = d_z @ weights[-1].T
    for l in reversed(range(len(weights) - 1)):
        d_z = d_h * slopes[l]  # a unit with slope 0 on every point (a dead ReLU) passes nothing back
        weight_grads.insert(0, inputs[l].T @ d_z)
        bias_grads.insert(0, d_z.sum(axis=0))
        d_h = d_z @ weights[l].T
    return loss, accuracy, outputs, weight_grads + bias_grads


class Optimizer:
    """TF.js's SGD, momentum (0.9) and Adam, on a list of arrays updated in place."""

    def __init__(self, name, lr):
        self.name, self.lr, self.steps, self.slots = name, lr, 0, None

    def update(self, params, grads):
        if self.slots is None:
            self.slots = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        self.steps += 1
        for p, g, (m, v) in zip(params, grads, self.slots):
            if self.name == 'sgd':
                p -= self.lr * g
            elif self.name == 'momentum':
                m *= 0.9
                m += g
                p -= self.lr * m
            else:
                m[:] = 0.9 * m + 0.1 * g
                v[:] = 0.999 * v + 0.001 * g * g
                m_hat, v_hat = m / (1 - 0.9 ** self.steps), v / (1 - 0.999 ** self.steps)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + ADAM_EPSILON)


def dead_units(outputs):
    """Units of a layer whose output varies by at most DEAD_TOLERANCE over the training set."""
    return int((outputs.max(axis=0) - outputs.min(axis=0) <= DEAD_TOLERANCE).sum())


def replay(network, history, x, y):
    """
    Every recorded step, measured before its update (step 0: at initialisation, no update).
    The widget computes in float32, this in float64: where rounding decides a sign (Adam
    steps the size of the learning rate even for gradients at float32's noise), the two can
    part ways after many steps.
    """
    spec = network['spec']
    fan_outs = [spec['width']] * (spec['depth'] - 1) + [1]
    weights = [np.array(w, dtype=float).reshape(-1, fan_out) for w, fan_out in zip(network['startWeights'], fan_outs)]
    biases = [np.zeros(fan_out) for fan_out in fan_outs]
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    steps = []
    for s in range(len(history)):
        loss, accuracy, outputs, grads = forward_backward(spec['activation'], weights, biases, x, y)
        steps.append({'loss': loss, 'accuracy': accuracy, 'dead': [dead_units(h) for h in outputs]})
        if s > 0:
            optimizer.update(weights + biases, grads)
    return steps


export = load_export()
state, history = export['state'], export['history']
x = np.array(state['data']['points'], dtype=float)
y = np.array(state['data']['labels'], dtype=float).reshape(-1, 1)
networks = [(state, history, 'state', 'history')]
if 'compare' in state:
    networks = [(state, history['a'], 'state', 'history.a'), (state['compare'], history['b'], 'state.compare', 'history.b')]

results = {}
for network, rows, state_path, history_path in networks:
    steps = replay(network, rows, x, y)
    latest, width = steps[-1], network['spec']['width']
    results[f'{history_path}.*.loss'] = [step['loss'] for step in steps]
    results[f'{history_path}.*.accuracy'] = [step['accuracy'] for step in steps]
    results[f'{state_path}.deadUnits'] = latest['dead']
    results[f'{state_path}.deadShares'] = [count / width for count in latest['dead']]
    results[f'{state_path}.loss'] = latest['loss']
    results[f'{state_path}.accuracy'] = latest['accuracy']
report(export, results)
