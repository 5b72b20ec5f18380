"""Page metadata on dumps of our own: dates, bylines, line roles, the header finders and the dateline."""

import numpy as np
import pytest

from toolkit.ingest.bylines import bio_author, byline_names, credible_author, says_by
from toolkit.ingest.cleaner import LineDecision, classify_lines, dump_lines
from toolkit.ingest.dates import _common_shape, _parser, find_dates, parse_date
from toolkit.ingest.line_features import LineFrequency
from toolkit.ingest.line_roles import ROLES
from toolkit.ingest.metadata import (
    could_be_headline,
    echoed_over_deck,
    extract_metadata,
    find_byline,
    find_title,
    header_candidates,
    header_rows,
    headline_above,
    headline_over_header,
    line_role_probabilities,
    split_dateline,
)

MENU = ["Home", "World", "Business", "Sport", "Subscribe", "Sign in", "Search"]
TEASERS = ["Harbour strike enters its third week", "Five things to know about the new tax year"]
BODY = [
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, ending a two-year dispute "
    "between the districts over the route, the cost and who should pay for the new depots.",
    "The decision followed a public consultation in which more than four thousand residents took part, most of them "
    "asking for faster and more frequent connections to the centre of the city.",
    "Council members said the new tram lines would connect three districts that currently rely on crowded buses.",
    "The mayor told reporters that construction of the tram lines could begin next spring if the regional government approves the funding.",
]
FOOTER = ["© 2025 Example Chronicle Media, Inc. All rights reserved.", "Privacy policy", "Follow Example Chronicle on Facebook"]


def page(header, body=BODY, after=()):
    return dump_lines("\n".join([*MENU, *TEASERS, *header, *body, *after, *FOOTER]))


def metadata(lines, frequency=None):
    return extract_metadata(classify_lines(lines, frequency), frequency)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15 May 2025 12:49", "2025-05-15T12:49"),
        ("Published: 3 June, 2024 09:04", "2024-06-03T09:04"),
        ("20:21 UTC+8, 2025-05-16", "2025-05-16T20:21+08:00"),
        ("March 14, 2024", "2024-03-14"),
        ("Updated 10:32 AM EST, Tue November 19, 2019", "2019-11-19T10:32-05:00"),
        ("2024-02-01T08:15:00Z", "2024-02-01T08:15+00:00"),
        ("date 2025-05-16", "2025-05-16"),
        ("quinta-feira, 14 de março de 2024 às 09:30", "2024-03-14T09:30"),  # a month word in another language
        ("09:05 14.03.2024Get short URL", "2024-03-14T09:05"),  # the date glued to the next field
        ("Published Thu, Mar 14 20249:05 AM EST", "2024-03-14T09:05-05:00"),  # the year glued to the time
    ],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["© 2024 Example News", "Copyright 2023", "12 May 2999", "Views: 227", "1 January 1850", "201945 items"])
