"""Every figure on a small known table: the right traces, and the counts in the hover data."""

import numpy as np
import pandas as pd
import pytest

from toolkit.entities import stats as entity_stats
from toolkit.explore import figures, palette, timeline

TEXT = "Alpha met Beta in Gamma.\n\n“Beta is wrong about Gamma,” said Alpha. <script>x</script>"


@pytest.fixture
def tables():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["X", None], "published": ["2025-01-01T10:00", "2025-01-02"],
                             "n_words": [500, 1000], "title": ["Alpha", "Beta"], "text": [TEXT, TEXT]})  # fmt: skip
    rows = [("a1", 0, 5, "Alpha", "alpha", "Alpha", 0, "PERSON"), ("a1", 10, 14, "Beta", "beta", "Beta", 0, "PERSON"),
            ("a1", 18, 23, "Gamma", "gamma", "Gamma", 0, "GPE"), ("a1", 27, 31, "Beta", "beta", "Beta", 1, "PERSON"),
            ("a1", 44, 49, "Gamma", "gamma", "Gamma", 1, "GPE"), ("a2", 0, 5, "Alfa", "alpha", "Alpha", 0, "PERSON"),
            ("a2", 10, 14, "Beta", "beta", "Beta", 0, "PERSON")]  # fmt: skip
    mentions = pd.DataFrame(rows, columns=["article_id", "start", "end", "text", "entity_id", "name", "sentence", "label"])
    quotes = pd.DataFrame([
        {"article_id": "a1", "quote_id": "a1-q000", "kind": "direct", "text": "Beta is wrong about Gamma today and always", "start": 26,
         "end": 51, "speaker": "Alpha", "speaker_type": "person", "resolution": "name", "speaker_entity_id": "alpha", "fragments": [[26, 51]]},
        {"article_id": "a2", "quote_id": "a2-q000", "kind": "indirect", "text": "Beta is wrong about Gamma today and always", "start": 26,
         "end": 51, "speaker": "Alpha", "speaker_type": "person", "resolution": "name", "speaker_entity_id": "alpha", "fragments": [[26, 51]]},
    ])  # fmt: skip
    return mentions, articles, quotes


def hover_numbers(trace) -> list:
    return list(trace.x if trace.orientation == "h" else trace.y)


def test_top_entities_by_outlet(tables):
    mentions, articles, _ = tables
    figure = figures.top_entities_by_outlet(mentions, articles)
    by_outlet = {t.name: dict(zip(t.y, hover_numbers(t), strict=True)) for t in figure.data}
    assert by_outlet == {"X": {"Alpha": 1, "Beta": 2, "Gamma": 2}, "(unknown outlet)": {"Alpha": 1, "Beta": 1}}
    assert "mentions in %{customdata[0]} articles" in figure.data[0].hovertemplate
    assert figure.layout.title.text == "Top 3 of 3 entities, by outlet"


