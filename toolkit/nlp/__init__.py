"""Stage 2, the one spaCy pass: ``model`` (one loader, the toolkit's pipeline), ``components`` and
``attribute_rules`` (what the toolkit adds to it), ``parse`` (batched parsing, windowed, to
engines) and the process settings it runs under (``runtime``), ``records`` (a Doc → the compact
record everything downstream reads) and ``cache``."""

from toolkit.nlp.model import ModelMissing, build_pipeline, load_model

__all__ = ["ModelMissing", "build_pipeline", "load_model"]