def test_rejected_dates(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("month", ["Nov", "Nov.", "November", "NOV", "Sept", "may"])
@pytest.mark.parametrize("tail", ["", " 12:05 AM", " 12:30 pm", " 4:29 p.m.", " 10:32 UTC", " 10:32 Z", " 23:59:59", " 13:00 PM", " 0:10 am"])
def test_common_english_shapes_are_read_directly_as_dateparser_reads_them(month, tail):
    for piece in (f"{month} 20, 2019{tail}", f"20 {month} 2019{tail}", f"{month} 3rd 2019{tail}", f"31 {month} 2019{tail}"):
        direct = _common_shape(piece)
        reference = _parser(("en",)).get_date_data(piece).date_obj
        if direct is not None:  # read directly: exactly what dateparser reads
            assert reference is not None and direct.isoformat() == reference.isoformat(), piece
        elif "31" not in piece and "13:00" not in piece and "0:10 am" not in piece:
            pytest.fail(f"a common shape left to dateparser: {piece!r}")


def test_every_date_of_a_line_is_found_in_order():
    found = find_dates("PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 20, 2019 at 10:16 pm")
    assert [d.iso[:10] for d in found] == ["2019-11-19", "2019-11-20"]


@pytest.mark.parametrize("language", ["wuu", "zxx", "ary"])
def test_a_language_dateparser_does_not_know_reads_dates_as_a_page_of_unknown_language(language):
    # the language identifier names more languages than dateparser has data for; dateparser raised
    # "Unknown language(s)", and the page was skipped as an internal error
    assert parse_date("12 de agosto de 2018", languages=[language]) == "2018-08-12"
    assert parse_date("November 19, 2019", languages=[language, "en"]) == "2019-11-19"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe - Nov 19, 2019", "Jane Doe"),
        ("Monday November 18, 2019 7:45 am PST by Ann Writer", "Ann Writer"),
        ("Ola Nordmann@olanordmann", "Ola Nordmann"),
        ("KARI HANSEN, EXAMPLE TIMES", "Kari Hansen"),
        ("Sam Okafor, Science Writer", "Sam Okafor"),
        ("By Alan Frame, Zeke Mills and Lisa Moss", "Alan Frame, Zeke Mills and Lisa Moss"),
        ("Kevin Jones and Mia Novak EXAMPLE NEWS", "Kevin Jones and Mia Novak"),
        ("By Ana Lind analind@example.com (555) 010-4477", "Ana Lind"),
        ("By Michael ThorntonBusiness Columnist", "Michael Thornton"),
        ("Jane SmithersNEWSDESK", "Jane Smithers"),
        ("Sam Okafor Updated 3 March 2025", "Sam Okafor"),
        ("Sam Okafor Harbour Press", "Sam Okafor"),  # an agency run into the byline
        ("By Ana Lind Staff Writer", "Ana Lind"),  # the writer's job after the name
        ("Sam T. Okafor Senior Contributor", "Sam T. Okafor"),
        ("By Ana Lind 2025-03-12T10:32:19Z Science & Tech", "Ana Lind"),  # the byline's next field after the date
        ("By Ana Lind | 12 March 2025 | Harbour Desk", "Ana Lind"),
        ("By Kari Hansen and Ola Nordmann Chief Political Correspondents", "Kari Hansen and Ola Nordmann"),
        ("By Ana Lind and Sam T. Okafor", "Ana Lind and Sam T. Okafor"),  # an initial in capitals is no outlet after the names
        ("Juan Carlos Ortega Ruiz", "Juan Carlos Ortega Ruiz"),
        ("By admin - 2024-03-14", "admin"),
        ("Source: Newswire Editor: A. Person", "Newswire"),
        ("Rose Green", "Rose Green"),
        ("By JANE DOE and SAM OKAFOR", "Jane Doe and Sam Okafor"),
        ("By Key Points", "Key Points"),
        ("12/03/2025 Ana Lind All , Books , Reviews , News", "Ana Lind"),  # a quantifier opens the sections' list, it closes no name
        ("Text: Kari Hansen · 12 March 2025", "Kari Hansen"),  # a magazine's credit label
        ("Текст: Лида Карина · 12 марта 2025", "Лида Карина"),
    ],
)
def test_names_read_from_byline_lines(line, name):
    assert byline_names(line) == name


@pytest.mark.parametrize("line", ["WORLD", "Updated 9:05 am EST, Thursday, March 14, 2024", "Share this:", "Ukraine’s Push for Peace",
                                  "Council backs new harbour plan after a long night", "By",
                                  "Key Points", "Thank You", "Image Copyright", "Breaking News Emails",
                                  "By subject", "Search by date", "By All Accounts", "By No Means", "By Every Measure Possible"])  # fmt: skip
def test_lines_that_name_nobody(line):
    assert byline_names(line) is None


@pytest.mark.parametrize("line", ["Photo by Jane Doe/Getty Images", "Images courtesy of Sam Okafor"])
def test_a_picture_credit_names_no_author(line):
    assert byline_names(line) is None


@pytest.mark.parametrize("line", ["AFP", "By DPA"])
def test_an_agency_acronym_stays_in_capitals(line):
    assert byline_names(line) == line.removeprefix("By ")


