"""Plotly figures of the toolkit's tables, one consistent template, counts in every hover.

Each function takes tidy tables (the pipeline's or :mod:`toolkit.entity_stats`'s) and returns a
``plotly.graph_objects.Figure`` with a title, axis labels and hover text carrying the counts
behind each mark. Article text that reaches hover labels is HTML-escaped (plotly renders hover
text as HTML).
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from rapidfuzz import fuzz

from toolkit.entities import stats as entity_stats
from toolkit.explore import timeline
from toolkit.explore.palette import TOP_OUTLETS, outlet_colours, outlet_groups
from toolkit.quotes.table import sourced
from toolkit.tables import OTHER_OUTLETS, UNKNOWN_OUTLET

TEMPLATE = "news_toolkit"
pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        "font": {"family": "Inter, Helvetica, Arial, sans-serif", "size": 13},
        "colorway": ["#1f4e79", "#c0504d", "#4f8f3a", "#e69f00", "#7b5ea7", "#2a9d8f", "#8c564b", "#6c757d"],
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#eeeeee", "zeroline": False},
        "yaxis": {"gridcolor": "#eeeeee", "zeroline": False},
        "margin": {"l": 60, "r": 30, "t": 70, "b": 60},
        "hoverlabel": {"bgcolor": "white"},
    }
)


def _layout(figure: go.Figure, title: str, x: str, y: str, rows: int = 0) -> go.Figure:
    """The common layout; charts with one bar per row grow with their number of rows."""
    figure.update_layout(template=TEMPLATE, title=title, xaxis_title=x, yaxis_title=y, legend_title_text="", legend_traceorder="normal")
    figure.update_xaxes(automargin=True)  # slanted tick labels push the axis title down instead of running through it
    figure.update_yaxes(automargin=True)
    if rows:
        figure.update_layout(height=max(360, 160 + 28 * rows))
    return figure


def _note(figure: go.Figure, title: str, text: str) -> go.Figure:
    """An empty chart that says why it is empty (rather than failing or drawing blank axes)."""
    figure.add_annotation(text=text, showarrow=False, xref="paper", yref="paper", font={"size": 14})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _layout(figure, title, "", "")


def _safe(values: pd.Series) -> list[str]:
    """Labels taken from article text, escaped (plotly renders labels and hover text as HTML)."""
    return [html.escape(str(v)) for v in values]


def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.assign(outlet=articles["outlet"].fillna(UNKNOWN_OUTLET))


def _stacked_by_outlet(figure: go.Figure, table: pd.DataFrame, label: str, value: str, colours: dict[str, str], hover: str,
                       customdata: list[str] | None = None) -> None:  # fmt: skip
    """One horizontal bar trace per outlet group, in legend order, each in its fixed colour."""
    for outlet, colour in colours.items():
        part = table[table["outlet"] == outlet]
        if len(part):
            figure.add_bar(y=_safe(part[label]), x=part[value], name=html.escape(outlet), orientation="h", marker_color=colour,
                           customdata=part[customdata] if customdata else None,
                           hovertemplate="%{y} in " + html.escape(outlet) + ": " + hover + "<extra></extra>")  # fmt: skip


def top_entities_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 15, outlets: int = TOP_OUTLETS) -> go.Figure:
    """Horizontal bars: mentions of the ``n`` most mentioned entities, stacked by outlet (the
    ``outlets`` most frequent ones coloured, the rest summed as other outlets)."""
    wanted = mentions.loc[mentions["label"].isin(entity_stats.DEFAULT_LABELS), "entity_id"].unique()
    frame = mentions[mentions["entity_id"].isin(wanted)]
    frame = frame.assign(outlet=frame["article_id"].map(outlet_groups(articles, outlets)))
    total = frame.groupby("entity_id").size()
    top = total.sort_values(ascending=False, kind="stable").index[:n]
    table = (frame[frame["entity_id"].isin(top)].groupby(["entity_id", "name", "outlet"])
             .agg(mentions=("start", "size"), articles=("article_id", "nunique")).reset_index())  # fmt: skip
    figure = go.Figure()
    _stacked_by_outlet(figure, table, "name", "mentions", outlet_colours(articles, outlets), "%{x} mentions in %{customdata[0]} articles",
                       ["articles"])  # fmt: skip
    figure.update_layout(barmode="stack", yaxis={"categoryorder": "total ascending"})
    return _layout(figure, f"Top {len(top)} of {len(total):,} entities, by outlet", "mentions", "", rows=len(top))


def attention_over_time(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 5, start: str | None = None, end: str | None = None,
                        frequency: str | None = None) -> go.Figure:  # fmt: skip
    """Lines: mentions per day, week or month (by the span shown) of the ``n`` most mentioned
    entities in that span. The span is ``start`` to ``end`` when given, else the bulk of the
    dates (:func:`toolkit.explore.timeline.bulk_range`); what it leaves out is named in a note.
    A bin with no article is a gap in the line, a bin with articles but no mention a zero."""
    dates = timeline.article_dates(articles)
    shown = timeline.bulk_range(dates, start, end)
    code, unit = (frequency, timeline.UNITS[frequency]) if frequency else timeline.bin_frequency(shown.start, shown.end)
    inside = dates[(dates >= shown.start) & (dates <= shown.end)]
    if inside.empty:
        return _note(go.Figure(), "Attention over time", "No article in this folder has a publication date.")
    article_bins = timeline.bins(inside, code)
    every_bin = timeline.all_bins(shown.start, shown.end, code)
    articles_per_bin = article_bins.value_counts().reindex(every_bin, fill_value=0)
    frame = mentions[mentions["article_id"].isin(inside.index) & mentions["label"].isin(entity_stats.DEFAULT_LABELS)]
    frame = frame.assign(bin=frame["article_id"].map(article_bins))
    top = frame.groupby(["entity_id", "name"]).size().sort_values(ascending=False, kind="stable").index[:n]
    figure = go.Figure()
    for entity_id, name in top:
        part = frame[frame["entity_id"] == entity_id]
        per_bin = part.groupby("bin").size().reindex(every_bin, fill_value=0).where(articles_per_bin > 0)
        with_it = part.groupby("bin")["article_id"].nunique().reindex(every_bin, fill_value=0)
        figure.add_scatter(x=every_bin, y=per_bin, mode="lines+markers", name=html.escape(name), connectgaps=False,
                           customdata=list(zip(with_it, articles_per_bin, strict=True)),
                           hovertemplate=html.escape(name) + f", {unit} of %{{x|%d %b %Y}}: %{{y}} mentions in %{{customdata[0]}} "
                                         "of %{customdata[1]} articles<extra></extra>")  # fmt: skip
    _date_axis(figure, every_bin, code)
    notes = []
    if shown.before or shown.after:
        notes.append(f"{shown.before + shown.after} dated articles outside this range are not shown ({shown.before} before, "
                     f"{shown.after} after); pass start= and end= to see them")  # fmt: skip
    if dates.isna().sum():
        notes.append(f"{int(dates.isna().sum())} articles without a date")
    span = f"{shown.start:%d %b %Y} to {shown.end:%d %b %Y}" if shown.start != shown.end else f"{shown.start:%d %b %Y}"
    _layout(figure, f"Attention over time, {span}", "", f"mentions per {unit}")
    if notes:  # under the title: below the axis, slanted dates would run through it
        figure.update_layout(title_subtitle_text="<br>".join(notes), title_subtitle_font={"size": 12, "color": "#555555"},
                             margin={"t": 70 + 18 * len(notes)})  # fmt: skip
    return figure


def _date_axis(figure: go.Figure, every_bin: pd.DatetimeIndex, code: str) -> None:
    """Ticks on bin starts, never finer than the bins (no hourly ticks for daily data), at most about a dozen."""
    step = max(1, math.ceil(len(every_bin) / 12))
    day = 86_400_000
    dtick = {"D": day * step, "W": 7 * day * step, "M": f"M{step}"}[code]
    figure.update_xaxes(type="date", tick0=every_bin[0], dtick=dtick, tickformat="%b %Y" if code == "M" else "%d %b %Y")


def cooccurrence_network(cooccurrence: pd.DataFrame, nodes: int = 25, edges: int = 40) -> go.Figure:
    """The entities that co-occur most (the ``nodes`` with the largest summed pair counts) and the
    ``edges`` strongest pairs between them, placed by networkx's Kamada–Kawai layout of the
    graph's shape (even spacing, deterministic, so reruns look the same; a spring layout packed
    the busiest cluster into a blob), then moved apart where two markers would touch
    (:func:`_apart`); edge width by count, labels placed by :func:`_label_places`."""
    strength = pd.concat([cooccurrence.groupby("entity_id_a")["count"].sum(), cooccurrence.groupby("entity_id_b")["count"].sum()])
    strength = strength.groupby(level=0).sum().sort_values(ascending=False, kind="stable")
    top = set(strength.index[:nodes])
    pairs = cooccurrence[cooccurrence["entity_id_a"].isin(top) & cooccurrence["entity_id_b"].isin(top)].nlargest(edges, "count")
    if pairs.empty:
        return _note(go.Figure(), "Who appears next to whom", "No two entities share a sentence in this folder.")
    names = dict(zip(pairs["entity_id_a"], pairs["name_a"], strict=True)) | dict(zip(pairs["entity_id_b"], pairs["name_b"], strict=True))
    graph = nx.Graph()
    graph.add_weighted_edges_from(pairs[["entity_id_a", "entity_id_b", "count"]].itertuples(index=False))
    position = nx.kamada_kawai_layout(graph, weight=None)  # the graph's shape: a count is no distance (heavier pairs were drawn further apart)
    degree = dict(graph.degree(weight="weight"))
    size = {i: 8 + 22 * math.sqrt(degree[i] / max(degree.values())) for i in graph.nodes}
    position = _apart(position, size, _pixels_per_unit(position))
    figure = go.Figure()
    heaviest = pairs["count"].max()
    for pair in pairs.itertuples():
        (x0, y0), (x1, y1) = position[pair.entity_id_a], position[pair.entity_id_b]
        figure.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", showlegend=False, line={"width": 1 + 6 * pair.count / heaviest, "color": "#9bb3c9"},
                           hovertemplate=f"{html.escape(pair.name_a)} + {html.escape(pair.name_b)}: {pair.count} sentences, "
                                         f"NPMI {pair.npmi}<extra></extra>")  # fmt: skip
    ids = sorted(graph.nodes, key=lambda node: names[node])
    xs = [p[0] for p in position.values()]
    room = _label_room(position)
    placement = _label_places(position, names, size, _pixels_per_unit(position))
    figure.add_scatter(x=[position[i][0] for i in ids], y=[position[i][1] for i in ids], mode="markers+text",
                       text=_safe(pd.Series([names[i] for i in ids], dtype=object)), showlegend=False,
                       textposition=[placement[i] for i in ids],
                       marker={"size": [size[i] for i in ids], "color": "#1f4e79",
                               "line": {"color": "white", "width": 1}},
                       customdata=[degree[i] for i in ids], hovertemplate="%{text}: %{customdata} co-occurrences shown<extra></extra>")  # fmt: skip
    figure.update_xaxes(visible=False, range=[min(xs) - room, max(xs) + room])
    figure.update_yaxes(visible=False, scaleanchor="x")
    figure.update_layout(width=NETWORK_SIZE[0], height=NETWORK_SIZE[1])  # fixed, so the labels are placed for the size drawn
    _layout(figure, "Who appears next to whom", "", "")
    figure.update_layout(title_subtitle_text=f"the {len(pairs)} strongest pairs among {len(graph)} entities, counted in shared sentences")
    return figure


NETWORK_SIZE = (1000, 680)  # pixels
LABEL_PLACES = {"middle right": (1, 0), "middle left": (-1, 0), "top center": (0, 1), "bottom center": (0, -1)}
MARKER_GAP = 6  # pixels between two nodes' markers at least


def _label_room(position: dict) -> float:
    """Layout units left and right of the outermost nodes, so that their labels stay inside the chart."""
    xs = [p[0] for p in position.values()]
    return 0.35 * max(max(xs) - min(xs), 1e-9)


def _pixels_per_unit(position: dict) -> float:
    """How many pixels one unit of the layout takes in the network chart (its size less the
    template's margins and the two title lines, with :func:`_label_room` on both sides)."""
    xs, ys = [p[0] for p in position.values()], [p[1] for p in position.values()]
    plot_width, plot_height = NETWORK_SIZE[0] - 90, NETWORK_SIZE[1] - 160
    return min(plot_width / (max(xs) - min(xs) + 2 * _label_room(position)), plot_height / max(max(ys) - min(ys), 1e-9))


def _apart(position: dict, size: dict, scale: float, rounds: int = 100) -> dict:
    """The positions moved apart until no two markers (``size`` px wide, ``scale`` px per unit)
    overlap or come within :data:`MARKER_GAP`: each round moves every such pair apart along the
    line between them by what it lacks, half each (the layout can put two nodes with the same
    neighbours on one spot). A few dozen nodes: the pairs are few."""
    moved = {node: np.asarray(xy, dtype=float).copy() for node, xy in position.items()}
    nodes = sorted(moved, key=str)
    for _ in range(rounds):
        clear = True
        for a, b in combinations(nodes, 2):
            need = ((size[a] + size[b]) / 2 + MARKER_GAP) / scale
            delta = moved[b] - moved[a]
            distance = float(np.hypot(*delta))
            if distance < need:
                direction = delta / distance if distance > 1e-12 else np.array([1.0, 0.0])
                moved[a] -= direction * (need - distance) / 2
                moved[b] += direction * (need - distance) / 2
                clear = False
        if clear:
            break
    return moved


def _label_places(position: dict, names: dict, size: dict, scale: float) -> dict:
    """A text position per node whose label box overlaps no node and no label placed before it
    (long names first), falling back to the right; positions are turned into pixels with the
    plot's ``scale`` (13 px text, about 7 px per character, markers ``size`` px)."""
    placed = [(x * scale - size[n] / 2, y * scale - size[n] / 2, x * scale + size[n] / 2, y * scale + size[n] / 2) for n, (x, y) in position.items()]
    places = {}
    for node in sorted(position, key=lambda n: -len(names[n])):
        x, y = position[node][0] * scale, position[node][1] * scale
        w, h = 7 * len(names[node]) + 4, 16
        r = size[node] / 2 + 3
        candidates = [(place, (x + dx * (w / 2 + r) - w / 2, y + dy * (h / 2 + r) - h / 2, x + dx * (w / 2 + r) + w / 2, y + dy * (h / 2 + r) + h / 2))
                      for place, (dx, dy) in LABEL_PLACES.items()]  # fmt: skip
        free = (c for c in candidates if not any(c[1][0] < b[2] and b[0] < c[1][2] and c[1][1] < b[3] and b[1] < c[1][3] for b in placed))
        place, box = next(free, candidates[0])
        places[node] = place
        placed.append(box)
    return places


SPELLING_CLASSES = {1: ("most used spelling", "#1f4e79"), 2: ("second spelling", "#e69f00"), 3: ("other spellings", "#b8b8b8")}


def naming_variants(variants: pd.DataFrame, n: int = 8, outlets: int = 5, min_share: float = 0.05) -> go.Figure:
    """One bar per entity and outlet, split by spelling (Kiev vs Kyiv), for the ``n`` most
    mentioned entities that really have several spellings (the second spelling carries at least
    two mentions and ``min_share`` of them; a bare surname counts as its full name's spelling,
    see :func:`toolkit.entities.stats.spellings`). Each entity's ``outlets`` biggest outlets get
    a bar, the rest one "other outlets" bar. Colours mean the same in every bar: the entity's most used
    spelling, its second, all others; the spelling itself is written on the bar."""
    variants = variants.assign(form=variants["spelling"])
    forms = variants.groupby(["entity_id", "form"])["count"].sum().reset_index().sort_values(["entity_id", "count", "form"],
                                                                                                ascending=[True, False, True])  # fmt: skip
    forms["rank"] = forms.groupby("entity_id").cumcount().add(1).clip(upper=3)
    totals = forms.groupby("entity_id")["count"].sum()
    second = forms[forms["rank"] == 2].set_index("entity_id")["count"]
    several = second[(second >= 2) & (second >= min_share * totals.reindex(second.index))].index
    keep = totals.reindex(several).sort_values(ascending=False, kind="stable").index[:n]
    if keep.empty:
        return _note(go.Figure(), "Naming variants", "No entity in this folder is written in several ways.")
    table = variants[variants["entity_id"].isin(keep)].merge(forms[["entity_id", "form", "rank"]], on=["entity_id", "form"])
    big = table.groupby(["entity_id", "outlet"])["count"].sum().reset_index().sort_values(["entity_id", "count"], ascending=[True, False])
    big = set(map(tuple, big.groupby("entity_id").head(outlets)[["entity_id", "outlet"]].to_numpy()))
    table["outlet"] = [o if (e, o) in big else OTHER_OUTLETS for e, o in zip(table["entity_id"], table["outlet"], strict=True)]
    table = table.groupby(["entity_id", "name", "outlet", "form", "rank"])["count"].sum().reset_index()
    table["share"] = table["count"] / table.groupby(["entity_id", "outlet"])["count"].transform("sum")
    table["label"] = table["name"] + " · " + table["outlet"]
    order = {entity_id: i for i, entity_id in enumerate(keep)}
    other = table["outlet"].map({OTHER_OUTLETS: 1, UNKNOWN_OUTLET: 2}).fillna(0)  # an entity's outlets, then other outlets, then unknown
    labels = table.assign(order=table["entity_id"].map(order), other=other).groupby("label")[
        ["order", "other", "count"]].agg({"order": "first", "other": "first", "count": "sum"})  # fmt: skip
    labels = labels.sort_values(["order", "other", "count"], ascending=[True, True, False]).index
    figure = go.Figure()
    for rank, (legend, colour) in SPELLING_CLASSES.items():
        part = table[table["rank"] == rank]
        if len(part):
            figure.add_bar(x=part["share"], y=_safe(part["label"]), name=legend, orientation="h", marker_color=colour, text=_safe(part["form"]),
                           textposition="inside", insidetextanchor="middle", customdata=list(zip(_safe(part["form"]), part["count"], strict=True)),
                           hovertemplate="%{customdata[0]} in %{y}: %{customdata[1]} mentions (%{x:.0%})<extra></extra>")  # fmt: skip
    figure.update_layout(barmode="stack", xaxis={"tickformat": ".0%", "range": [0, 1]},
                         yaxis={"categoryorder": "array", "categoryarray": _safe(pd.Series(labels[::-1], dtype=object))})  # fmt: skip
    return _layout(figure, f"How outlets spell the {len(keep)} most mentioned entities with several spellings", "share of the outlet's mentions",
                   "", rows=len(labels))  # fmt: skip


def quotes_per_speaker(quotes: pd.DataFrame, articles: pd.DataFrame, n: int = 15, outlets: int = TOP_OUTLETS) -> go.Figure:
    """Stacked bars: quotes of the ``n`` most quoted sources, by outlet (fixed outlet colours)."""
    table = sourced(quotes)
    table = table.assign(outlet=table["article_id"].map(outlet_groups(articles, outlets)))
    ranked = table["speaker"].value_counts()
    top = ranked.index[:n]
    counts = table[table["speaker"].isin(top)].groupby(["speaker", "outlet"]).size().rename("quotes").reset_index()
    figure = go.Figure()
    _stacked_by_outlet(figure, counts, "speaker", "quotes", outlet_colours(articles, outlets), "%{x} quotes")
    figure.update_layout(barmode="stack", yaxis={"categoryorder": "total ascending"})
    return _layout(figure, f"The {len(top)} most quoted of {len(ranked):,} sources, by outlet", "quotes", "", rows=len(top))


def talks_about(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Speaker → entity mentioned inside their quotes, with counts (the table behind the heatmap).

    Each article's mentions are sorted once and each quote fragment finds the mentions inside it
    by binary search, so the cost grows with quotes plus mentions, not their product."""
    rows = []
    by_article = {}
    for article_id, part in mentions.sort_values(["article_id", "start"]).groupby("article_id", sort=False):
        by_article[article_id] = tuple(part[c].to_numpy() for c in ("start", "end", "entity_id", "name"))
    for quote in quotes.dropna(subset=["speaker_entity_id"]).itertuples():
        if quote.article_id not in by_article:
            continue
        starts, ends, ids, names = by_article[quote.article_id]
        for fragment_start, fragment_end in quote.fragments:
            for i in range(np.searchsorted(starts, fragment_start), np.searchsorted(starts, fragment_end)):
                if ends[i] <= fragment_end and ids[i] != quote.speaker_entity_id:
                    rows.append({"speaker": quote.speaker, "entity": names[i]})
    table = pd.DataFrame(rows, columns=["speaker", "entity"])
    return table.groupby(["speaker", "entity"]).size().rename("count").reset_index()


def talked_about_columns(table: pd.DataFrame, speakers: pd.Index, n: int) -> list[str]:
    """The ``n`` entities the heatmap shows for these speakers (rows of :func:`talks_about`): each
    speaker's most mentioned entity (ties: the one more talked about overall), so that no row is
    blank, then the entities these speakers mention most, in that order."""
    shown = table[table["speaker"].isin(speakers)]
    totals = shown.groupby("entity")["count"].sum().sort_values(ascending=False, kind="stable")
    ranked = shown.assign(weight=shown["entity"].map(table.groupby("entity")["count"].sum()))
    favourites = ranked.sort_values(["count", "weight", "entity"], ascending=[False, False, True], kind="stable").drop_duplicates("speaker")["entity"]
    chosen = set(list(dict.fromkeys([*favourites, *totals.index]))[:n])
    return [entity for entity in totals.index if entity in chosen]


def who_talks_about_whom(quotes: pd.DataFrame, mentions: pd.DataFrame, n: int = 12) -> go.Figure:
    """Heatmap: speakers (rows) by the entities mentioned inside their quotes (columns)."""
    table = talks_about(quotes, mentions)
    speakers = table.groupby("speaker")["count"].sum().nlargest(n).index
    entities = talked_about_columns(table, speakers, n)
    grid = table.pivot_table(index="speaker", columns="entity", values="count", fill_value=0).reindex(index=speakers, columns=entities, fill_value=0)
    figure = go.Figure(go.Heatmap(z=grid.values, x=_safe(pd.Series(grid.columns)), y=_safe(pd.Series(grid.index)), colorscale="Blues",
                                  hovertemplate="%{y} on %{x}: %{z} mentions in quotes<extra></extra>"))  # fmt: skip
    return _layout(figure, "Who talks about whom (entities inside each speaker's quotes)", "mentioned entity", "speaker")


MAX_POSTING = 50  # a word in more statements than this says nothing about which ones match
MIN_SHARED_WORDS = 3


def _candidate_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of texts that share at least :data:`MIN_SHARED_WORDS` words of four letters or more,
    counting only words found in at most :data:`MAX_POSTING` texts: the pairs worth a fuzzy
    comparison, found without comparing every pair (cost grows with the texts, not their square)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for word in set(re.findall(r"\w{4,}", text)):
            postings[word].append(i)
    shared: Counter = Counter()
    for ids in postings.values():
        if len(ids) <= MAX_POSTING:
            shared.update(combinations(ids, 2))
    return sorted(pair for pair, count in shared.items() if count >= MIN_SHARED_WORDS)


def shared_statements(quotes: pd.DataFrame, articles: pd.DataFrame, threshold: float = 80.0) -> pd.DataFrame:
    """Statements carried by several articles: quotes matched across articles by fuzzy similarity.

    Each group lists the outlets that carried it and whether each quoted it directly or
    paraphrased it (an indirect quote matched to a direct one); the statements carried by the
    most articles come first.
    """
    table = quotes.merge(_outlets(articles)[["article_id", "outlet"]], on="article_id").reset_index(drop=True)
    table = table[table["text"].str.split().str.len() >= 6]
    texts = table["text"].str.lower().tolist()
    group = list(range(len(texts)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    article_ids = table["article_id"].tolist()
    for i, j in _candidate_pairs(texts):
        if article_ids[i] != article_ids[j] and fuzz.token_set_ratio(texts[i], texts[j]) >= threshold:
            group[root(j)] = root(i)
    table = table.assign(statement=[root(i) for i in range(len(texts))])
    rows = []
    for _, part in table.groupby("statement"):
        if part["article_id"].nunique() < 2:
            continue
        direct = part[part["kind"] != "indirect"]
        speakers = part["speaker"].dropna()
        rows.append({"statement": (direct if len(direct) else part)["text"].iloc[0], "speaker": speakers.iloc[0] if len(speakers) else None,
                     "articles": part["article_id"].nunique(), "outlets": _by_name(part["outlet"]),
                     "quoted_by": _by_name(part.loc[part["kind"] != "indirect", "outlet"]),
                     "paraphrased_by": _by_name(part.loc[part["kind"] == "indirect", "outlet"])})  # fmt: skip
    shared = pd.DataFrame(rows, columns=["statement", "speaker", "articles", "outlets", "quoted_by", "paraphrased_by"])
    return shared.sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)


def _by_name(outlets: pd.Series) -> list[str]:
    """Distinct outlets by name, pages without one last (by name, "(unknown outlet)" would come first)."""
    return sorted(set(outlets), key=lambda outlet: (outlet == UNKNOWN_OUTLET, outlet))


def shared_statements_figure(shared: pd.DataFrame, n: int = 10) -> go.Figure:
    """Bars: the statements carried by the most articles, hover showing who quoted and who paraphrased."""
    top = shared.nlargest(n, "articles")
    labels = [html.escape(s[:70] + ("…" if len(s) > 70 else "")) for s in top["statement"]]
    hover = [f"{html.escape(str(r.speaker))}: {r.articles} articles<br>quoted by {html.escape(', '.join(r.quoted_by) or '-')}"
             f"<br>paraphrased by {html.escape(', '.join(r.paraphrased_by) or '-')}" for r in top.itertuples()]  # fmt: skip
    figure = go.Figure(go.Bar(x=top["articles"], y=labels, orientation="h", hovertext=hover, hoverinfo="text"))
    figure.update_layout(yaxis={"categoryorder": "total ascending"})
    return _layout(figure, "The same statement in several articles", "articles carrying it", "", rows=len(top))
