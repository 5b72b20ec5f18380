"""Metadata finders on lines of our own."""

import pytest

from toolkit.ingest.cleaner import LineDecision
from toolkit.ingest.metadata import extract_metadata, parse_date, split_dateline


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15 May 2025 12:49", "2025-05-15T12:49"),
        ("Published: 3 June, 2024 09:04", "2024-06-03T09:04"),
        ("20:21 UTC+8, 2025-05-16", "2025-05-16T20:21+08:00"),
        ("November 20, 2019", "2019-11-20"),
        ("Updated 10:32 AM EST, Tue November 19, 2019", "2019-11-19T10:32-05:00"),
        ("2024-02-01T08:15:00Z", "2024-02-01T08:15+00:00"),
        ("date 2025-05-16", "2025-05-16"),
    ],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["© 2024 Example News", "Copyright 2023", "12 May 2999", "Views: 227", "1 January 1850"])
def test_rejected_dates(text):
    assert parse_date(text) is None


def decisions(lines, body):
    return [LineDecision(i, t, 1.0 if i in body else 0.0, i in body, "body" if i in body else "x") for i, t in enumerate(lines)]


def test_header_metadata_next_to_the_body():
    lines = ["Home", "Example Times © 2025", "POLITICS", "Senate passes the water bill after long debate",
             "4 April 2025 18:30", "The Senate passed the bill on Friday after a debate that lasted eleven hours.",
             "Supporters said it would protect rivers.", "By Jane Q. Public", "Views: 12"]  # fmt: skip
    meta, body = extract_metadata(decisions(lines, {5, 6}))
    assert meta.title == "Senate passes the water bill after long debate"
    assert meta.published == "2025-04-04T18:30"
    assert meta.author == "Jane Q. Public"
    assert meta.outlet == "Example Times"
    assert meta.section == "POLITICS"
    assert body == lines[5:7]


def test_source_line_gives_agency_and_outlet_reports_phrase():
    lines = ["Talks resume in Geneva after a pause", "The talks resumed on Monday, Example.com reports, citing officials.",
             "Both sides said progress was slow.", "Source: Newswire Editor: A. Person"]  # fmt: skip
    meta, _ = extract_metadata(decisions(lines, {1, 2}))
    assert meta.author == "Newswire"
    assert meta.outlet == "Example.com"


def test_dateline_is_cut_from_the_first_paragraph():
    place, date, rest = split_dateline("16 May 2025 – Geneva – Delegates met on Friday.")
    assert (place, date, rest) == ("Geneva", "2025-05-16", "Delegates met on Friday.")
    place, date, rest = split_dateline("GENEVA (Newswire) - Delegates met on Friday.")
    assert place == "Geneva" and date is None and rest.startswith("GENEVA")