@pytest.mark.parametrize(
    ("line", "credible"),
    [
        ("By Logistics", True),  # an explicit "by" is always taken at its word
        ("Harbour United By Sport", False),  # a slogan's "by"
        ("Monday, 3 March 2025 by Sam Okafor", True),
        ("Logistics", False),  # a lone word without "by": a menu item or a place
        ("AP", True),
        ("DPA", True),
        ("RSS (headlines)", False),  # a link of the page, not an agency's initials
        ("FAQ", False),
        ("TV", False),  # an everyday word in capitals
        ("TOP", False),
        ("Newswire, Port Elm,", True),  # a source credit run into the date line
        ("HARBOURTON, NORTHLAND", False),  # a place
        ("Services Logistics", False),  # opens with an everyday word
        ("Valley News", False),  # closes with one after a common first word
        ("StarLine News", False),  # or after a brand in camel case
        ("HN World", False),  # or after an acronym
        ("Dolores Black", True),  # a rare first word is taken for a given name
        ("Dolores Black and Sam Okafor", True),
        ("HARBOURGATE & Tideway Jobs", False),  # every author of a list must be credible: a lone word is not
        ("Kevin Brown", True),  # a known given name first: "Brown" is his surname
        ("Ngozi Marsh", True),
        ("Breaking World Alerts", False),  # an everyday word inside: a phrase, not given names and a surname
        ("Dolores de la Vega", True),  # particles inside are part of a name
        ("Dolores Mary Black", True),  # and so are given names
    ],
)
def test_an_author_without_a_by_must_look_like_one(line, credible):
    assert credible_author(line, byline_names(line) or line) is credible


def test_a_lone_word_is_the_author_when_the_article_credits_that_agency():
    assert not credible_author("Newswire", "Newswire")
    assert credible_author("Newswire", "Newswire", credited=frozenset({"Newswire"}))
    lines = page(["Tram network to grow after council vote", "Newswire"], body=[f"HARBOURTON (Newswire) - {BODY[0]}", *BODY[1:]])
    assert metadata(lines)[0].author == "Newswire"
    signed = page(["Tram network to grow after council vote", "Newswire"], after=["Source: Newswire   Editor: A. Person"])
    assert metadata(signed)[0].author == "Newswire"
    assert metadata(page(["Tram network to grow after council vote", "Newswire"]))[0].author is None


def test_a_dated_byline_the_role_model_reads_as_a_date_line_still_names_the_author():
    # a held-out page: "Posted by NAME on DATE" scored 0.97 as a date line and 0.10 as a byline, and a menu
    # item above it, likelier as a byline, was given as the author
    lines = ["Channel Finder", "Tram network to grow after council vote", "Posted by Ana Lind on March 12, 2025, 6:21 AM EST", BODY[0]]
    roles = np.zeros((len(lines), len(ROLES)))
    roles[0, ROLES.index("byline")] = 0.89
    roles[1, ROLES.index("headline")] = 0.99
    roles[2, ROLES.index("byline")], roles[2, ROLES.index("date")] = 0.10, 0.97
    assert find_byline(lines, roles, [0, 1, 2], body_start=3) == ("Ana Lind", 2)


def test_an_ad_label_or_share_buttons_are_no_author_even_after_by():
    # both were given as a held-out page's author (benchmarks/heldout.py), from a line the role model took for a byline
    for line in ("Sponsored Advert", "Advertisement Feature", "Whatsapp Facebook Pinterest Download", "By Facebook Twitter"):
        assert not credible_author(line, byline_names(line) or line), line
    assert credible_author("Ana Lind", "Ana Lind") and credible_author("By Ana Promoter", "Ana Promoter")


def test_everyday_words_of_the_page_language_are_no_author():
    assert credible_author("Mario Rossi", "Mario Rossi", "it")
    assert not credible_author("Leggi tutto", "Leggi tutto", "it")  # "read all": a link, in Italian
    assert not credible_author("Neues Angebot", "Neues Angebot", "de")  # "new offer": an everyday German word opens it
    assert credible_author("Neues Angebot", "Neues Angebot", "en")  # the same words read as English are rare enough
    assert credible_author("Jutta Becker", "Jutta Becker", "de")


def test_a_by_line_is_preferred_to_a_likelier_line_without_one_and_no_fallback_to_furniture():
    by = page(["Tram network to grow after council vote", "By Jane Q. Public", "Harbour Services"])
    assert metadata(by)[0].author == "Jane Q. Public"
    lone = page(["Tram network to grow after council vote", "Logistics"])
    assert metadata(lone)[0].author is None


def test_a_headline_far_above_the_body_is_found_by_its_date_line():
    panel = [f"Share this with {network}" for network in ("Facebook", "Messenger", "Twitter", "Email", "WhatsApp", "LinkedIn", "Pinterest")] * 6
    lines = page(["Tram network to grow after council vote", "12 March 2025", *panel])
    meta, _ = metadata(lines)
    assert meta.published == "2025-03-12"
    assert meta.title == "Tram network to grow after council vote"


