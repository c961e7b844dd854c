# Gradient descent: every optimizer's path from the same start on the loss surface, with
# the learning-rate schedule, then batch, mini-batch and stochastic descent on a linear
# regression, each batch taken in the order the widget drew.
import ast
import math
import re


def surface_of(state, condition):
    """f(x, y), its gradient and the box a path must stay in, for the export's surface."""
    name = state['surface']
    if name == 'quadratic':  # a bowl `condition` times steeper along y
        return (lambda x, y: (x * x + condition * y * y) / 2), (lambda x, y: (x, condition * y)), ((-2, 2), (-2, 2))
    if name == 'rosenbrock':
        return ((lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2),
                (lambda x, y: (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))), ((-2, 2), (-1, 3)))
    if name == 'himmelblau':
        def gradient(x, y):
            a, b = x * x + y - 11, x + y * y - 7
            return 4 * x * a + 2 * b, 2 * a + 4 * y * b
        return (lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2), gradient, ((-5, 5), (-5, 5))
    if name == 'saddle':
        return (lambda x, y: x * x - y * y), (lambda x, y: (2 * x, -2 * y)), ((-2, 2), (-2, 2))
    if name == 'beale':
        constants = [1.5, 2.25, 2.625]

        def gradient(x, y):
            terms = [(c - x + x * y ** (i + 1), i + 1) for i, c in enumerate(constants)]
            return (sum(2 * t * (y ** p - 1) for t, p in terms), sum(2 * t * p * x * y ** (p - 1) for t, p in terms))
        return (lambda x, y: sum((c - x + x * y ** (i + 1)) ** 2 for i, c in enumerate(constants))), gradient, ((-4.5, 4.5), (-4.5, 4.5))
    # A typed formula: read by a small safe evaluator, and differentiated exactly by carrying
    # each value's gradient along with it (forward-mode automatic differentiation).
    formula = parse_formula(state['formula'])
    value = lambda x, y: evaluate_safely(formula, x, y)
    gradient = lambda x, y: evaluate_safely(formula, Dual(x, (1, 0)), Dual(y, (0, 1))).gradient
    return value, gradient, ((-3, 3), (-3, 3))


class Dual:
    """A number with its gradient (∂/∂x, ∂/∂y): arithmetic on it applies the chain rule."""
    def __init__(self, value, gradient=(0, 0)):
        self.value, self.gradient = value, np.asarray(gradient, dtype=float)

    def __add__(self, other):
        other = lift(other)
        return Dual(self.value + other.value, self.gradient + other.gradient)

    def __sub__(self, other):
        other = lift(other)
        return Dual(self.value - other.value, self.gradient - other.gradient)

    def __mul__(self, other):
        other = lift(other)
        return Dual(self.value * other.value, self.gradient * other.value + self.value * other.gradient)

    def __truediv__(self, other):
        other = lift(other)
        return Dual(self.value / other.value, (self.gradient * other.value - self.value * other.gradient) / other.value ** 2)

    def __pow__(self, other):
        if not isinstance(other, Dual):  # a constant power: d(aᵇ) = b·aᵇ⁻¹·da
            return Dual(self.value ** other, other * self.value ** (other - 1) * self.gradient)
        power = self.value ** other.value
        return Dual(power, power * (other.gradient * math.log(self.value) + other.value * self.gradient / self.value))

    __radd__ = lambda self, other: lift(other) + self
    __rsub__ = lambda self, other: lift(other) - self
    __rmul__ = lambda self, other: lift(other) * self
    __rtruediv__ = lambda self, other: lift(other) / self
    __rpow__ = lambda self, other: lift(other) ** self
    __neg__ = lambda self: Dual(-self.value, -self.gradient)
    __pos__ = lambda self: self


def lift(number):
    return number if isinstance(number, Dual) else Dual(number)


def chain(function, derivative):
    """A function of one number that also takes a Dual, with its derivative."""
    return lambda a: Dual(function(a.value), derivative(a.value) * a.gradient) if isinstance(a, Dual) else function(a)


