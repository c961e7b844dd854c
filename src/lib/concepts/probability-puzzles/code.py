# uses: stats
# Probability puzzles: the exact answer as a fraction (a product, a counting recursion, or
# Conway's numbers for coin patterns), and the Monte Carlo estimate with its 95% interval from
# the trials of the widget's first step.
import math
from fractions import Fraction


def birthdays_all_differ(people, days):
    """d(d − 1)…(d − n + 1) / dⁿ: each person misses the birthdays of everyone before them."""
    free_days = math.prod(max(0, days - i) for i in range(people))
    return Fraction(free_days, days**people)


def two_threes_in_a_row(rolls):
    """Count sequences without "3 3" yet, split by whether they end in a 3, and those that have it."""
    ends_other, ends_three, done = 1, 0, 0
    for _ in range(rolls):
        ends_other, ends_three, done = 5 * (ends_other + ends_three), ends_other, 6 * done + ends_three
    return Fraction(done, 6**rolls)


def conway(x, y):
    """Σ 2^(k−1) over the k for which x's last k flips are y's first k."""
    return sum(2 ** (k - 1) for k in range(1, min(len(x), len(y)) + 1) if x[-k:] == y[:k])


def first_pattern_wins(a, b):
    """P(a shows up before b): the odds of b against a are (AA − AB) : (BB − BA)."""
    return Fraction(conway(b, b) - conway(b, a), conway(a, a) - conway(a, b) + conway(b, b) - conway(b, a))


def event_happens(puzzle, trial, patterns):
    """Whether one trial's draws, as text, show the event."""
    if puzzle == 'birthday':
        days = trial.split()  # "17 250 3 …": one day per person
        return len(set(days)) == len(days)
    if puzzle == 'dice':
        return '33' in trial  # "352…": one face per roll
    a, b = patterns  # "HTTH…": the first pattern to show up wins
    at_a, at_b = trial.find(a), trial.find(b)
    return at_a >= 0 and (at_b < 0 or at_a < at_b)


export = load_export()
params, state = export['params'], export['state']
puzzle, patterns = params['puzzle'], state['patterns']
if puzzle == 'birthday':
    exact = birthdays_all_differ(params['people'], params['days'])
elif puzzle == 'dice':
    exact = two_threes_in_a_row(params['rolls'])
else:
    exact = first_pattern_wins(*patterns)
if '--json' not in sys.argv:
    as_fraction = f'{exact} = ' if 1 < exact.denominator < 10**15 else ''
    print(f'Exact: P({state["event"]}) = {as_fraction}{float(exact):.6g}')
results = {'state.exact.value': float(exact)}

trials = state.get('firstStepDraws')
if trials:
    successes = sum(event_happens(puzzle, trial, patterns) for trial in trials)
    low, high = wilson_interval(successes, len(trials))
    results.update({'history.0.successes': successes, 'history.0.estimate': successes / len(trials), 'history.0.low': low, 'history.0.high': high})

report(export, results)