def test_headline_byline_and_date_next_to_the_body_and_not_in_it():
    lines = page(["POLITICS", "Tram network to grow after council vote", "By Jane Q. Public", "12 March 2025 14:05"])
    meta, body = metadata(lines)
    assert meta.title == "Tram network to grow after council vote"
    assert meta.author == "Jane Q. Public"
    assert meta.published == "2025-03-12T14:05"
    assert body == BODY


def test_a_header_over_a_photo_gallery_of_bullets_is_still_read():
    gallery = ["*"] * 40 + ["Photo: Sam Okafor, Newswire", "Image 1 of 12", "Caption", "Close"]
    header = ["Tram network to grow after council vote", "Jane Q. Public, Newswire Transport Writer", "Updated 2:05 pm, Wednesday, March 12, 2025"]
    lines = page([*header, *gallery])
    decisions = classify_lines(lines)
    body_start = next(d.index for d in decisions if d.kept)
    assert lines.index(header[1]) < body_start - 30  # the byline lies more than the window's 30 lines above the body
    assert lines.index(header[1]) in header_candidates(decisions, body_start)  # but the bullets do not count
    meta, _ = metadata(lines)
    assert (meta.author, meta.published) == ("Jane Q. Public", "2025-03-12T14:05")


def test_the_headline_just_above_the_byline_replaces_a_body_line_or_a_clearly_less_likely_teaser():
    lines = ["Local News", "Tram network to grow after council vote", "By Jane Q. Public", "12 March 2025", "Share on Facebook", *BODY]
    roles = headline_scores([0.0, 0.4, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0])
    header, body_start = (2, 3), 5
    assert headline_over_header(lines, roles, 5, header, body_start, None) == 1  # the body's first line was taken
    assert headline_over_header(lines, roles, None, header, body_start, None) == 1
    assert headline_over_header(lines, roles, 4, header, body_start, None) == 4  # just below the header: kept
    assert headline_over_header(lines, headline_scores([0.0, 0.1, 0, 0, 0, 0.1, 0, 0, 0]), 5, header, body_start, None) == 5  # unlikely
    sentence = [lines[0], "The council voted to grow the tram network.", *lines[2:]]
    assert headline_over_header(sentence, roles, 5, header, body_start, None) == 5  # a sentence is no headline
    assert headline_over_header(lines, roles, 5, (None, None), body_start, None) == 5  # no byline or date line
    teasers = ["Harbour strike enters its third week", *lines[1:]]  # a title found higher up, in a list of teasers
    assert headline_over_header(teasers, headline_scores([0.55, 0.9, 0, 0, 0, 0.1, 0, 0, 0]), 0, header, body_start, None) == 1
    assert headline_over_header(teasers, headline_scores([0.8, 0.9, 0, 0, 0, 0.1, 0, 0, 0]), 0, header, body_start, None) == 0


def test_a_headline_that_reads_like_a_list_of_names_is_still_the_headline_above_its_byline():
    lines = ["Spaceflight", "Harbour Board Picks Orwell, Lindqvist and More to Run the New Docks", "By Ada Moss,", "Sam Okafor", "2025-03-12T10:05:00Z"]
    assert headline_above(lines, 4) == 1  # the two byline lines between are skipped, the headline is not


def test_a_header_of_five_lines_the_cleaner_kept_as_body_is_still_read_as_header():
    claim = ["“Twelve new kilometres of tram lines will be open by May.”", "— Anna Berg on Monday, 3 March 2025 in a council meeting"]
    header = ["Will the tram network really grow by May?", "By Jane Q. Public", "on Wednesday, 12 March 2025 at 14:05"]
    lines = [*MENU, *claim, *header, *BODY]
    decisions = [LineDecision(i, line, 0.9, i >= len(MENU), "") for i, line in enumerate(lines)]
    date_line = len(MENU) + 4
    assert date_line in header_candidates(decisions, body_start=len(MENU))  # the fifth line kept
    assert len(MENU) + 5 not in header_candidates(decisions, body_start=len(MENU))  # the body's own lines are not


