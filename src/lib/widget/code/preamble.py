"""
The code behind an ML Explorables widget, as a plain Python (NumPy) program.

Run it as downloaded (the widget's export is inside it), or on a file saved with the
widget's "Export data":   python3 this_program.py <slug>-<seed>.json
It recomputes the widget's numbers from the parameters and data in the export and prints
them beside the widget's own. With --json it prints only what it computed, as JSON.
In a notebook, paste it into a cell: it uses the export inside it.
"""
import json
import sys

import numpy as np

EXPORT_JSON = None  # the widget's export: filled in when the program is downloaded


def load_export():
    """The export named on the command line, or the one inside this program."""
    in_notebook = 'ipykernel' in sys.modules
    files = [] if in_notebook else [arg for arg in sys.argv[1:] if arg.endswith('.json')]
    if files:
        with open(files[0], encoding='utf-8') as file:
            return json.load(file)
    if EXPORT_JSON is None:
        sys.exit('No export: run this with the file the widget\'s "Export data" saved, e.g. python3 program.py kmeans-42.json')
    return json.loads(EXPORT_JSON)


def at_path(value, path):
    """The part of the export at a dotted path; '*' maps over a list ("history.*.inertia")."""
    if not path:
        return value
    head, _, rest = path.partition('.')
    if value is None:
        return None
    if head == '*':
        return [at_path(item, rest) for item in value]
    if isinstance(value, list):
        return at_path(value[int(head)], rest)
    return at_path(value.get(head), rest)


def as_numbers(value):
    """Every number in a nested list, flat; None where the widget had no number."""
    if isinstance(value, (list, tuple)):
        return [number for item in value for number in as_numbers(item)]
    return [np.nan if value is None else float(value)]


def to_plain(value):
    """NumPy arrays and scalars as the lists and floats JSON holds."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [to_plain(item) for item in value]
    return float(value)


def report(export, results, tolerance=1e-4):
    """
    Prints each computed result (keyed by where the widget keeps it in the export) beside
    the widget's value, and whether they agree within `tolerance` (relative, or absolute
    near zero); with --json, prints the results alone.
    """
    plain = {path: to_plain(value) for path, value in results.items()}
    if '--json' in sys.argv:
        print(json.dumps({'tolerance': tolerance, 'results': plain}))
        return
    print(f"{export['concept']}, seed {export['seed']}: NumPy against the widget")
    for path, value in plain.items():
        ours = np.asarray(as_numbers(value))
        theirs = np.asarray(as_numbers(at_path(export, path)))
        if ours.shape != theirs.shape or np.isnan(theirs).all():
            print(f'  {path}: {np.round(ours, 6).tolist()[:8]} (the export has nothing to compare)')
            continue
        gap = np.nanmax(np.abs(ours - theirs) / np.maximum(1.0, np.abs(theirs)))
        verdict = 'agrees' if gap <= tolerance else 'DIFFERS'
        shown = f'{ours[0]:.6g}' if ours.size == 1 else f'{ours.size} numbers'
        print(f'  {path}: {shown}, {verdict} (largest gap {gap:.2g})')
