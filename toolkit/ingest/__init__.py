"""Stage 1, raw files → clean articles and the ingest report.

``reading`` (find files, bytes → text) → ``cleaner`` and ``line_features`` (which lines of a
page dump are the article) or ``html`` (saved pages) → ``metadata`` (title, date, byline,
outlet) → ``articles`` (one file → one article) → ``folder`` (a whole folder, with
``near_duplicates``, the ``manifest`` and the ``report``).
"""

from toolkit.ingest.articles import Article, article_id, articles_frame
from toolkit.ingest.folder import Ingest, explain
from toolkit.ingest.report import ReportRow, problems_first, report_overview

__all__ = ["Article", "Ingest", "ReportRow", "article_id", "articles_frame", "explain", "problems_first", "report_overview"]
