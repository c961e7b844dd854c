# k-means: Lloyd's algorithm, one iteration = assign every point to its nearest centroid,
# then move every centroid to the mean of its points.


def assign(points, centroids):
    """Index of the nearest centroid for every point."""
    squared_distances = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return squared_distances.argmin(axis=1)


def update(points, centroids, labels):
    """Each centroid moves to the mean of its points. An empty cluster takes over the point
    farthest from its own centroid, as the widget (and scikit-learn) does."""
    labels = labels.copy()
    k = len(centroids)
    empty = [j for j in range(k) if not (labels == j).any()]
    if empty:
        distance_to_own = ((points - centroids[labels]) ** 2).sum(axis=1)
        farthest_first = sorted(range(len(points)), key=lambda i: (-distance_to_own[i], i))
        for j in empty:
            for i in farthest_first:
                if distance_to_own[i] > 0 and (labels == labels[i]).sum() > 1:
                    labels[i] = j
                    farthest_first.remove(i)
                    break
    moved = np.array([points[labels == j].mean(axis=0) if (labels == j).any() else centroids[j] for j in range(k)])
    return moved, labels


def inertia(points, centroids, labels):
    """Sum of squared distances from each point to its centroid."""
    return float(((points - centroids[labels]) ** 2).sum())


export = load_export()
points = np.array(export['state']['points'], dtype=float)
centroids = np.array(export['state']['startCentroids'], dtype=float)
iterations = len(export['history'])

inertias, centroid_history = [], []
for _ in range(iterations):
    labels = assign(points, centroids)
    centroids, labels = update(points, centroids, labels)
    inertias.append(inertia(points, centroids, labels))
    centroid_history.append(centroids.copy())

results = {'history.*.inertia': inertias, 'history.*.centroids': centroid_history}
report(export, results)
