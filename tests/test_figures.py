"""Every figure on a small known table: the right traces, and the counts in the hover data."""

import pandas as pd
import pytest

from toolkit.entities import stats as entity_stats
from toolkit.explore import figures

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
    assert figure.layout.title.text == "Top 3 entities by outlet"


def test_attention_over_time(tables):
    mentions, articles, _ = tables
    figure = figures.attention_over_time(mentions, articles)
    beta = next(t for t in figure.data if t.name == "Beta")
    assert list(beta.x) == ["2025-01-01", "2025-01-02"] and list(beta.y) == [2, 1]


def test_cooccurrence_network(tables):
    mentions, _, _ = tables
    figure = figures.cooccurrence_network(entity_stats.cooccurrence(mentions))
    edges = [t for t in figure.data if t.mode == "lines"]
    assert len(edges) == 3
    assert any("Alpha + Beta: 2 sentences" in t.hovertemplate for t in edges)
    assert list(figure.data[-1].text) == ["Alpha", "Beta", "Gamma"]


def test_naming_variants(tables):
    mentions, articles, _ = tables
    figure = figures.naming_variants(entity_stats.naming_variants(mentions, articles))
    forms = {t.name: (list(t.y), list(t.x)) for t in figure.data}
    assert forms == {"Alfa": (["Alpha · (unknown outlet)"], [1.0]), "Alpha": (["Alpha · X"], [1.0])}


def test_quotes_and_who_talks_about_whom(tables):
    mentions, articles, quotes = tables
    figure = figures.quotes_per_speaker(quotes, articles)
    assert {t.name: list(t.x) for t in figure.data} == {"X": [1], "(unknown outlet)": [1]}
    assert figures.talks_about(quotes, mentions).to_dict("records") == [{"speaker": "Alpha", "entity": "Beta", "count": 1},
                                                                         {"speaker": "Alpha", "entity": "Gamma", "count": 1}]  # fmt: skip
    heat = figures.who_talks_about_whom(quotes, mentions).data[0]
    assert list(heat.y) == ["Alpha"] and heat.z.tolist() == [[1, 1]]


def test_shared_statements_quoted_and_paraphrased(tables):
    _, articles, quotes = tables
    shared = figures.shared_statements(quotes, articles)
    assert shared.to_dict("records") == [{"statement": "Beta is wrong about Gamma today and always", "speaker": "Alpha", "articles": 2,
                                          "outlets": ["(unknown outlet)", "X"], "quoted_by": ["X"], "paraphrased_by": ["(unknown outlet)"]}]  # fmt: skip
    figure = figures.shared_statements_figure(shared)
    assert list(figure.data[0].x) == [2] and "paraphrased by (unknown outlet)" in figure.data[0].hovertext[0]


def test_labels_from_text_are_escaped(tables):
    mentions, articles, _ = tables
    mentions.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    figure = figures.top_entities_by_outlet(mentions, articles)
    labels = [label for t in figure.data for label in t.y]
    assert "&lt;img src=x onerror=alert(1)&gt;" in labels and not any("<img" in label for label in labels)
