# Imbalanced classes: from the classifier's scores on the test set and the true labels,
# the confusion matrix at the threshold, the metrics it gives, ROC AUC (by ranks) and the
# area under the precision-recall curve (average precision).


def ratio(a, b):
    return a / b if b > 0 else None  # 0/0 is left undefined, as in the widget


def confusion(scores, labels, threshold):
    """A point is called positive when its score is at least the threshold."""
    predicted = scores >= threshold
    positive = labels == 1
    return {'tp': int((predicted & positive).sum()), 'fp': int((predicted & ~positive).sum()),
            'tn': int((~predicted & ~positive).sum()), 'fn': int((~predicted & positive).sum())}


def metrics(c):
    recall, specificity = ratio(c['tp'], c['tp'] + c['fn']), ratio(c['tn'], c['tn'] + c['fp'])
    return {'accuracy': ratio(c['tp'] + c['tn'], sum(c.values())), 'precision': ratio(c['tp'], c['tp'] + c['fp']),
            'recall': recall, 'specificity': specificity, 'f1': ratio(2 * c['tp'], 2 * c['tp'] + c['fp'] + c['fn']),
            'balancedAccuracy': None if recall is None or specificity is None else (recall + specificity) / 2}


def midranks(values):
    """Ranks 1…n of the values, tied values sharing the mean of their ranks."""
    order = np.argsort(values, kind='stable')
    ranks = np.empty(len(values))
    sorted_values = values[order]
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        ranks[order[start:end + 1]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def roc_auc(scores, labels):
    """The chance that a random positive scores above a random negative (ties count half):
    the Mann-Whitney U statistic over (positives × negatives)."""
    positives, negatives = (labels == 1).sum(), (labels == 0).sum()
    rank_sum = midranks(scores)[labels == 1].sum()
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def average_precision(scores, labels):
    """Σ (recall_k − recall_{k−1}) · precision_k over the distinct scores, highest first."""
    total_positives, area, last_recall = (labels == 1).sum(), 0.0, 0.0
    for threshold in np.unique(scores)[::-1]:
        called = scores >= threshold
        true_positives = (called & (labels == 1)).sum()
        recall, precision = true_positives / total_positives, true_positives / called.sum()
        area += (recall - last_recall) * precision
        last_recall = recall
    return area


export = load_export()
state = export['state']
scores = np.array(state['scores'], dtype=float)
labels = np.array(state['labels'], dtype=int)
counts = confusion(scores, labels, state['threshold'])

results = {f'state.confusion.{cell}': n for cell, n in counts.items()}
results.update({f'state.metrics.{name}': value for name, value in metrics(counts).items() if value is not None})
results['state.majorityAccuracy'] = (labels == 0).mean()  # always saying "negative"
results['state.aucRoc'] = roc_auc(scores, labels)
results['state.averagePrecision'] = average_precision(scores, labels)
report(export, results)
