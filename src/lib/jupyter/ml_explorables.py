"""
Live ML Explorables widgets in notebook output: Jupyter Notebook, JupyterLab, VS Code, Colab.

    import ml_explorables as mle
    mle.widget('kmeans', k=3, seed=7)              # the widget, live, under the cell
    mle.widget('gradient-descent', lock=['lr'])    # readers see lr but may not change it
    mle.concepts()                                 # every widget and its parameters

Each widget is the site's embed page in an iframe, with every parameter you give in its
address, exactly as the site's "Copy embed code" makes it. The site is the one this file
came from, __SITE__/. To use another copy (`npm start` serves a local build at
http://localhost:4173/, which works offline), set `mle.SITE`, or the
ML_EXPLORABLES_SITE environment variable, to its address.
"""
import json
import os
from urllib.parse import quote

SITE = os.environ.get('ML_EXPLORABLES_SITE', '__SITE__/')

# Every concept's parameters, as this copy of the site had them: slug -> keys.
CONCEPTS = json.loads(r'''__CONCEPTS__''')

# Lets the widget grow and shrink with its content, where the notebook runs scripts in output.
RESIZE_SCRIPT = r'''__RESIZE_SCRIPT__'''


def concepts():
    """Every widget's slug and the parameters it takes."""
    return {slug: list(keys) for slug, keys in CONCEPTS.items()}


def _text(value):
    """A parameter as the site's address writes it."""
    if isinstance(value, bool):
        return '1' if value else '0'
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, (list, tuple)) for item in value):
            return ';'.join(','.join(_text(part) for part in item) for item in value)
        return ','.join(_text(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Widget:
    """One widget; notebooks show it through _repr_html_."""

    def __init__(self, slug, query, height):
        self.slug = slug
        self.query = query
        self.height = height

    @property
    def url(self):
        site = SITE if SITE.endswith('/') else SITE + '/'
        return f'{site}embed/{self.slug}/' + (f'?{self.query}' if self.query else '')

    def _repr_html_(self):
        url = self.url.replace('&', '&amp;').replace('"', '&quot;')
        return (
            f'<iframe src="{url}" title="{self.slug} (ML Explorables)" width="100%" height="{self.height}" '
            f'style="border:0;max-width:100%"></iframe>\n{RESIZE_SCRIPT}'
        )

    def __repr__(self):
        return f'ML Explorables widget at {self.url}'


def widget(slug, *, seed=None, lock=(), hide=(), height=700, **params):
    """
    The widget `slug` with these parameters (the names the site's addresses use; see
    concepts()). `lock`: parameters readers see but may not change; `hide`: ones they do
    not see. A value the site cannot use is replaced by a sane one, and the widget says so.
    """
    if slug not in CONCEPTS:
        raise ValueError(f'No widget called {slug!r}. The widgets are: {", ".join(sorted(CONCEPTS))}.')
    known = set(CONCEPTS[slug])
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValueError(f'{slug} has no parameter {", ".join(unknown)}. Its parameters are: {", ".join(CONCEPTS[slug])}.')
    for name, keys in (('lock', lock), ('hide', hide)):
        wrong = sorted(set(keys) - known - {'seed'})
        if wrong:
            raise ValueError(f'{name} names {", ".join(wrong)}, which {slug} does not have.')
    pairs = [(key, _text(value)) for key, value in params.items()]
    if seed is not None:
        pairs.append(('seed', _text(seed)))
    if lock:
        pairs.append(('lock', ','.join(lock)))
    if hide:
        pairs.append(('hide', ','.join(hide)))
    query = '&'.join(f'{key}={quote(text, safe=",;")}' for key, text in pairs)
    return Widget(slug, query, height)