def test_a_name_without_by_deep_in_the_kept_lines_is_a_subheading_not_a_byline():
    lines = ["Tram network to grow after council vote", *BODY[:3], "Stalled Talks and Missed Chances", BODY[3]]
    roles = np.zeros((len(lines), len(ROLES)))
    roles[4, ROLES.index("byline")] = 0.6
    assert find_byline(lines, roles, list(range(len(lines))), body_start=1) == (None, None)
    marked = [*lines[:4], "By Jane Q. Public", BODY[3]]  # one that says "By" is still the byline there
    assert find_byline(marked, roles, list(range(len(lines))), body_start=1) == ("Jane Q. Public", 4)


def test_a_name_without_by_among_menu_items_is_an_item_not_a_byline():
    lines = ["Science", "Design", "Harbour Features", "Long Reads", "Subscribe", "Tram network to grow after council vote", *BODY]
    roles = np.zeros((len(lines), len(ROLES)))
    roles[2, ROLES.index("byline")] = 0.6
    assert find_byline(lines, roles, list(range(6)), body_start=6) == (None, None)
    between = ["Science", "Design", "Tram network to grow after council vote", "Hana Okafor", "12 May 2025", *BODY]
    roles = np.zeros((len(between), len(ROLES)))
    roles[3, ROLES.index("byline")] = 0.6
    assert find_byline(between, roles, list(range(5)), body_start=5) == ("Hana Okafor", 3)  # under its headline, over its date
    marked = [*lines[:2], "By Hana Okafor", *lines[3:]]  # a "by" is a byline wherever it stands
    roles = np.zeros((len(marked), len(ROLES)))
    roles[2, ROLES.index("byline")] = 0.6
    assert find_byline(marked, roles, list(range(6)), body_start=6) == ("Hana Okafor", 2)


def test_a_menu_item_repeated_over_the_headline_is_no_byline_but_an_authors_box_after_the_story_is_no_menu():
    menu = ["Science", "Design", "Harbour Features", "Long Reads", "Subscribe"]
    lines = [*menu, "Account", "Sign out", "Harbour Features", "Tram network to grow after council vote", *BODY]
    roles = np.zeros((len(lines), len(ROLES)))
    roles[7, ROLES.index("byline")] = 0.6  # the section's link again, over the headline: not among short lines there
    assert find_byline(lines, roles, list(range(9)), body_start=9) == (None, None)
    boxed = ["Tram network to grow after council vote", "Hana Okafor", *BODY[:2], "Twitter", "Email me", "Hana Okafor", "hana@example.org", "Share"]
    roles = np.zeros((len(boxed), len(ROLES)))
    roles[1, ROLES.index("byline")] = 0.6
    assert find_byline(boxed, roles, list(range(2)), body_start=2) == ("Hana Okafor", 1)  # her box closes the page among short lines


def test_a_date_line_ending_in_by_name_wins_over_a_likelier_line_without_by():
    lines = ["Tram network to grow after council vote", "Harbour Trams Expected Next Year",
             "Monday March 3, 2025 7:45 am PST by Hana Okafor", *BODY]  # fmt: skip
    roles = np.zeros((len(lines), len(ROLES)))
    roles[[1, 2], ROLES.index("byline")] = [0.86, 0.85]  # a teaser the model finds a hair likelier
    assert find_byline(lines, roles, list(range(3)), body_start=3) == ("Hana Okafor", 2)
    assert says_by("Posted on March 3, 2025 by Hana Okafor") and says_by("March 3, 2025 | by Hana Okafor")
    assert not says_by("Harbour's March 3, 2025 budget by the numbers")  # more than a date before the "by"
    assert not says_by("United By Sport")
    assert says_by("Text: Kari Hansen") and says_by("Texto: Ana Lind") and not says_by("Text me: 555 0100")


@pytest.mark.parametrize("label", ["By", "Author:"])
def test_a_bare_label_names_the_name_on_the_next_line_and_lends_it_its_role(label):
    lines = ["VIVALDI OPERA BRAVE", "Tram network to grow after council vote", label, "Will Field", BODY[0]]  # a browser list above
    roles = np.zeros((len(lines), len(ROLES)))
    roles[[0, 2, 3], ROLES.index("byline")] = [0.75, 0.05, 0.86]  # the model gives the byline role to the name, not to the label
    assert find_byline(lines, roles, list(range(len(lines))), body_start=4) == ("Will Field", 2)  # two everyday words, after the label


def test_a_byline_kept_as_body_is_taken_out_of_it():
    lines = page(["Tram network to grow after council vote"], body=["By Jane Q. Public", *BODY])
    meta, body = metadata(lines)
    assert meta.author == "Jane Q. Public" and body == BODY


