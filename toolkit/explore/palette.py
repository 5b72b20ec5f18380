"""One colour per outlet across every figure: the most frequent outlets coloured, the rest grey.

A corpus of a few hundred pages easily holds fifty outlets, far more than any palette keeps
apart. The ``n`` outlets with the most articles (ties by name) each get a colour of a
colour-blind-safe palette (Paul Tol's, as plotly ships it); every other outlet is summed as
"other outlets" in grey, and pages without a known outlet stay a lighter grey of their own.
Ranking on the articles table, not on one chart's data, is what keeps a colour meaning the
same outlet in every figure of a notebook.
"""

from __future__ import annotations

import pandas as pd
import plotly.colors

from toolkit.tables import OTHER_OUTLETS, UNKNOWN_OUTLET, outlet_order

PALETTE = plotly.colors.qualitative.Safe[:10]
OTHER_COLOUR, UNKNOWN_COLOUR = "rgb(150, 150, 150)", "rgb(205, 205, 205)"
TOP_OUTLETS = len(PALETTE)


def ranked_outlets(articles: pd.DataFrame) -> list[str]:
    """Known outlets, most articles first (ties by name)."""
    return outlet_order(articles["outlet"].dropna())


def outlet_groups(articles: pd.DataFrame, n: int = TOP_OUTLETS) -> pd.Series:
    """Per article (indexed by ``article_id``): its outlet if among the ``n`` most frequent,
    else :data:`OTHER_OUTLETS`, or :data:`UNKNOWN_OUTLET` when the page named none."""
    top = set(ranked_outlets(articles)[: min(n, len(PALETTE))])
    groups = articles["outlet"].map(lambda outlet: outlet if outlet in top else OTHER_OUTLETS).where(articles["outlet"].notna(), UNKNOWN_OUTLET)
    return pd.Series(groups.to_numpy(), index=articles["article_id"].to_numpy(), name="outlet")


def outlet_colours(articles: pd.DataFrame, n: int = TOP_OUTLETS) -> dict[str, str]:
    """Colour of each outlet group, in legend order: the top outlets, then other, then unknown."""
    top = ranked_outlets(articles)[: min(n, len(PALETTE))]
    return {**dict(zip(top, PALETTE, strict=False)), OTHER_OUTLETS: OTHER_COLOUR, UNKNOWN_OUTLET: UNKNOWN_COLOUR}