def many_outlets(n_outlets: int = 14) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Outlet k has k + 1 articles, each mentioning Alpha once and quoting Alpha once."""
    ids = [(f"o{k:02d}", f"a{k:02d}-{i}") for k in range(n_outlets) for i in range(k + 1)]
    articles = pd.DataFrame({"article_id": [a for _, a in ids], "outlet": [o for o, _ in ids], "published": "2025-01-01",
                             "n_words": 100, "title": "t", "text": "Alpha spoke."})  # fmt: skip
    mentions = pd.DataFrame({"article_id": articles["article_id"], "start": 0, "end": 5, "text": "Alpha", "entity_id": "alpha",
                             "name": "Alpha", "sentence": 0, "label": "PERSON"})  # fmt: skip
    quotes = pd.DataFrame({"article_id": articles["article_id"], "quote_id": articles["article_id"] + "-q0", "kind": "direct",
                           "text": "spoke", "speaker": "Alpha", "speaker_type": "person", "resolution": "name", "speaker_entity_id": "alpha"})  # fmt: skip
    return mentions, articles, quotes


def test_outlets_keep_one_colour_everywhere_and_the_rest_are_other():
    mentions, articles, quotes = many_outlets()
    colours = palette.outlet_colours(articles)
    assert list(colours)[:3] == ["o13", "o12", "o11"] and len(colours) == palette.TOP_OUTLETS + 2
    assert colours[palette.OTHER_OUTLETS] == palette.OTHER_COLOUR
    entity_chart = figures.top_entities_by_outlet(mentions, articles)
    quote_chart = figures.quotes_per_speaker(quotes, articles)
    for chart in (entity_chart, quote_chart):
        traces = {t.name: t for t in chart.data}
        assert set(traces) == {*[f"o{k:02d}" for k in range(4, 14)], palette.OTHER_OUTLETS}
        assert {name: t.marker.color for name, t in traces.items()} == {name: colours[name] for name in traces}
        assert list(traces[palette.OTHER_OUTLETS].x) == [1 + 2 + 3 + 4]  # outlets o00-o03, summed
    assert entity_chart.data[0].name == "o13"  # legend in rank order


def dated(days: list[str], mentioned: list[bool]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(days))], "outlet": "X", "published": days, "n_words": 100,
                             "title": "t", "text": "Alpha."})  # fmt: skip
    chosen = articles[mentioned]
    mentions = pd.DataFrame({"article_id": chosen["article_id"], "start": 0, "end": 5, "text": "Alpha", "entity_id": "alpha",
                             "name": "Alpha", "sentence": 0, "label": "PERSON"})  # fmt: skip
    return mentions, articles


def test_attention_bins_by_day_with_gaps_and_zeros():
    mentions, articles = dated(["2025-01-01T10:00", "2025-01-01", "2025-01-02", "2025-01-04", None], [True, True, False, True, True])
    figure = figures.attention_over_time(mentions, articles)
    (alpha,) = figure.data
    assert [str(x)[:10] for x in alpha.x] == ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"]
    assert [None if pd.isna(y) else y for y in alpha.y] == [2, 0, None, 1]  # a day with articles but no mention is 0; no article, a gap
    assert alpha.connectgaps is False and figure.layout.xaxis.dtick == 86_400_000
    assert "1 articles without a date" in figure.layout.title.subtitle.text


def test_attention_leaves_out_a_stray_old_article_and_says_so():
    days = ["2019-11-18"] * 20 + ["2019-11-19"] * 20 + ["2019-11-25"] * 5 + ["2017-10-03"]
    mentions, articles = dated(days, [True] * len(days))
    figure = figures.attention_over_time(mentions, articles)
    assert str(figure.data[0].x[0])[:10] == "2019-11-18" and str(figure.data[0].x[-1])[:10] == "2019-11-25"
    assert "1 dated articles outside this range are not shown (1 before, 0 after)" in figure.layout.title.subtitle.text
    everything = figures.attention_over_time(mentions, articles, start="2017-01-01")
    assert str(everything.data[0].x[0])[:10] == "2017-10-01" and everything.layout.yaxis.title.text == "mentions per month"


def test_attention_picks_weeks_for_a_few_months():
    days = [f"2025-{month:02d}-{day:02d}" for month in (1, 2, 3) for day in (3, 17)]
    mentions, articles = dated(days, [True] * len(days))
    figure = figures.attention_over_time(mentions, articles)
    assert figure.layout.yaxis.title.text == "mentions per week"
    assert all(pd.Timestamp(x).dayofweek == 0 for x in figure.data[0].x)  # weeks start on Monday


def test_cooccurrence_network_keeps_the_strongest_and_lays_them_out(tables):
    mentions, _, _ = tables
    pairs = entity_stats.cooccurrence(mentions)
    figure = figures.cooccurrence_network(pairs)
    edges = [t for t in figure.data if t.mode == "lines"]
    assert len(edges) == 3
    assert any("Alpha + Beta: 2 sentences" in t.hovertemplate for t in edges)
    assert list(figure.data[-1].text) == ["Alpha", "Beta", "Gamma"]
    assert figure.data[-1].x == figures.cooccurrence_network(pairs).data[-1].x  # a fixed layout: reruns look the same
    smaller = figures.cooccurrence_network(pairs, nodes=2)
    assert list(smaller.data[-1].text) == ["Alpha", "Beta"] and len([t for t in smaller.data if t.mode == "lines"]) == 1


def test_network_labels_do_not_overlap():
    position = {i: (0.0, 0.0) for i in range(4)} | {9: (1.0, 0.0)}
    names = dict.fromkeys(range(4), "A long entity name") | {9: "B"}
    places = figures._label_places(position, names, dict.fromkeys(position, 10), scale=500)
    assert len({places[i] for i in range(4)}) == 4  # four nodes on one spot get four different sides


def test_network_nodes_on_one_spot_are_moved_apart_and_the_others_stay():
    position = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (0.001, 0.0), "far": (1.0, 1.0)}
    size = {"a": 20, "b": 20, "c": 10, "far": 10}
    moved = figures._apart(position, size, scale=500)
    for one, other in [("a", "b"), ("a", "c"), ("b", "c")]:
        need = ((size[one] + size[other]) / 2 + figures.MARKER_GAP) / 500
        assert np.hypot(*(moved[one] - moved[other])) >= need - 1e-9
    assert tuple(moved["far"]) == (1.0, 1.0) and position["a"] == (0.0, 0.0)  # untouched where nothing is near; the input is not changed


def test_naming_variants_only_real_spellings_coloured_by_rank():
    rows = ([("a1", "Kyiv")] * 6 + [("a2", "Kiev")] * 3 + [("a3", "KYIV")] * 4 + [("a1", "Volodymyr Zelensky")] * 2 + [("a2", "Zelensky")] * 5
            + [("a3", "Zelensky")] * 1)  # fmt: skip
    mentions = pd.DataFrame({"article_id": [a for a, _ in rows], "start": 0, "end": 4, "text": [t for _, t in rows],
                             "entity_id": ["kyiv" if "y" in t.lower() and "Z" not in t else "zel" for _, t in rows],
                             "name": ["Kyiv" if "Z" not in t else "Volodymyr Zelensky" for _, t in rows], "sentence": 0,
                             "label": "GPE"})  # fmt: skip
    mentions.loc[mentions["text"] == "Kiev", ["entity_id", "name"]] = ["kyiv", "Kyiv"]
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["X", "Y", None], "published": "2025-01-01", "n_words": 100,
                             "title": "t", "text": "x"})  # fmt: skip
    variants = entity_stats.naming_variants(mentions, articles)
    assert set(variants["entity_id"]) == {"kyiv"}  # a bare surname is the full name's spelling, capitals the ordinary one
    figure = figures.naming_variants(variants)
    by_class = {t.name: dict(zip(t.y, t.text, strict=True)) for t in figure.data}
    assert by_class == {"most used spelling": {"Kyiv · X": "Kyiv", "Kyiv · (unknown outlet)": "Kyiv"}, "second spelling": {"Kyiv · Y": "Kiev"}}
    assert list(figure.layout.yaxis.categoryarray)[::-1] == ["Kyiv · X", "Kyiv · Y", "Kyiv · (unknown outlet)"]  # unknown last, not by its 4 mentions
    assert {t.name: t.marker.color for t in figure.data} == {name: colour for name, colour in figures.SPELLING_CLASSES.values()
                                                             if name in by_class}  # fmt: skip


def test_quotes_and_who_talks_about_whom(tables):
    mentions, articles, quotes = tables
    figure = figures.quotes_per_speaker(quotes, articles)
    assert {t.name: list(t.x) for t in figure.data} == {"X": [1], "(unknown outlet)": [1]}
    assert figures.talks_about(quotes, mentions).to_dict("records") == [{"speaker": "Alpha", "entity": "Beta", "count": 1},
                                                                         {"speaker": "Alpha", "entity": "Gamma", "count": 1}]  # fmt: skip
    heat = figures.who_talks_about_whom(quotes, mentions).data[0]
    assert list(heat.y) == ["Alpha"] and heat.z.tolist() == [[1, 1]]


def test_every_speaker_shown_in_the_heatmap_has_a_column_of_what_they_talk_about():
    table = pd.DataFrame({"speaker": ["Ana Lind", "Ana Lind", "Ana Lind", "Piet Berg"],
                          "entity": ["Harbour", "Ferry", "Quay", "Council"], "count": [5, 4, 3, 2]})  # fmt: skip
    speakers = pd.Index(["Ana Lind", "Piet Berg"])
    assert figures.talked_about_columns(table, speakers, 2) == ["Harbour", "Council"]  # not Harbour and Ferry: Piet Berg's row would be blank
    assert figures.talked_about_columns(table, speakers, 3) == ["Harbour", "Ferry", "Council"]


def test_shared_statements_quoted_and_paraphrased(tables):
    _, articles, quotes = tables
    shared = figures.shared_statements(quotes, articles)
    assert shared.to_dict("records") == [{"statement": "Beta is wrong about Gamma today and always", "speaker": "Alpha", "articles": 2,
                                          "outlets": ["X", "(unknown outlet)"], "quoted_by": ["X"], "paraphrased_by": ["(unknown outlet)"]}]  # fmt: skip
    figure = figures.shared_statements_figure(shared)
    assert list(figure.data[0].x) == [2] and "paraphrased by (unknown outlet)" in figure.data[0].hovertext[0]


def test_shared_statements_carried_by_the_most_articles_come_first():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["X", "Y", "Z"]})
    first, wider = "The ferry will run again in the spring", "Nobody on the island was told about the closure"
    quotes = pd.DataFrame({"article_id": ["a1", "a2", "a1", "a2", "a3"], "kind": "direct", "speaker": "Ana Lind",
                           "text": [first, first, wider, wider, wider]})  # fmt: skip
    shared = figures.shared_statements(quotes, articles)
    assert list(shared["statement"]) == [wider, first] and list(shared["articles"]) == [3, 2]


def test_labels_from_text_are_escaped(tables):
    mentions, articles, _ = tables
    mentions.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    figure = figures.top_entities_by_outlet(mentions, articles)
    labels = [label for t in figure.data for label in t.y]
    assert "&lt;img src=x onerror=alert(1)&gt;" in labels and not any("<img" in label for label in labels)


def test_an_evenly_spread_corpus_has_no_outliers_and_empty_dates_do_not_fail():
    days = pd.Series(pd.date_range("2024-01-01", "2024-12-31", freq="D"))
    shown = timeline.bulk_range(days)
    assert (shown.start, shown.end, shown.before, shown.after) == (days.iloc[0], days.iloc[-1], 0, 0)
    assert timeline.bin_frequency(shown.start, shown.end) == ("W", "week")
    mentions, articles = dated([None, None], [True, True])
    assert len(figures.attention_over_time(mentions, articles).data) == 0


def test_every_figure_says_why_when_there_is_nothing_to_draw(tables):
    mentions, articles, quotes = tables
    none = mentions.iloc[0:0]
    no_quotes = quotes.iloc[0:0]
    variants = entity_stats.naming_variants(mentions.assign(text=mentions["name"]), articles)  # one spelling each
    assert variants.empty
    assert "several ways" in figures.naming_variants(variants).layout.annotations[0].text
    for figure in (figures.top_entities_by_outlet(none, articles), figures.attention_over_time(none, articles),
                   figures.cooccurrence_network(entity_stats.cooccurrence(none)), figures.quotes_per_speaker(no_quotes, articles),
                   figures.who_talks_about_whom(no_quotes, mentions), figures.naming_variants(entity_stats.naming_variants(none, articles))):  # fmt: skip
        assert figure.layout.title.text