def test_a_byline_closing_the_article():
    lines = page(["Tram network to grow after council vote", "12 March 2025"], after=["By Jane Q. Public", "Views: 227"])
    meta, _ = metadata(lines)
    assert meta.author == "Jane Q. Public" and meta.published == "2025-03-12"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Ana Lind is a staff writer at Tramline covering transport and cities.", "Ana Lind"),
        ("Sam Okafor was Tramline's science editor until 2024.", "Sam Okafor"),
        ("Dolores de Vega is an award-winning reporter based in Harbourton.", "Dolores de Vega"),
        ("Ana Lind is a former mayor of Harbourton.", None),  # no journalist: a person the article is about
        ("Breaking World Alerts is a newsletter for writers.", None),  # no credible name
        ("The council said Ana Lind is a writer.", None),  # not a note opening with the name
    ],
)
def test_a_note_about_the_writer_names_the_author(line, name):
    assert bio_author(line) == name


def test_a_note_about_the_writer_closing_the_article_gives_the_author_when_no_byline_does():
    note = "Ana Lind is a staff writer at Tramline covering transport and cities."
    meta, _ = metadata(page(["Tram network to grow after council vote", "12 March 2025"], body=[*BODY, note]))
    assert meta.author == "Ana Lind"
    meta, _ = metadata(page(["Tram network to grow after council vote", "By Sam Okafor"], body=[*BODY, note]))
    assert meta.author == "Sam Okafor"  # the byline comes first


def test_the_headline_above_its_standfirst():
    standfirst = "The council approved twelve kilometres of new tram lines after a two-year dispute over the route"
    meta, _ = metadata(page(["12 March 2025", "Tram network to grow after council vote", standfirst]))
    assert meta.title == "Tram network to grow after council vote"


def test_links_list_items_and_recurring_lines_are_never_headlines():
    frequency = LineFrequency()
    for _ in range(5):
        frequency.add(["Video playback is not available in your region"])
    assert not could_be_headline("https://www.example.com/news/tram-network-to-grow", None)
    assert not could_be_headline("* Tram network to grow after council vote", None)
    assert not could_be_headline("Video playback is not available in your region", frequency)
    assert could_be_headline("Tram network to grow after council vote", frequency)
    captions = ("Media captionWho runs the tram network?", "Anna Berg Submitted photo", "(Image credit: Harbour Trams)", "Photo: Anna Berg",
                "The new depot at dusk, 2024. (Harbour Trams/Anna Berg)", "Trams wait at the old depot in 2019 [File: Newswire]")  # fmt: skip
    for caption in captions:
        assert not could_be_headline(caption, None), caption
    for mark in ("*", "|", "— —", "2019"):  # a menu's bullet or divider left on a line of its own, no headline
        assert not could_be_headline(mark, None), mark
    for furniture in ("1 hour ago", "25 mins ago", "News » Local » Tram network to grow after council vote"):  # a teaser's time, a trail of sections
        assert not could_be_headline(furniture, None), furniture
    assert could_be_headline("Tram network grows > council expected", None)  # a single ">" is no trail
    assert could_be_headline("Photo finish decides the harbour regatta", None)
    prompts = ("Enter your City or Zip Code", "Sign in to your account", "Skip to main content", "Follow us for more", "Suggest a correction",
               "Send us a news tip", "Leave a comment")  # fmt: skip
    for prompt in prompts:
        assert not could_be_headline(prompt, None), prompt
    assert could_be_headline("Sign language interpreters join the council meetings", None)
    assert could_be_headline("Report a rise in tram fares to the regulator, council tells passengers", None)
    assert not could_be_headline("“Twelve new kilometres of tram lines will be open by May.”", None)  # a pull quote or a claim checked
    assert could_be_headline("“We will not wait”: council backs the tram plan", None)


def headline_scores(scores):
    roles = np.zeros((len(scores), len(ROLES)))
    roles[:, ROLES.index("headline")] = scores
    return roles


