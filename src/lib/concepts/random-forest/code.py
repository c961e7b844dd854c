# One deep tree, a random forest (bootstrap samples, a random feature per split, majority
# vote, out-of-bag error) and gradient boosting (shallow regression trees on y − p, Newton
# leaves) on the same points, grown tree by tree from the forest's exported random draws.
import math


def best_on_feature(values, target, sample):
    """The threshold of one feature with the largest s_L²/n_L + s_R²/n_R − s²/n (s: sum of the
    targets; on 0/1 targets this is the Gini criterion). Ties go to the lower threshold."""
    order = sample[np.argsort(values[sample], kind='stable')]
    n, total = len(order), target[order].sum()
    best, sum_left = None, 0.0
    for k in range(n - 1):
        sum_left += target[order[k]]
        a, b = values[order[k]], values[order[k + 1]]
        if not a < b:
            continue
        n_left, sum_right = k + 1, total - sum_left
        gain = sum_left ** 2 / n_left + sum_right ** 2 / (n - n_left) - total ** 2 / n
        if gain > 1e-12 and (best is None or gain > best[1] + 1e-12):
            best = (a + (b - a) / 2, gain)
    return best


def grow_tree(features, target, sample, max_depth, hessian=None, first_features=None):
    """A tree grown depth first (left child first) on the points `sample` (repeats count).
    A leaf holds Σ target / Σ hessian (the mean target without a hessian). With
    `first_features`, each split tries only the feature drawn for it (the other one if it cannot split)."""
    draws = iter(first_features) if first_features is not None else None
    nodes = []

    def node(indices, depth):
        weight = hessian[indices].sum() if hessian is not None else len(indices)
        nodes.append({'value': target[indices].sum() / weight if weight > 1e-12 else 0.0, 'split': None})
        return len(nodes) - 1, indices, depth

    stack = [node(sample, 0)]
    while stack:
        id, indices, depth = stack.pop()
        if depth >= max_depth or len(indices) < 2 or (target[indices] == target[indices[0]]).all():
            continue
        if draws is not None:
            first = next(draws)
            groups = [[first], [1 - first]]
        else:
            groups = [[0, 1]]
        split = None
        for group in groups:
            for f in group:
                found = best_on_feature(features[f], target, indices)
                if found and (split is None or found[1] > split[2] + 1e-12):
                    split = (f, found[0], found[1])
            if split:
                break
        if not split:
            continue
        f, threshold, _ = split
        right = node(indices[features[f][indices] > threshold], depth + 1)
        left = node(indices[features[f][indices] <= threshold], depth + 1)
        nodes[id]['split'] = (f, threshold, left[0], right[0])
        stack += [right, left]
    return nodes


def tree_values(nodes, xs, ys):
    """The value of the leaf each point falls in."""
    out = np.empty(len(xs))
    for i, point in enumerate(zip(xs, ys)):
        node = nodes[0]
        while node['split']:
            f, threshold, left, right = node['split']
            node = nodes[left if point[f] <= threshold else right]
        out[i] = node['value']
    return out


def error(predicted, labels):
    return float(np.mean(predicted != labels)) if len(labels) else None


export = load_export()
state, settings = export['state'], export['state']['settings']
train = np.array(state['points'], dtype=float).reshape(-1, 3)
test = np.array(state['testData'], dtype=float).reshape(-1, 3)
n = len(train)
features = [train[:, 0], train[:, 1]]
labels = train[:, 2]
xs, ys = np.r_[train[:, 0], test[:, 0]], np.r_[train[:, 1], test[:, 1]]  # every point scored: training, then test
all_labels = np.r_[labels, test[:, 2]]

deep = grow_tree(features, labels, np.arange(n), max_depth=1000)
deep_vote = tree_values(deep, xs, ys) > 0.5
results = {'state.deepTree.trainError': error(deep_vote[:n], labels), 'state.deepTree.leaves': sum(1 for node in deep if not node['split'])}
if len(test):
    results['state.deepTree.testError'] = error(deep_vote[n:], test[:, 2])

votes, oob_votes, oob_counts = np.zeros(len(xs)), np.zeros(n), np.zeros(n)
# Boosting starts from the log-odds of class B's share; the widget keeps P(B) in float32.
share = min(1 - 1e-3, max(1e-3, labels.mean()))
log_odds = np.full(len(xs), math.log(share / (1 - share)), dtype=np.float32)
history = {name: [] for name in ['forestTrainError', 'forestTestError', 'boostTrainError', 'boostTestError', 'oobError', 'oobCovered']}
for t, draw in enumerate(state['forestDraws'], start=1):
    sample = np.array(draw['sample'])
    one_feature = settings['featuresPerSplit'] == 1
    tree = grow_tree(features, labels, sample, settings['forestDepth'], first_features=draw['firstFeatures'] if one_feature else None)
    vote = (tree_values(tree, xs, ys) > 0.5).astype(float)
    out_of_bag = ~np.isin(np.arange(n), sample)  # points this tree never saw
    votes += vote
    oob_votes += vote[:n] * out_of_bag
    oob_counts += out_of_bag

    p = (1 / (1 + np.exp(-log_odds[:n].astype(float)))).astype(np.float32).astype(float)
    boost_tree = grow_tree(features, labels - p, np.arange(n), settings['boostDepth'], hessian=p * (1 - p))
    log_odds += np.float32(settings['learningRate']) * tree_values(boost_tree, xs, ys).astype(np.float32)

    forest_says, boost_says = votes / t > 0.5, log_odds > 0
    covered = oob_counts > 0
    oob_wrong = ((oob_votes / np.maximum(oob_counts, 1) > 0.5) != labels) & covered
    history['forestTrainError'].append(error(forest_says[:n], labels))
    history['boostTrainError'].append(error(boost_says[:n], labels))
    history['forestTestError'].append(error(forest_says[n:], test[:, 2]))
    history['boostTestError'].append(error(boost_says[n:], test[:, 2]))
    history['oobError'].append(oob_wrong.sum() / covered.sum() if covered.any() else None)
    history['oobCovered'].append(covered.sum())

for name, values in history.items():
    if values and None not in values:
        results[f'history.*.{name}'] = values
if history['forestTrainError']:
    results['state.forest.trainError'] = history['forestTrainError'][-1]
    results['state.forest.oobError'] = history['oobError'][-1]
    results['state.boosting.trainError'] = history['boostTrainError'][-1]
    if len(test):
        results['state.forest.testError'] = history['forestTestError'][-1]
        results['state.boosting.testError'] = history['boostTestError'][-1]
report(export, results)
