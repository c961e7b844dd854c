# A kernel SVM trained by SMO (sequential minimal optimisation, LIBSVM's pair choice) on the
# standardised points, step by step as the widget does; then what the dual coefficients α
# give: the bias, the dual and primal objectives, the margin, the weights, the accuracies.
import math


def standardise(points, scaling):
    return np.c_[(points[:, 0] - scaling['mx']) / scaling['sx'], (points[:, 1] - scaling['my']) / scaling['sy']]


def kernel(a, b, spec):
    """The kernel between every row of a and every row of b, operation by operation in float32
    as TF.js computes it in the widget (exp and powers in double, then rounded): SMO below then
    picks the same pairs, where a last-bit difference could send it along another path."""
    f32 = np.float32
    a, b = a.astype(f32), b.astype(f32)
    dot = a[:, None, 0] * b[None, :, 0] + a[:, None, 1] * b[None, :, 1]
    squared_a, squared_b = (a ** 2).sum(1)[:, None], (b ** 2).sum(1)[None, :]
    if spec['kernel'] == 'linear':
        K = dot
    elif spec['kernel'] == 'lift':  # the features (x, y, x² + y²)
        K = dot + squared_a * squared_b
    elif spec['kernel'] == 'poly':
        K = ((dot * f32(spec['gamma']) + f32(1)).astype(float) ** spec['degree']).astype(f32)
    else:
        distance = np.maximum(f32(0), squared_a + squared_b - dot * f32(2))  # ‖a − b‖²
        K = np.exp((distance * f32(-spec['gamma'])).astype(float)).astype(f32)
    return K.astype(float)


def in_up(y, alpha, C):
    return np.where(y > 0, alpha < C, alpha > 0)


def in_low(y, alpha, C):
    return np.where(y > 0, alpha > 0, alpha < C)


def working_pair(y, alpha, G, C, K):
    """i: the largest −yG in I_up; j: in I_low, the partner whose update lowers the dual most
    (second-order choice). Also the extremes of −yG over I_up and I_low, for the stopping test."""
    score = -y * G
    up_set, low_set = in_up(y, alpha, C), in_low(y, alpha, C)
    up = score[up_set].max() if up_set.any() else -np.inf
    low = score[low_set].min() if low_set.any() else np.inf
    i = int(np.flatnonzero(up_set)[np.argmax(score[up_set])]) if up_set.any() else -1
    j = -1
    if i >= 0:
        gap = up + y * G
        curvature = K[i, i] + np.diag(K) - 2 * K[i]
        gain = -gap ** 2 / np.where(curvature > 0, curvature, 1e-12)
        candidates = np.flatnonzero(low_set & (gap > 0))
        if len(candidates):
            j = int(candidates[np.argmin(gain[candidates])])
    return i, j, up, low


def violation(up, low):
    return max(0.0, up - low) if np.isfinite(up) and np.isfinite(low) else 0.0


def smo(y, K, C, alpha, G, pairs, tolerance=1e-3):
    """Up to `pairs` updates of two α at a time, keeping Σ αᵢyᵢ = 0; G = Qα − 1 is the dual's gradient."""
    alpha, G = alpha.copy(), G.copy()
    done = 0
    i, j, up, low = working_pair(y, alpha, G, C, K)
    while done < pairs and violation(up, low) >= tolerance and j >= 0:
        curvature = K[i, i] + K[j, j] - 2 * K[i, j]
        t = (-y[i] * G[i] + y[j] * G[j]) / (curvature if curvature > 0 else 1e-12)
        t = min(t, C - alpha[i] if y[i] > 0 else alpha[i], alpha[j] if y[j] > 0 else C - alpha[j])
        alpha[i] = min(C, max(0, alpha[i] + y[i] * t))
        alpha[j] = min(C, max(0, alpha[j] - y[j] * t))
        G += y * t * (K[:, i] - K[:, j])
        done += 1
        i, j, up, low = working_pair(y, alpha, G, C, K)
    return alpha, G, done, violation(up, low), (up, low)


def bias(y, alpha, G, C, up_low):
    """b from the free support vectors (0 < α < C), where yᵢf(xᵢ) = 1; else the middle of the allowed interval."""
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return float((-y * G)[free].mean())
    up, low = up_low
    return (up + low) / 2 if np.isfinite(up) and np.isfinite(low) else (up if np.isfinite(up) else (low if np.isfinite(low) else 0.0))


def summary(y, alpha, G, C, b):
    scores = y * (G + 1) + b  # f(xᵢ) = Σⱼ αⱼyⱼKᵢⱼ + b
    quadratic = max(0.0, float(alpha @ (G + 1)))  # αᵀQα
    return {'dual': alpha.sum() - quadratic / 2, 'primal': quadratic / 2 + C * np.maximum(0, 1 - y * scores).sum(),
            'marginWidth': 2 / math.sqrt(quadratic) if quadratic > 0 else None,
            'trainAccuracy': np.mean(np.where(scores > 0, 1, -1) == y), 'supportCount': int((alpha > 1e-8 * C).sum())}


export = load_export()
state = export['state']
points = np.array(state['points'], dtype=float).reshape(-1, 3)
y = np.where(points[:, 2] == 1, 1.0, -1.0)
C, spec, scaling = state['C'], state['kernel'], state['scaling']
xy = standardise(points, scaling)
K = kernel(xy, xy, spec)

alpha, G, pairs_made = np.zeros(len(y)), -np.ones(len(y)), 0
history = {'pairs': [0], 'dual': [0.0], 'supportVectors': [0]}
for _ in export['history'][1:]:  # one Step: 25 pairs at first, then a quarter of those made so far
    pairs = max(25, min(pairs_made // 4, 200_000 // max(1, len(y))))
    alpha, G, done, kkt, up_low = smo(y, K, C, alpha, G, pairs)
    pairs_made += done
    s = summary(y, alpha, G, C, bias(y, alpha, G, C, up_low))
    history['pairs'].append(pairs_made)
    history['dual'].append(s['dual'])
    history['supportVectors'].append(s['supportCount'])

b = bias(y, alpha, G, C, up_low) if pairs_made else None
results = {f'history.*.{name}': values for name, values in history.items()}
if b is not None:
    s = summary(y, alpha, G, C, b)
    results.update({'state.alpha': alpha, 'state.bias': b, 'state.dual': s['dual'], 'state.primal': s['primal'],
                    'state.trainAccuracy': s['trainAccuracy'], 'state.pairs': pairs_made,
                    'state.atBound': int((alpha >= C * (1 - 1e-9)).sum())})
    if s['marginWidth'] is not None:
        results['state.marginWidth'] = s['marginWidth']
    if spec['kernel'] in ('linear', 'lift'):  # w = Σ αᵢyᵢφ(xᵢ), with φ = (x, y) or (x, y, x² + y²)
        lifted = np.c_[xy, (xy ** 2).sum(1) if spec['kernel'] == 'lift' else np.zeros(len(y))]
        results['state.weights'] = (alpha * y) @ lifted
    if state['testData']:
        test = np.array(state['testData'], dtype=float)
        f_test = kernel(standardise(test, scaling), xy, spec) @ (alpha * y) + b
        results['state.testAccuracy'] = np.mean(np.where(f_test > 0, 1, -1) == np.where(test[:, 2] == 1, 1, -1))
report(export, results)