def test_a_likely_headline_just_above_the_body_wins_over_a_body_line_in_headline_shape():
    lines = ["Tram network to grow after council vote", "By Anna Berg", "Remember the last time the trams ran on time?", BODY[0]]
    roles = headline_scores([0.7, 0.0, 0.85, 0.0])
    assert find_title(lines, roles, [0, 1, 2, 3], body_start=2) == 0
    far = ["Tram network to grow after council vote", *MENU, *TEASERS, lines[2], BODY[0]]
    start = len(far) - 2
    roles = headline_scores([0.7] + [0.0] * (start - 1) + [0.85, 0.0])
    assert find_title(far, roles, list(range(len(far))), body_start=start) == start  # too far up: the kept line stays the headline


def test_the_headline_above_its_standfirst_past_a_one_word_label():
    standfirst = "The council approved twelve kilometres of new tram lines after a two-year dispute over the route"
    lines = ["Tram network to grow after council vote", "Editorial", standfirst, "12 March 2025", BODY[0]]
    roles = headline_scores([0.8, 0.0, 0.95, 0.0, 0.0])
    assert find_title(lines, roles, [0, 1, 2, 3, 4], body_start=4) == 0


def test_of_two_alike_headlines_the_one_just_above_the_byline_is_the_title():
    teaser, headline = "Harbour strike enters its third week", "Tram network to grow after council vote"
    lines = [teaser, "12 March 2025", headline, "By Anna Berg", BODY[0]]
    candidates = list(range(len(lines)))
    assert find_title(lines, headline_scores([0.97, 0.0, 0.92, 0.0, 0.0]), candidates, body_start=4, byline=3) == 2
    assert find_title(lines, headline_scores([0.97, 0.0, 0.92, 0.0, 0.0]), candidates, body_start=4) == 0  # no byline: the likeliest
    assert find_title(lines, headline_scores([0.97, 0.0, 0.8, 0.0, 0.0]), candidates, body_start=4, byline=3) == 0  # not alike
    standfirst = "Twelve kilometres of new lines approved after a two-year dispute over the route"
    for header in ([headline, standfirst], [headline, headline, standfirst]):  # the standfirst under the headline or its copy
        lines = [*header, "By Anna Berg", BODY[0]]
        roles = headline_scores([0.95] * (len(header) - 1) + [0.9, 0.0, 0.0])
        assert lines[find_title(lines, roles, list(range(len(lines))), body_start=len(lines) - 1, byline=len(lines) - 2)] == headline
    two_sentences = "Twelve kilometres approved. The vote ends a two-year dispute over the route"
    lines = [headline, "12 March 2025", two_sentences, "By Anna Berg", BODY[0]]
    assert find_title(lines, headline_scores([0.95, 0.0, 0.9, 0.0, 0.0]), candidates, body_start=4, byline=3) == 0


def test_a_headline_below_the_byline_yields_to_a_likely_one_above_it():
    headline, video = "Tram network to grow after council vote", "Mayor explains why the trams will reach the harbour first"
    lines = [headline, "Share", "Email", "By Anna Berg", "video", video, BODY[0]]
    candidates = list(range(len(lines)))
    roles = headline_scores([0.8, 0.0, 0.0, 0.0, 0.0, 0.99, 0.0])
    assert find_title(lines, roles, candidates, body_start=6, byline=3) == 0  # a byline sits under its own headline
    assert find_title(lines, roles, candidates, body_start=6) == 5  # no byline: the likeliest
    unlikely = headline_scores([0.3, 0.0, 0.0, 0.0, 0.0, 0.99, 0.0])
    assert find_title(lines, unlikely, candidates, body_start=6, byline=3) == 5  # nothing likely above it
    far = [headline, *MENU, *TEASERS, "By Anna Berg", video, BODY[0]]
    roles = headline_scores([0.8] + [0.0] * (len(MENU) + len(TEASERS) + 1) + [0.99, 0.0])
    assert find_title(far, roles, list(range(len(far))), body_start=len(far) - 1, byline=len(far) - 3) == len(far) - 2  # too far up


def test_a_long_page_costs_its_header_only_and_gives_the_same_metadata():
    teasers = [f"{t} ({n})" for n in range(40) for t in TEASERS]  # a long related-stories list below the article
    headline = "Tram network to grow after council vote"
    for header, after in (
        ([headline, "By Sam Okafor", "12 March 2025"], teasers),
        ([headline], ["By Sam Okafor", *teasers]),  # a closing byline
        ([], [*teasers, headline, "12 March 2025"]),  # a date line far below
    ):
        decisions = classify_lines(page(header, after=after))
        full = line_role_probabilities(decisions)
        assert extract_metadata(decisions) == extract_metadata(decisions, roles=full)
        kept = [d.index for d in decisions if d.kept]
        rows = header_rows(header_candidates(decisions, kept[0]), len(decisions))
        part = line_role_probabilities(decisions, rows=rows)
        assert len(rows) < len(decisions) / 2
        assert np.allclose(part[rows.start : rows.stop], full[rows.start : rows.stop], rtol=0, atol=1e-12)  # the matrix product's rounding
        assert not part[: rows.start].any() and not part[rows.stop :].any()


