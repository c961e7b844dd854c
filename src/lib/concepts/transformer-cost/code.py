# What one layer costs, counted from formulas (one operation = one multiply-add or one
# element-wise function): self-attention over T tokens of width d against a recurrent layer,
# and the remedies that let each query score fewer keys, at the marker's T and at each step.
import math


def operations(t, d, window):
    """Operations of each kind of layer for T tokens of width d."""
    window_keys = min(window, t)
    sparse_keys = min(t, 2 * math.ceil(math.sqrt(t)))  # its block of ⌈√T⌉ and every ⌈√T⌉-th token
    return {
        'attention': t * t * (2 * d + 1),  # QKᵀ (T²d), a softmax exponential per score (T²), weights·V (T²d)
        'rnn': t * d * (2 * d + 1),  # each step: two d × d matrix–vector products and d tanh
        'window': t * window_keys * (2 * d + 1),
        'sparse': t * sparse_keys * (2 * d + 1),
        'linear': 2 * t * d * d + 5 * t * d,  # φ(K)ᵀV and φ(Q)·(that), Td² each, plus 5Td
    }


def memory(t, d, window):
    """Numbers the mixing step holds at once: the score matrix, the summary, or the state."""
    return {
        'attention': t * t,
        'rnn': d,
        'window': t * min(window, t),
        'sparse': t * min(t, 2 * math.ceil(math.sqrt(t))),
        'linear': d * d + d,
    }


export = load_export()
state = export['state']
t, d, window = state['t'], state['d'], state['window']

results = {}
for name, count in operations(t, d, window).items():
    results[f'state.operations.{name}'] = count
for name, count in memory(t, d, window).items():
    results[f'state.memory.{name}'] = count
# Attention costs T²(2d + 1), the recurrent layer Td(2d + 1): the same at T = d. Their
# memories, T² against d, cross at T = √d.
results['state.crossover_t'] = d
results['state.memory_crossover_t'] = math.sqrt(d)

# The marker's path: T at each step, and both layers' operations there.
lengths = [row['t'] for row in export['history']]
results['history.*.attention_flops'] = [operations(length, d, window)['attention'] for length in lengths]
results['history.*.rnn_flops'] = [operations(length, d, window)['rnn'] for length in lengths]
report(export, results, tolerance=1e-6)  # the export rounds √d to 7 digits
