# Scaled dot-product self-attention over the widget's tokens: for each head, queries and keys
# Q = X W_q and K = X W_k, scores Q Kᵀ / √d, weights softmax(scores / τ) row by row (a causal
# mask gives no weight to the keys after each query), and outputs weights · V with V = X.


def softmax_rows(logits):
    """Each row's exponentials over their sum; a masked entry (-inf) gets weight 0."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)


def attention_head(tokens, wq, wk, d, temperature, scaled, causal):
    """One head's queries, keys, scores, weights and outputs."""
    queries = tokens @ wq
    keys = tokens @ wk
    scores = queries @ keys.T
    if scaled:
        scores = scores / np.sqrt(d)
    logits = scores / temperature
    if causal:
        after_query = np.triu(np.ones(logits.shape, dtype=bool), k=1)
        logits = np.where(after_query, -np.inf, logits)
    weights = softmax_rows(logits)
    return queries, keys, scores, weights, weights @ tokens


export = load_export()
state = export['state']
tokens = np.array(state['points'], dtype=float).reshape(-1, 2)
d = state['d']

heads = []
for projection in state['projections']:
    wq = np.array(projection['wq'], dtype=float).reshape(2, d)
    wk = np.array(projection['wk'], dtype=float).reshape(2, d)
    heads.append(attention_head(tokens, wq, wk, d, state['temperature'], state['scaled'], state['causal']))


def side_by_side(part):
    """Every head's rows next to each other, as the export keeps them: head 1's numbers, then head 2's…"""
    return np.concatenate([head[part] for head in heads], axis=1) if len(tokens) else []


results = {
    'state.q': side_by_side(0),
    'state.k': side_by_side(1),
    'state.scores': side_by_side(2),
    'state.weights': side_by_side(3),
    'state.output': side_by_side(4),
}
report(export, results)
