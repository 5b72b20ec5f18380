"""Keyword-in-context lines (:func:`toolkit.entities.stats.kwic`) laid out as a concordance for a
notebook: the left context aligned right, so every mention stands in one column and the words
around it read across, as corpus linguists' concordancers show them."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

COLUMNS = ["outlet", "left", "mention", "right"]


def concordance(lines: pd.DataFrame, rows: int = 25) -> Styler:
    """The first ``rows`` lines of a :func:`~toolkit.entities.stats.kwic` table as a styled table
    (article text escaped), with a caption saying how many are shown when some are left out."""
    shown = lines[COLUMNS].head(rows).reset_index(drop=True)
    styled = (
        shown.style.format(escape="html")
        .hide(axis="index")
        .set_properties(subset=["outlet", "right"], **{"text-align": "left"})
        .set_properties(subset=["left"], **{"text-align": "right"})
        .set_properties(subset=["mention"], **{"text-align": "center", "font-weight": "bold"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "center")]}])
    )
    if len(lines) > rows:
        styled = styled.set_caption(f"{rows} of {len(lines):,} mentions shown")
    return styled
