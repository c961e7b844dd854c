# uses: network
# Overfitting: replays the widget's training in NumPy (full-batch Adam, with the chosen remedies:
# more data, L2 weight decay, dropout with the widget's masks, early stopping, a smaller network)
# and measures the loss on the whole training set and on the validation set after every epoch.
import base64


def labelled(triples):
    """Points as [x, y, class] triples: the points and a column of labels."""
    table = np.array(triples, dtype=float).reshape(-1, 3)
    return table[:, :2], table[:, 2:]


def dropout_masks(row, spec):
    """
    What each hidden layer's outputs were multiplied by in this epoch: 1/(1 − p) where the widget
    kept an output, 0 where it silenced it (inverted dropout); None without dropout. The export
    holds the kept outputs as bits, eight to a byte, in base64.
    """
    packed = row.get('dropoutKept')
    if not packed:
        return None
    rate, width = spec['dropout'], spec['width']
    masks = []
    for layer in packed:
        bits = np.unpackbits(np.frombuffer(base64.b64decode(layer), dtype=np.uint8))
        kept = bits[: bits.size - bits.size % width].reshape(-1, width)
        masks.append(kept / (1 - rate))
    return masks


def loss_of(spec, weights, biases, x, y):
    """The logistic loss of the whole set, without dropout (as the widget measures it)."""
    return forward_backward(spec['activation'], weights, biases, x, y)[0]


def best_of(curve):
    """The index of the lowest validation loss (the first, if several are equal)."""
    return int(np.argmin(curve))


def replay(network, history):
    """
    Every recorded epoch: the loss of the training batch (with dropout), then the update (not at
    epoch 0, the initial state), then the losses of the whole training and validation sets.
    The objective is the loss + λ·Σ‖W‖², so each weight's gradient gains 2λW (biases: none).
    Early stopping, once the validation loss has not fallen for `patience` epochs, puts back the
    weights of its lowest point and ends training.
    """
    spec = network['spec']
    x, y = labelled(network['points'])
    x_val, y_val = labelled(network['validationPoints'])
    weights, biases = starting_weights(spec, network['startWeights'])
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    decay, patience = spec.get('weightDecay') or 0, spec.get('patience') or 0
    epoch, best, stopped = 0, None, False
    rows = []
    for s, row in enumerate(history):
        loss, _, _, weight_grads, bias_grads = forward_backward(spec['activation'], weights, biases, x, y, dropout_masks(row, spec))
        if s > 0 and not stopped:
            weight_grads = [g + 2 * decay * W for g, W in zip(weight_grads, weights)]
            optimizer.update(weights + biases, weight_grads + bias_grads)
            epoch += 1
        validation_loss = loss_of(spec, weights, biases, x_val, y_val)
        rows.append({'epoch': epoch, 'loss': loss, 'trainLoss': loss_of(spec, weights, biases, x, y), 'validationLoss': validation_loss})
        if patience > 0 and not stopped:
            if best is None or validation_loss < best['loss']:
                best = {'loss': validation_loss, 'epoch': epoch}
            elif epoch - best['epoch'] >= patience:
                stopped = True
    return rows, stopped


def standing(rows, stopped):
    """The model's epoch and losses (the best epoch's, once early stopping has ended training), and the best epoch."""
    best = best_of([row['validationLoss'] for row in rows])
    model = rows[best] if stopped else rows[-1]
    return {'epoch': model['epoch'], 'trainLoss': model['trainLoss'], 'validationLoss': model['validationLoss'], 'bestEpoch': rows[best]['epoch']}


export = load_export()
results = {}
for network, history, state_path, history_path in networks_of(export['state'], export['history']):
    if network['spec'].get('dropout') and not any(row.get('dropoutKept') for row in history):
        # The widget records the masks only for networks of up to 65,536 hidden outputs an epoch.
        print(f'{state_path}: this network is too large for the export to carry its dropout masks, so its run cannot be replayed here.', file=sys.stderr)
        continue
    rows, stopped = replay(network, history)
    for name in ('loss', 'trainLoss', 'validationLoss'):
        results[f'{history_path}.*.{name}'] = [row[name] for row in rows]
    for name, value in standing(rows, stopped).items():
        results[f'{state_path}.{name}'] = value
# The widget computes in float32, this in float64: gaps of 1e-6 at the default settings, more
# (up to 1e-4 seen) at large learning rates, where Adam carries rounding further.
report(export, results, tolerance=1e-3)