FUNCTIONS = {
    'sin': chain(math.sin, math.cos), 'cos': chain(math.cos, lambda a: -math.sin(a)),
    'tan': chain(math.tan, lambda a: 1 / math.cos(a) ** 2), 'exp': chain(math.exp, math.exp),
    'log': chain(math.log, lambda a: 1 / a), 'sqrt': chain(math.sqrt, lambda a: 0.5 / math.sqrt(a)),
    'abs': chain(abs, lambda a: math.copysign(1, a) if a else math.nan),
    'tanh': chain(math.tanh, lambda a: 1 - math.tanh(a) ** 2), 'sinh': chain(math.sinh, math.cosh),
    'cosh': chain(math.cosh, math.sinh), 'atan': chain(math.atan, lambda a: 1 / (1 + a * a)),
}
OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
             ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


def parse_formula(text):
    """The formula as a Python syntax tree; "2 x" (implicit multiplication) is 2·x, ^ is a power."""
    return ast.parse(re.sub(r'(?<=[\w)])\s+(?=[\w(])', '*', text).replace('^', '**'), mode='eval').body


def evaluate(node, x, y):
    """Only numbers, x, y, pi, e, + - * / ^ and the functions above: anything else is refused."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name):
        return {'x': x, 'y': y, 'pi': math.pi, 'e': math.e}[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](evaluate(node.left, x, y), evaluate(node.right, x, y))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = evaluate(node.operand, x, y)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and len(node.args) == 1:
        return FUNCTIONS[node.func.id](evaluate(node.args[0], x, y))
    raise ValueError(f'not allowed in a formula: {ast.dump(node)}')


def evaluate_safely(formula, x, y):
    """f (or its Dual) at (x, y); NaN where it is undefined, as the widget treats it."""
    try:
        result = evaluate(formula, x, y)
    except (ValueError, TypeError, ZeroDivisionError, OverflowError):  # TypeError: a complex power
        result = Dual(math.nan, (math.nan, math.nan))
    return lift(result) if isinstance(x, Dual) else float(lift(result).value)


def scheduled_rate(schedule, t):
    """The learning rate of update t (from 0) under the widget's schedule."""
    eta, total, warmup, period = schedule['baseRate'], schedule['totalSteps'], schedule['warmup'], schedule['period']
    def half_cosine(progress):
        return (1 + math.cos(math.pi * min(1, max(0, progress)))) / 2
    name = schedule['name']
    if name == 'step':
        return eta * 0.5 ** (t // period)
    if name == 'exp':
        return eta * 0.01 ** (t / total)
    if name == 'cosine':
        return eta * half_cosine(t / total)
    if name == 'warmup-cosine':
        return eta * ((t + 1) / warmup) if t < warmup else eta * half_cosine((t - warmup) / (total - warmup))
    if name == 'restarts':
        return eta * half_cosine((t % period) / period)
    return eta


def optimizer(name, hp):
    """One update of the named rule, as a function (x, g, lr, slots) -> new x; slots keeps its running averages."""
    def step(x, g, lr, slots):
        slots['t'] = slots.get('t', 0) + 1
        if name == 'sgd':
            return x - lr * g
        if name in ('momentum', 'nesterov'):
            v = slots['v'] = hp['momentum'] * slots.get('v', 0) + g
            return x - lr * (g + hp['momentum'] * v if name == 'nesterov' else v)
        if name == 'adagrad':
            s = slots['s'] = slots.get('s', hp['initialAccumulator']) + g * g
            return x - lr * g / np.sqrt(s + hp['epsilon'])
        if name == 'rmsprop':
            r = slots['r'] = hp['rho'] * slots.get('r', 0) + (1 - hp['rho']) * g * g
            p = slots['p'] = hp['momentum'] * slots.get('p', 0) + lr * g / np.sqrt(r + hp['epsilon'])
            return x - p
        # The Adam family: bias-corrected averages of g and g².
        m = slots['m'] = hp['beta1'] * slots.get('m', 0) + (1 - hp['beta1']) * g
        v = slots['v'] = hp['beta2'] * slots.get('v', 0) + (1 - hp['beta2']) * g * g
        if name == 'amsgrad':  # the largest v so far
            v = slots['v_max'] = np.maximum(slots.get('v_max', 0), v)
        m_hat, v_hat = m / (1 - hp['beta1'] ** slots['t']), v / (1 - hp['beta2'] ** slots['t'])
        decay = hp.get('weightDecay', 0) if name == 'adamw' else 0  # AdamW shrinks x itself
        return x - lr * (m_hat / (np.sqrt(v_hat) + hp['epsilon']) + decay * x)
    return step


def descend(start, value, gradient, update, box, steps, tolerance):
    """Positions and losses until the gradient is below `tolerance`, the path leaves `box`,
    the loss blows up, or `steps` updates are done (the widget's stopping rules)."""
    x = np.array(start, dtype=float)
    path, losses = [x.copy()], [value(*x)]
    inside = lambda p: box[0][0] <= p[0] <= box[0][1] and box[1][0] <= p[1] <= box[1][1]
    if not math.isfinite(losses[0]) or not inside(x):
        return path, losses
    for t in range(steps):
        g = np.array(gradient(*x), dtype=float)
        norm = math.hypot(*g)
        if norm < tolerance or not math.isfinite(norm):
            break
        with np.errstate(all='ignore'):
            x = update(t, x, g)
            loss = value(*x)
        if not (np.isfinite(x).all() and math.isfinite(loss)):
            break
        path.append(x.copy())
        losses.append(loss)
        if not inside(x):
            break
    return path, losses


def surface_runs(export):
    state = export['state']
    value, gradient, box = surface_of(state, export['params']['cond'])
    noise = state['gradientNoise'] * np.array(state['noiseDraws'] or [[0, 0]] * export['params']['steps'])
    runs = []
    for run in state['optimizers']:
        step, slots = optimizer(run['name'], run['hyperparams']), {}
        update = lambda t, x, g, step=step, slots=slots: step(x, g + noise[t], scheduled_rate(state['schedule'], t), slots)
        runs.append(descend(state['start'], value, gradient, update, box, export['params']['steps'], state['tolerance']))
    return runs


def regression_runs(export):
    """Plain descent on the mean squared error of y ≈ w·x + b, one update per batch."""
    batch, params = export['state']['batch'], export['params']
    xs, ys = np.array(batch['data'], dtype=float).T
    n = len(xs)
    least_squares = np.linalg.lstsq(np.c_[xs, np.ones(n)], ys, rcond=None)[0]
    mse = lambda w, b: float(np.mean((w * xs + b - ys) ** 2))
    mse_gradient = lambda w, b, i=slice(None): (2 * np.mean((w * xs[i] + b - ys[i]) * xs[i]), 2 * np.mean(w * xs[i] + b - ys[i]))
    box = ((least_squares[0] - 50, least_squares[0] + 50), (least_squares[1] - 50, least_squares[1] + 50))
    schedule = dict(export['state']['schedule'], baseRate=batch['lr'])
    results = {'state.batch.solution': least_squares}
    for k, run in enumerate(batch['runs']):
        if run['epochOrders'] is None:
            continue  # too many epochs to export their orders
        m = run['batchSize']
        # Update t uses the next m examples of the current epoch's order (the last batch of an
        # epoch may be smaller); full batch uses all the data every time.
        epochs = run['epochOrders'] if m < n else [list(range(n))] * params['steps']
        batches = [order[start:start + m] for order in epochs for start in range(0, n, m)]
        update = lambda t, x, g, batches=batches: x - scheduled_rate(schedule, t) * np.array(mse_gradient(*x, batches[t]))
        path, losses = descend(batch['start'], mse, lambda w, b: mse_gradient(w, b), update, box, params['steps'], params['tol'])
        results[f'state.batch.runs.{k}.path'] = path
        results[f'state.batch.runs.{k}.loss'] = losses
    return results


export = load_export()
results = {}
for k, (path, losses) in enumerate(surface_runs(export)):
    results[f'state.optimizers.{k}.path'] = path
    results[f'state.optimizers.{k}.loss'] = losses
results['history.*.lr'] = [scheduled_rate(export['state']['schedule'], t) for t in range(len(export['history']))]
results.update(regression_runs(export))
report(export, results)
