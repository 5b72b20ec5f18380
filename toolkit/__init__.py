"""A Jupyter-first research toolkit for news articles.

The data flow, one subpackage per stage, in order:

- :mod:`toolkit.ingest`: raw files → clean articles and the ingest report;
- :mod:`toolkit.nlp`: the one spaCy pass, each article reduced to a cached record;
- :mod:`toolkit.entities`: mentions → canonical entities and their statistics;
- :mod:`toolkit.quotes`: quotes and reported speech with their speakers;
- :mod:`toolkit.explore`: figures, explorers, highlighted articles, executed notebooks.

:mod:`toolkit.pipeline` chains them; :mod:`toolkit.engines` spreads the work over processes or
a Dask cluster; :mod:`toolkit.storage` and :mod:`toolkit.tables` are the output contract.

    >>> import toolkit
    >>> tables = toolkit.run("data/raw", "data/processed")   # or toolkit.load(...)
    >>> tables.articles, tables.mentions, tables.entities, tables.quotes
"""

from toolkit.pipeline import load, run
from toolkit.tables import Tables

__all__ = ["Tables", "load", "run"]
__version__ = "0.1.0"
