"""Choosing what to look at, the explorers driven from Python, and executing notebooks into reports."""

from __future__ import annotations

import io
import json

import nbformat
import pandas as pd
import pytest

from toolkit.explore import notebooks, selection, widgets
from toolkit.explore.concordance import concordance
from toolkit.tables import UNKNOWN_OUTLET


@pytest.fixture
def articles():
    return pd.DataFrame({"article_id": ["a", "b", "c", "d"], "file": ["1.txt", "2.txt", "3.txt", "4.txt"],
                         "outlet": ["X", "Y", None, "X"], "language": ["en", "en", "en", "ru"],
                         "published": ["2025-01-01T09:00", "2025-01-05", None, "2025-01-03"], "n_words": [50, 400, 300, 900],
                         "title": ["Short", None, "Third", "Long"], "text": "x"})  # fmt: skip


def test_filters_by_outlet_language_and_dates(articles):
    assert list(selection.filter_articles(articles, outlet="X")["article_id"]) == ["a", "d"]
    assert list(selection.filter_articles(articles, outlet=UNKNOWN_OUTLET)["article_id"]) == ["c"]
    assert list(selection.filter_articles(articles, language="ru")["article_id"]) == ["d"]
    assert list(selection.filter_articles(articles, start="2025-01-02")["article_id"]) == ["b", "d"]
    assert list(selection.filter_articles(articles, start="2025-01-01", end="2025-01-03")["article_id"]) == ["a", "d"]
    assert len(selection.filter_articles(articles, outlet=selection.ALL, language=selection.ALL)) == 4  # undated kept without a range


def test_the_article_to_explain_is_the_longest_in_the_main_language_not_the_first_file(articles):
    assert selection.article_to_explain(articles)["article_id"] == "b"
    assert selection.article_to_explain(articles, "4.txt")["article_id"] == "d"
    assert selection.article_to_explain(articles, "a")["file"] == "1.txt"
    with pytest.raises(KeyError, match="no article"):
        selection.article_to_explain(articles, "missing.txt")
    quotes = pd.DataFrame({"article_id": ["c", "c", "b"]})
    assert selection.article_to_highlight(articles, quotes)["article_id"] == "c"


def test_headings_never_show_placeholders_in_brackets(articles):
    assert selection.heading(articles.iloc[0]) == "Short — X · 2025-01-01"
    assert selection.heading(articles.iloc[1]) == "Untitled article (2.txt) — Y · 2025-01-05"
    assert selection.heading(articles.iloc[2]) == "Third"


def test_explorers_search_filter_and_change_the_view(seed_tables):
    explorer = widgets.entity_explorer(seed_tables)
    picker, filters, output = explorer.children
    first = output.value
    labels = selection.entity_options(seed_tables.entities)
    assert picker.value == next(iter(labels)) and "Keyword in context" in first
    assert 'class="dataframe toolkit-table kwic"' in first  # the concordance's own layout: its mentions in one column
    picker.value = "Kyi"  # typing: nothing happens until the text is one of the options
    assert output.value == first
    picker.value = next(label for label in labels if label.startswith("Kyiv"))
    assert output.value != first and "Kyiv" in output.value
    outlet = filters.children[0]
    outlet.value = selection.outlet_options(seed_tables.articles)[0]
    assert "Mentions per outlet" in output.value or "No mention" in output.value

    browser = widgets.quote_browser(seed_tables)
    speaker, note, listing, article = browser.children[0].children[0], *browser.children[2:]
    everyone = len(listing.options)
    speaker.value = speaker.options[0]
    assert 0 < len(listing.options) < everyone and note.value.startswith("<small>")
    assert "<h4>" in article.value and "(untitled)" not in article.value and "((" not in article.value

    comparison = widgets.outlet_comparison(seed_tables)
    left, right = comparison.children[0].children
    before = comparison.children[1].value
    right.value = left.options[-1]
    assert comparison.children[1].value != before


def test_a_pivot_table_is_drawn_with_its_columns_only_and_blanks_for_missing_values():
    forms = pd.DataFrame({"name": ["Kyiv", "Kyiv", "Ankara"], "outlet": ["Harbour", "Quay", "Quay"], "form": ["Kiev", "Kyiv", "Ankara"]})
    html = widgets.table_html(forms.pivot_table(index="name", columns="outlet", values="form", aggfunc="first").reset_index())
    headers = pd.read_html(io.StringIO(html))[0].columns.tolist()
    assert headers == ["name", "Harbour", "Quay"] and ">outlet<" not in html and "NaN" not in html


TINY = [
    nbformat.v4.new_code_cell('OUT_DIR = "."\nSTATIC_IMAGES = False', metadata={"tags": ["parameters"]}),
    nbformat.v4.new_markdown_cell("## A bar chart"),
    nbformat.v4.new_code_cell('import plotly.graph_objects as go\nimport plotly.io as pio\n'
                              'pio.renderers.default = "plotly_mimetype+png" if STATIC_IMAGES else "plotly_mimetype"\n'
                              'go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout_title_text="Bars")'),
]  # fmt: skip


def test_reports_per_data_set_run_again_only_when_inputs_change_and_keep_their_charts(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=TINY, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                                  "display_name": "Python 3"}}),
                   folder / "01-tiny.ipynb")  # fmt: skip
    monkeypatch.setattr(notebooks, "NOTEBOOKS", folder)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "report.csv").write_text("file,status\n")

    def run(force: bool = False) -> bool:
        ((path, executed),) = notebooks.execute_notebooks(tmp_path / "raw", out, tmp_path / "reports", progress=False, force=force)
        assert path == tmp_path / "reports" / "mine" / "01-tiny.ipynb"
        return executed

    assert run() is True
    figures = sorted(p.name for p in (tmp_path / "reports" / "mine" / "figures").iterdir())
    assert figures == ["01-tiny-01-a-bar-chart.png", "01-tiny-charts.html"]
    assert (tmp_path / "reports" / "mine" / "figures" / figures[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Bars" in (tmp_path / "reports" / "mine" / "figures" / figures[1]).read_text()
    assert run() is False  # nothing changed
    (out / "report.csv").write_text("file,status\na.txt,ok\n")
    assert run() is True  # a table changed
    assert run(force=True) is True
    assert json.loads((tmp_path / "reports" / "mine" / ".executed.json").read_text()).keys() == {"01-tiny.ipynb"}


def test_a_concordance_lines_up_the_mentions_escapes_article_text_and_says_how_many_lines_it_leaves_out():
    lines = pd.DataFrame({"article_id": ["a1"] * 3, "outlet": ["Harbour"] * 3, "sentence": [0, 1, 2],
                          "left": ["met <b>the</b>", "then", "and"], "mention": ["Lind"] * 3, "right": [" at noon.", " left.", " went home."]})  # fmt: skip
    html = concordance(lines, rows=2).to_html()
    assert "&lt;b&gt;the&lt;/b&gt;" in html and "<b>the</b>" not in html
    assert "2 of 3 mentions shown" in html and " left." in html and "went home" not in html
    assert "text-align: right" in html and "font-weight: bold" in html
    assert "caption" not in concordance(lines).to_html()
