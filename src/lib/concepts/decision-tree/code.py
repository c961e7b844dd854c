# A decision tree grown greedily, one split per step, breadth first: at each node every
# threshold between neighbouring distinct values of x and of y is a candidate, and the one
# with the largest impurity decrease (entropy or Gini) splits it.
import math


def impurity(criterion, p):
    """Entropy in bits, or Gini impurity 2p(1 − p), of a node whose share of class B is p."""
    if not 0 < p < 1:
        return 0.0
    if criterion == 'gini':
        return 2 * p * (1 - p)
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def gain(criterion, n, b, n_left, b_left):
    """I(parent) − (n_left/n)·I(left) − (n_right/n)·I(right), for n points with b of class B."""
    n_right, b_right = n - n_left, b - b_left
    left = impurity(criterion, b_left / n_left) if n_left else 0.0
    right = impurity(criterion, b_right / n_right) if n_right else 0.0
    return impurity(criterion, b / n) - n_left / n * left - n_right / n * right


def candidates(points, indices, criterion):
    """For x and y: the midpoints between neighbouring distinct values, and each one's gain
    with the counts (points, class-B points) it leaves on its left."""
    labels = points[indices, 2]
    n, b = len(indices), int(labels.sum())
    by_feature = []
    for feature in (0, 1):
        order = np.argsort(points[indices, feature], kind='stable')
        values, b_left = points[indices, feature][order], np.cumsum(labels[order])
        rows = [(values[i] + (values[i + 1] - values[i]) / 2, i + 1, int(b_left[i]))
                for i in range(n - 1) if values[i] < values[i + 1]]
        by_feature.append([(t, n_left, bl, gain(criterion, n, b, n_left, bl)) for t, n_left, bl in rows])
    return by_feature


def best_split(points, indices, criterion, min_leaf):
    """The largest gain with at least min_leaf points on each side (ties: x first, then the lower threshold)."""
    n, b, best = len(indices), int(points[indices, 2].sum()), None
    for feature, rows in enumerate(candidates(points, indices, criterion)):
        for threshold, n_left, b_left, g in rows:
            allowed = n_left >= min_leaf and n - n_left >= min_leaf and g > 1e-12
            if allowed and (best is None or g > best['gain'] + 1e-12):
                best = {'feature': feature, 'threshold': threshold, 'gain': g,
                        'informationGain': gain('entropy', n, b, n_left, b_left), 'giniDecrease': gain('gini', n, b, n_left, b_left)}
    return best


def grow(points, criterion, max_depth, min_leaf, splits):
    """The tree after `splits` steps, and the node the next step would split (None when done)."""
    def node(depth, indices):
        b = int(points[indices, 2].sum())
        return {'depth': depth, 'indices': indices, 'counts': [len(indices) - b, b], 'prediction': int(b > len(indices) - b), 'split': None, 'children': None}
    nodes, queue = [node(0, np.arange(len(points)))], [0]

    def next_to_split():
        while queue:  # nodes that are pure, at the depth limit, too small or without a gain stay leaves
            i = queue.pop(0)
            counts = nodes[i]['counts']
            if min(counts) > 0 and nodes[i]['depth'] < max_depth and sum(counts) >= 2 * min_leaf:
                split = best_split(points, nodes[i]['indices'], criterion, min_leaf)
                if split:
                    return i, split
        return None

    upcoming, last = next_to_split(), None
    for _ in range(splits):
        if upcoming is None:
            break
        i, split = upcoming
        values = points[nodes[i]['indices'], split['feature']]
        nodes[i]['split'], nodes[i]['children'] = split, [len(nodes), len(nodes) + 1]
        nodes.append(node(nodes[i]['depth'] + 1, nodes[i]['indices'][values <= split['threshold']]))
        nodes.append(node(nodes[i]['depth'] + 1, nodes[i]['indices'][values > split['threshold']]))
        queue += nodes[i]['children']
        upcoming, last = next_to_split(), i
    focus = upcoming[0] if upcoming else last
    return nodes, focus


def accuracy(nodes, points, max_depth=math.inf):
    """Share of points whose class the tree (read down to max_depth) gets right."""
    def predict(x, y):
        node = nodes[0]
        while node['children'] and node['depth'] < max_depth:
            value = x if node['split']['feature'] == 0 else y
            node = nodes[node['children'][0 if value <= node['split']['threshold'] else 1]]
        return node['prediction']
    return float(np.mean([predict(x, y) == c for x, y, c in points])) if len(points) else None


export = load_export()
state, params = export['state'], export['params']
points = np.array(state['points'], dtype=float).reshape(-1, 3)
test = np.array(state['testData'] or [], dtype=float).reshape(-1, 3)
criterion, min_leaf = state['criterion'], params['minLeaf']

results = {}
history_train, history_test = [], []
for step in range(len(export['history'])):
    nodes, focus = grow(points, criterion, params['maxDepth'], min_leaf, step)
    history_train.append(accuracy(nodes, points))
    history_test.append(accuracy(nodes, test))
results['history.*.train'] = history_train
if len(test):
    results['history.*.test'] = history_test

split_nodes = [node for node in nodes if node['split']]
for name in ['threshold', 'gain', 'informationGain', 'giniDecrease']:
    results[f'state.splits.*.{name}'] = [node['split'][name] for node in split_nodes]
results['state.splits.*.counts'] = [node['counts'] for node in split_nodes]

if focus is not None:  # the candidates at the node being split (or the last one split)
    for feature, rows in zip('xy', candidates(points, nodes[focus]['indices'], criterion)):
        results[f'state.candidates.{feature}.thresholds'] = [row[0] for row in rows]
        results[f'state.candidates.{feature}.gains'] = [row[3] for row in rows]

# The tree grown to depth 12 and read down to each depth is the tree grown with that max depth.
deep, _ = grow(points, criterion, 12, min_leaf, len(points))
results['state.accuracyByDepth.*.train'] = [accuracy(deep, points, depth) for depth in range(13)]
if len(test):
    results['state.accuracyByDepth.*.test'] = [accuracy(deep, test, depth) for depth in range(13)]
report(export, results)
