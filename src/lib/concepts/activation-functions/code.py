# uses: network
# Activation functions: replays the widget's training in NumPy (its starting weights, Adam or
# SGD as it was set) for each activation, and counts the dead units of each hidden layer: units
# whose output is the same on every training point, so they pass no gradient back.

DEAD_TOLERANCE = 1e-6


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
    weights, biases = starting_weights(spec, network['startWeights'])
    optimizer = Optimizer(spec['optimizer'], spec['lr'])
    steps = []
    for s in range(len(history)):
        loss, accuracy, outputs, weight_grads, bias_grads = forward_backward(spec['activation'], weights, biases, x, y)
        steps.append({'loss': loss, 'accuracy': accuracy, 'dead': [dead_units(h) for h in outputs]})
        if s > 0:
            optimizer.update(weights + biases, weight_grads + bias_grads)
    return steps


export = load_export()
state, history = export['state'], export['history']
x, y = training_data(state)

results = {}
for network, rows, state_path, history_path in networks_of(state, history):
    steps = replay(network, rows, x, y)
    latest, width = steps[-1], network['spec']['width']
    results[f'{history_path}.*.loss'] = [step['loss'] for step in steps]
    results[f'{history_path}.*.accuracy'] = [step['accuracy'] for step in steps]
    results[f'{state_path}.deadUnits'] = latest['dead']
    results[f'{state_path}.deadShares'] = [count / width for count in latest['dead']]
    results[f'{state_path}.loss'] = latest['loss']
    results[f'{state_path}.accuracy'] = latest['accuracy']
report(export, results)
