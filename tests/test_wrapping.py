"""Hard-wrapped plain text on texts of our own: found, joined back into paragraphs, then cleaned."""

import textwrap

from toolkit.ingest import Ingest
from toolkit.ingest.cleaner import body_paragraphs, classify_lines, dump_lines
from toolkit.ingest.wrapping import unwrapped, wrap_width

PARAGRAPHS = [
    "The harbour authority said on Friday that the northern pier would close for repairs from March until the end of "
    "the summer, after divers found that two of its wooden piles had rotted through.",
    "Ferries to the islands will leave from the southern quay instead, and the timetable will not change, a "
    "spokeswoman for the authority told reporters after the board met in the town hall on Thursday evening.",
    "The repairs will cost about four million euros, most of it paid by the regional government, which approved a "
    "two-year maintenance plan for the port's older structures last autumn.",
    "Fishermen who moor at the northern pier will be offered berths in the marina at the usual rate, the authority "
    "said, though several of them told the local radio station that the marina was already full in the summer months.",
]
TITLE = "Northern pier to close for repairs"


def wrapped(width=72, separator="\n\n", indent=""):
    return separator.join([TITLE, *(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in PARAGRAPHS)])


def test_a_hard_wrapped_text_is_found_at_its_width_and_joined_back():
    for width, separator, indent in ((72, "\n\n", ""), (60, "\n", ""), (79, "\r\n\r\n", "   ")):
        text = wrapped(width, separator, indent)
        assert width - 3 <= wrap_width(text) <= width
        assert dump_lines(text) == [TITLE, *PARAGRAPHS]  # a paragraph per line, as a browser's copy gives them
        assert body_paragraphs(classify_lines(dump_lines(text))) == PARAGRAPHS


def test_a_terminal_browsers_dump_of_a_page_is_joined_and_cleaned():
    menu = ["[1]Home", "[2]World", "[3]Business", "[4]Sport", "[5]Subscribe", "[6]Sign in", "[7]Search", "[8]Weather"]
    footer = ["© 2025 Example Media. All rights reserved.", "[9]Privacy policy", "[10]Contact us"]
    body = wrapped(79, "\n\n", "   ").split("\n\n", 1)[1]  # the paragraphs, wrapped and indented
    page = "\n".join([*(f"   {line}" for line in [*menu, TITLE]), body, *(f"   {line}" for line in footer)])
    assert wrap_width(page) is not None  # a few paragraphs among many menu lines are enough
    assert body_paragraphs(classify_lines(dump_lines(page))) == PARAGRAPHS


def test_a_line_ending_in_a_hyphen_runs_on_without_a_space():
    assert unwrapped("the council approved a two-\nyear plan for the port\n", 30) == "the council approved a two-year plan for the port"
    assert unwrapped("fares for the ferries rose -\nsharply in the spring\n", 30) == "fares for the ferries rose - sharply in the spring"


def test_a_browsers_copy_and_short_texts_are_not_hard_wrapped():
    page = "\n".join(["Home", "World", "Sport", "Subscribe", TITLE, "By Anna Berg", *PARAGRAPHS, "© 2025 Example Media"])
    assert wrap_width(page) is None  # its lines end where the page's blocks end
    teasers = "\n".join([
        "Harbour strike enters its third week as talks stall again", "Five things to know about the new tax year and your pay",
        "Council backs the tram plan after a two-year dispute ends", "Weather: a wet weekend ahead for the coast and the hills",
    ] * 3)  # fmt: skip
    assert wrap_width(teasers) is None  # lines of one length, but none runs on into the next
    assert wrap_width(textwrap.fill(PARAGRAPHS[0], 72)) is None  # too few lines to tell


def test_the_report_says_the_lines_were_joined(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wrapped.txt").write_text(wrapped())
    ingest = Ingest(raw, progress=False).run()
    assert ingest.articles[0].text == "\n\n".join(PARAGRAPHS)
    assert "hard-wrapped lines joined" in ingest.report_frame().iloc[0]["reason"]
