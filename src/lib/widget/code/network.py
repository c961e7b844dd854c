# The network's pieces, shared by the programs that replay a widget's training: the
# activations, the logistic loss, a plain fully connected network's forward and backward
# pass (with dropout if asked), and TF.js's optimisers. A program that needs more (skips,
# batch norm, clipping) writes that part itself, below.
import math

LEAK = 0.01  # leaky ReLU's slope below 0
ADAM_EPSILON = 1e-7  # TF.js's default for float32
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


def logistic_loss(logit, y):
    """
    The mean logistic loss of the logits against the labels (0 or 1), and its gradient
    ∂L/∂logit. log(1 + e^z) − z·y is written as max(z, 0) − z·y + log(1 + e^−|z|), so that
    e^z cannot overflow for a large logit.
    """
    loss = np.mean(np.maximum(logit, 0) - logit * y + np.log1p(np.exp(-np.abs(logit))))
    return loss, (sigmoid(logit) - y) / len(logit)


def accuracy_of(logit, y):
    """The share of points on the right side of the boundary (logit > 0 means label 1)."""
    return np.mean((logit > 0) == (y > 0.5))


def starting_weights(spec, start_weights):
    """The widget's starting weights (flat lists in the export) as matrices, and zero biases."""
    fan_outs = [spec['width']] * (spec['depth'] - 1) + [1]
    weights = [np.array(w, dtype=float).reshape(-1, fan_out) for w, fan_out in zip(start_weights, fan_outs)]
    biases = [np.zeros(fan_out) for fan_out in fan_outs]
    return weights, biases


def forward_backward(activation, weights, biases, x, y, masks=None):
    """
    Forward: hidden layers h = f(h₋₁ W + b), then one logit h W + b. Backward: the chain rule
    from the logit down. Returns the loss, the accuracy, each hidden layer's output, and
    ∂L/∂W and ∂L/∂b of every layer. With dropout, `masks` holds what each hidden layer's
    outputs are multiplied by before the next layer reads them (the outputs returned are
    those before it).
    """
    inputs, slopes, outputs = [], [], []
    h = x
    for l, (W, b) in enumerate(zip(weights[:-1], biases[:-1])):
        inputs.append(h)
        h, slope = activate(activation, h @ W + b)
        slopes.append(slope)
        outputs.append(h)
        if masks is not None:
            h = h * masks[l]
    logit = h @ weights[-1] + biases[-1]
    loss, d_z = logistic_loss(logit, y)

    weight_grads, bias_grads = [h.T @ d_z], [d_z.sum(axis=0)]
    d_h = d_z @ weights[-1].T
    for l in reversed(range(len(weights) - 1)):
        if masks is not None:
            d_h = d_h * masks[l]
        d_z = d_h * slopes[l]  # a unit with slope 0 on every point (a dead ReLU) passes nothing back
        weight_grads.insert(0, inputs[l].T @ d_z)
        bias_grads.insert(0, d_z.sum(axis=0))
        d_h = d_z @ weights[l].T
    return loss, accuracy_of(logit, y), outputs, weight_grads, bias_grads


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


def training_data(state):
    """The training points and their labels (a column of 0s and 1s) from the export's state."""
    x = np.array(state['data']['points'], dtype=float)
    y = np.array(state['data']['labels'], dtype=float).reshape(-1, 1)
    return x, y


def networks_of(state, history):
    """
    Each network the widget trained, with its recorded steps and where its numbers go in
    the export: one, or two side by side when the widget compares ('state.compare').
    """
    if 'compare' in state:
        return [(state, history['a'], 'state', 'history.a'), (state['compare'], history['b'], 'state.compare', 'history.b')]
    return [(state, history, 'state', 'history')]
