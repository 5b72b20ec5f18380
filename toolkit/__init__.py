"""A Jupyter-first research toolkit for news articles.

The data flow, one module each: raw files (:mod:`readers`) → clean articles
(:mod:`cleaning`, :mod:`metadata`, :mod:`ingest`) → one spaCy pass (:mod:`nlp`,
:mod:`extract`) → mentions and canonical entities (:mod:`mentions`, :mod:`entities`,
:mod:`entity_stats`) → quotes (:mod:`quotes`, :mod:`speakers`) → figures and explorers.

    >>> import toolkit
    >>> tables = toolkit.run("data/raw", "data/processed")   # or toolkit.load(...)
    >>> tables.articles, tables.mentions, tables.entities, tables.quotes
"""

from toolkit.pipeline import Tables, load, run

__all__ = ["Tables", "load", "run"]
__version__ = "0.1.0"
