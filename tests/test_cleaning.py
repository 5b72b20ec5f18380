"""The dump cleaner on small dumps of our own: what it keeps, drops, and says why."""

import numpy as np

from toolkit.ingest.cleaner import best_block, body_paragraphs, classify_lines, dump_lines
from toolkit.ingest.line_features import LineFrequency

MENU = ["Home", "World", "Business", "Sport", "Subscribe", "Sign in"]
FOOTER = ["© 2025 Example Media. All rights reserved.", "Privacy policy", "Follow us on Facebook"]
BODY = [
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, ending a two-year dispute "
    "between the districts over the route, the cost and who should pay for the new depots.",
    "The decision followed a public consultation in which more than four thousand residents took part, most of them "
    "asking for faster and more frequent connections to the centre.",
    "Transport Planning",
    "Council members said the new lines would connect three districts that currently rely on crowded buses.",
    "The mayor told reporters that construction could begin next spring if the regional government approves funding.",
    "Opponents argued that the cost estimates were too optimistic and asked for an independent review of the plan.",
]


def dump(body, extra=()):
    return "\n".join([*MENU, "", "Tram network to grow after council vote", "12 March 2025", "", *body, *extra, "", *FOOTER])


def test_body_is_kept_and_furniture_dropped():
    decisions = classify_lines(dump_lines(dump(BODY)))
    assert body_paragraphs(decisions) == BODY
    reasons = {d.text: d.reason for d in decisions}
    assert reasons["Subscribe"] != "body"
    assert reasons["Tram network to grow after council vote"] != "body"


def test_chatbot_residue_and_comment_policy_are_dropped():
    chatbot = "Would you like a summary of how other cities have financed similar projects?"
    policy = "Dear readers, please note that we have switched to a new commenting system, and comments are moderated."
    decisions = classify_lines(dump_lines(dump([*BODY[:3], policy, *BODY[3:]], [chatbot])))
    assert body_paragraphs(decisions) == BODY
    reasons = {d.text: d.reason for d in decisions}
    assert reasons[chatbot] == "chatbot residue"
    assert reasons[policy] in ("comment policy", "boilerplate (low body score)")


def test_repeated_lead_is_kept_once():
    decisions = classify_lines(dump_lines(dump([BODY[0], *BODY])))
    kept = body_paragraphs(decisions)
    assert kept.count(BODY[0]) == 1
    assert "repeated line (kept once)" in {d.reason for d in decisions}


def test_lines_recurring_in_other_dumps_are_boilerplate():
    other = "\n".join(["Read our election coverage", "Weather: sunny, 21 degrees", *FOOTER])
    frequency = LineFrequency()
    page = dump_lines(dump(BODY, ["Read our election coverage"]))
    for lines in (page, dump_lines(other), dump_lines(other)):
        frequency.add(lines)
    decisions = classify_lines(page, frequency)
    assert frequency.in_other_documents("Read our election coverage") == 2
    assert "Read our election coverage" not in body_paragraphs(decisions)


def test_best_block_finds_the_dense_run():
    assert best_block(np.array([0.1, 0.9, 0.8, 0.2, 0.9, 0.1, 0.0]), threshold=0.35) == (1, 4)


def test_empty_dump_has_no_decisions():
    assert classify_lines([]) == []