def test_a_date_line_far_above_the_body_has_its_headline_read_with_the_same_roles():
    menu = [f"{item} {n}" for n in range(6) for item in MENU]
    lines = ["Tram network to grow after council vote", "12 March 2025", *menu, "Harbour strike enters its third week", "By Sam Okafor", *BODY]
    start = 2 + len(menu)  # the cleaner kept a teaser as the first body line; the byline below it has no date
    kept = {start, *range(start + 2, len(lines))}
    decisions = [LineDecision(i, line, 0.9 if i in kept else 0.01, i in kept, "test") for i, line in enumerate(lines)]
    meta, _ = extract_metadata(decisions)  # the page's only date is far above: the roles of the lines above it are made too
    assert meta == extract_metadata(decisions, roles=line_role_probabilities(decisions))[0]
    assert meta.title == lines[0] and meta.published == "2025-03-12"


def test_no_headline_when_the_body_starts_the_page():
    meta, _ = extract_metadata(classify_lines(dump_lines("\n".join([*BODY, "Transport Planning", *BODY[:2]]))))
    assert meta.title is None and meta.author is None


def test_dateline_is_cut_from_the_first_paragraph():
    place, date, rest = split_dateline("16 May 2025 – Geneva – Delegates met on Friday.")
    assert (place, date, rest) == ("Geneva", "2025-05-16", "Delegates met on Friday.")
    place, date, rest = split_dateline("GENEVA (Newswire) - Delegates met on Friday.")
    assert place == "Geneva" and date is None and rest.startswith("GENEVA")


def test_a_caption_between_the_date_line_and_the_body_yields_to_the_headline_above_the_date():
    lines = ["Local News", "Tram network to grow after council vote", "12 March 2025", "Mayor Ana Lind at the new depot", "Sam Okafor, Newswire", *BODY]
    header, body_start = (None, 2), 5
    roles = headline_scores([0.0, 0.9, 0.0, 0.95, 0.0, 0.1, 0, 0, 0])
    roles[4, ROLES.index("byline")] = 0.9  # the photo's credit under the caption reads as a byline
    assert headline_over_header(lines, roles, 3, header, body_start, None) == 1
    unlikely = roles.copy()
    unlikely[1, ROLES.index("headline")] = 0.3
    assert headline_over_header(lines, unlikely, 3, header, body_start, None) == 3
    assert headline_over_header(lines, roles, 3, (4, 2), body_start, None) == 3  # the line under it is the byline: a headline
    uncredited = headline_scores([0.0, 0.9, 0.0, 0.95, 0.0, 0.1, 0, 0, 0])  # a standfirst under it, no credit: a headline under its date
    assert headline_over_header(lines, uncredited, 3, header, body_start, None) == 3


def test_a_headline_the_share_panel_repeats_wins_over_the_standfirst_under_it():
    header = ["Local News", "Tram network to grow after council vote", "New, 15 comments", "The council approved twelve kilometres of new tram lines"]
    share = "Share this story: Tram network to grow after council vote"
    lines = [*header, "By Jane Q. Public", share, *BODY]
    scores = [0.0, 0.85, 0.0, 0.95] + [0.0] * (len(lines) - 4)
    assert echoed_over_deck(lines, headline_scores(scores), 3, None) == 1
    assert echoed_over_deck([*header, "By Jane Q. Public", "Share this story", *BODY], headline_scores(scores), 3, None) == 3  # no echo
    copied = [*header, "By Jane Q. Public", header[1], *BODY]  # a line repeated as it is: a menu's, not an echo
    assert echoed_over_deck(copied, headline_scores(scores), 3, None) == 3
    unlikely = [0.0, 0.3, 0.0, 0.95] + [0.0] * (len(lines) - 4)
    assert echoed_over_deck(lines, headline_scores(unlikely), 3, None) == 3
