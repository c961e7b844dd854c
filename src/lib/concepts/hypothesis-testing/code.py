# uses: stats
# Hypothesis testing: simulated A/A tests (no real difference: any win is a false positive) and
# A/B tests (a real one: a win is a detection), each judged by the pooled two-proportion z-test,
# from the widget's own binomial draws; beside them the closed forms for power and sample size.
import math
from statistics import NormalDist

Z = NormalDist()


def p_value(z):
    """Two-sided: 2(1 − Φ(|z|))."""
    return math.erfc(abs(z) / math.sqrt(2))


def z_statistic(x_a, x_b, users):
    """(p̂B − p̂A) / √(p̄(1 − p̄)·2/n), with the pooled rate p̄; 0 where every user or none converted."""
    pooled = (x_a + x_b) / (2 * users)
    variance = pooled * (1 - pooled) * 2 / users
    with np.errstate(invalid='ignore', divide='ignore'):
        return np.where(variance > 0, (x_b - x_a) / users / np.sqrt(variance), 0.0)


def theory_power(p1, p2, n, alpha):
    """The normal approximation: the test's pooled SE under the null, the true SE of the difference."""
    delta = abs(p2 - p1)
    if delta == 0:
        return None
    z = Z.inv_cdf(1 - alpha / 2)
    pbar = (p1 + p2) / 2
    s0 = math.sqrt(2 * pbar * (1 - pbar) / n)
    s1 = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    if s1 == 0:
        return 1.0 if delta > z * s0 else 0.0
    return Z.cdf((delta - z * s0) / s1) + Z.cdf((-delta - z * s0) / s1)


def sample_size_needed(p1, p2, alpha, power):
    """Users per arm: n = (z₁₋α/₂·√(2p̄q̄) + z_power·√(p1q1 + p2q2))² / Δ², rounded up."""
    delta = abs(p2 - p1)
    if delta == 0:
        return None
    pbar = (p1 + p2) / 2
    root = Z.inv_cdf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar)) + Z.inv_cdf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return max(1, math.ceil((root / delta) ** 2 - 1e-9))


def binomial_table(n, p):
    """Binomial(n, p) counts and probabilities, without the tails below 1e-15 of the mode's."""
    if p <= 0 or p >= 1:
        return np.array([0 if p <= 0 else n]), np.array([1.0])
    k = np.arange(n + 1)
    log_pmf = np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in k]) + k * math.log(p) + (n - k) * math.log1p(-p)
    pmf = np.exp(log_pmf - log_pmf.max())
    kept = pmf >= 1e-15
    return k[kept], pmf[kept] / pmf[kept].sum()


def exact_rejection_rate(n, p_a, p_b, alpha, max_pairs=1_500_000):
    """Σ P(xA)·P(xB) over every pair of counts the z-test rejects; None when there are too many pairs."""
    counts_a, pmf_a = binomial_table(n, p_a)
    counts_b, pmf_b = binomial_table(n, p_b)
    if len(counts_a) * len(counts_b) > max_pairs:
        return None
    rejects = np.abs(z_statistic(counts_a[:, None], counts_b[None, :], n)) >= Z.inv_cdf(1 - alpha / 2)
    return min(1.0, float((pmf_a[:, None] * pmf_b[None, :] * rejects).sum()))


def theory(design, target_power):
    base, rate_b, n, alpha_each, metrics = design['base'], design['rateB'], design['n'], design['alpha_each'], design['metrics']
    familywise = lambda a: 1 - (1 - a) ** metrics  # at least one of m independent tests rejects
    out = {'sample_size_needed': sample_size_needed(base, rate_b, alpha_each, target_power)}
    if design['looks'] == 1:  # peeking has no closed form here
        out['false_positive_rate'] = familywise(alpha_each) if metrics > 1 else design['alpha']
        size = exact_rejection_rate(n, base, base, alpha_each)
        out['false_positive_exact'] = None if size is None else familywise(size)
        out['power'] = theory_power(base, rate_b, n, alpha_each)
        out['power_exact'] = exact_rejection_rate(n, base, rate_b, alpha_each) if rate_b != base else None
    return {f'state.theory.{name}': value for name, value in out.items() if value is not None}


def stopping_look(abs_z, critical):
    """The first look with |z| ≥ the critical value (the experiment stops there), or -1."""
    significant = np.flatnonzero(abs_z >= critical)
    return significant[0] if len(significant) else -1


def simulate(design, conversions):
    """Every experiment from its draws: conversions among the users new at each look, per arm."""
    users = np.array(design['users_at_looks'], dtype=float)
    critical = Z.inv_cdf(1 - design['alpha_each'] / 2)
    so_far = np.cumsum(np.array(conversions, dtype=float), axis=1)  # [experiment, look, arm slot]
    z = z_statistic(so_far[:, :, 0::2], so_far[:, :, 1::2], users[None, :, None])  # [experiment, look, test]
    experiments = []
    # A stop of -1 (never significant) indexes the last look: where such an experiment ends.
    for e in range(len(z)):
        # A/A (every test but the last): any metric significant counts; it reports its best metric.
        best_metric = np.abs(z[e, :, :-1]).max(axis=1)
        aa_stop = stopping_look(best_metric, critical)
        # A/B (the last test).
        ab_stop = stopping_look(np.abs(z[e, :, -1]), critical)
        lift = (so_far[e, ab_stop, -1] - so_far[e, ab_stop, -2]) / users[ab_stop]
        experiments.append({'aa_stop': aa_stop, 'aa_p': p_value(best_metric[aa_stop]), 'ab_stop': ab_stop, 'ab_p': p_value(z[e, ab_stop, -1]), 'ab_lift': lift})
    columns = {name: np.array([experiment[name] for experiment in experiments]) for name in experiments[0]}
    columns['aa_paths'] = [[p_value(value) for value in z[e, :, 0]] for e in range(min(24, len(z)))]  # metric 1
    return columns


export = load_export()
state, design = export['state'], export['state']['design']
design['alpha_each'] = design['alpha'] / design['metrics'] if design['bonferroni'] else design['alpha']  # Bonferroni: α/m
has_effect = design['rateB'] != design['base']
results = theory(design, export['params']['target_power'])

if state.get('conversions'):
    sim = simulate(design, state['conversions'])
    aa_wins, ab_wins = sim['aa_stop'] >= 0, sim['ab_stop'] >= 0
    results['state.p_values'] = sim['ab_p']
    results['state.p_values_aa'] = sim['aa_p']
    results['state.false_positives'] = aa_wins.sum()
    looks = range(design['looks'])
    results['state.stopped_at_look.aa'] = [(sim['aa_stop'] == look).sum() for look in looks]
    results['state.stopped_at_look.ab'] = [(sim['ab_stop'] == look).sum() for look in looks]
    results['state.paths_aa'] = sim['aa_paths']
    rows = [row['experiments'] for row in export['history']]
    rates = {'false_positive_rate': aa_wins}
    if has_effect:
        results['state.detections'] = ab_wins.sum()
        rates['power'] = ab_wins
        if ab_wins.any():  # a significant result's |lift| over the true lift: wins exaggerate
            results['state.exaggeration'] = np.abs(sim['ab_lift'][ab_wins]).mean() / abs(design['rateB'] - design['base'])
    for name, wins in rates.items():
        rate_and_interval = [(wins[:count].mean(), *wilson_interval(wins[:count].sum(), count)) for count in rows]
        for i, part in enumerate(['value', 'low', 'high']):
            results[f'history.*.{name}.{part}'] = [row[i] for row in rate_and_interval]

report(export, results)
