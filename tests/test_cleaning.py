"""The dump cleaner on small dumps of our own: what it keeps, drops, and says why."""

import re

import numpy as np
import pytest

from toolkit.ingest import Ingest
from toolkit.ingest.cleaner import (
    CREDIT_OR_LINK,
    MEDIA_LINE,
    SITE_PROMOTION,
    SITES_NOTED,
    LineClassifier,
    ProseAcrossSites,
    announced_list,
    best_block,
    body_paragraphs,
    classify_lines,
    comment_start,
    dump_lines,
    opens_prose,
    share_buttons,
    without_trailing_symbols,
)
from toolkit.ingest.dates import DATE_PIECE, ISO_STAMP, looks_like_date
from toolkit.ingest.language import word_zipf
from toolkit.ingest.line_features import (
    FEATURE_NAMES,
    FURNITURE,
    FURNITURE_LOWERED,
    URLISH,
    LineFrequency,
    in_lowered,
    line_feature_matrix,
    word_count,
)
from toolkit.ingest.line_roles import CAPTION_WORDS, JOURNALIST

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


def test_a_short_text_of_one_paragraph_is_its_prose():
    brief = " ".join(BODY[:2])  # one long line with nothing around it: the line model alone keeps none of it
    assert body_paragraphs(classify_lines([brief])) == [brief]
    decisions = classify_lines(["Tram network to grow after council vote", "By Anna Berg", brief])
    assert body_paragraphs(decisions) == [brief]  # the title and byline stay out, for the metadata
    assert decisions[0].reason == "not prose (a short text: only its prose kept)"
    assert body_paragraphs(classify_lines([*MENU, *FOOTER])) == []  # no prose: no article
    assert body_paragraphs(classify_lines([*MENU, brief, *FOOTER])) == [brief]  # never the copyright line
    mentions = f"{BODY[0]} Readers left hundreds of comments on the related proposals."  # furniture words in a long sentence
    assert body_paragraphs(classify_lines(["Tram network to grow after council vote", mentions])) == [mentions]
    sections = [f"{name} news" for name in ("World", "Business", "Sport", "Culture", "Science", "Travel", "Health", "Money")]
    assert body_paragraphs(classify_lines([*sections, *FOOTER, BODY[3]])) == []  # prose a minority of the page: no article


def test_chatbot_residue_and_comment_policy_are_dropped():
    chatbot = "Would you like a summary of how other cities have financed similar projects?"
    policy = "Dear readers, please note that we have switched to a new commenting system, and comments are moderated."
    decisions = classify_lines(dump_lines(dump([*BODY[:3], policy, *BODY[3:]], [chatbot])))
    assert body_paragraphs(decisions) == BODY
    reasons = {d.text: d.reason for d in decisions}
    assert reasons[chatbot] == "chatbot residue"
    assert reasons[policy] in ("comment policy", "boilerplate (low body score)")


def test_share_buttons_are_dropped_however_likely_the_line_model_finds_them():
    standfirst = "Councillors weigh the cost of twelve new kilometres of track against crowded buses in three districts."
    bar = ["ShareKit Sharing Buttons", "Share to Facebook Facebook FacebookShare to Twitter Twitter TwitterShare to Email Email"]
    keeps_everything = LineClassifier(np.eye(1, len(FEATURE_NAMES)).ravel() * 5.0)  # bias only: every line 0.99 body
    decisions = classify_lines([BODY[0], standfirst, *bar, *BODY[1:]], classifier=keeps_everything)
    reasons = {d.text: d.reason for d in decisions}
    assert [reasons[line] for line in bar] == ["share buttons", "share buttons"]
    assert body_paragraphs(decisions) == [BODY[0], standfirst, *BODY[1:]]
    assert share_buttons("Share on: Facebook Twitter Reddit")
    assert not share_buttons("Users can share posts to Facebook and Twitter.")  # a sentence about sharing
    assert not share_buttons("Share prices fell")  # one word of sharing, nowhere to share to
    assert not share_buttons("Facebook and Twitter")  # no word of sharing


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


STOPS = [
    "The new lines will stop at these stations from next spring:",
    "March 3 -- Harbour Square, Old Town",
    "March 10 -- Mill Lane, Riverside",
    "April 2 -- North Gate, Hillview",
    "April 9 -- Canal Street, Docks",
]


def test_a_list_the_article_announces_is_body():
    decisions = classify_lines(dump_lines(dump([*BODY, *STOPS])))
    assert body_paragraphs(decisions) == [*BODY, *STOPS]
    assert "body (a list the article announces)" in {d.reason for d in decisions}


def test_a_list_under_a_heading_that_closes_the_article_is_body():
    heading = "Harbour Quartet 2025 tour dates and venues"  # a heading, not a sentence ending in a colon
    decisions = classify_lines(dump_lines(dump([*BODY, heading, *STOPS[1:]])))
    kept = body_paragraphs(decisions)
    assert kept[-len(STOPS) :] == [heading, *STOPS[1:]]  # fails if the items are read as furniture
    assert announced_list([heading, *STOPS[1:]], 0) == 0  # only where the heading closes the article block
    assert announced_list([heading, *STOPS[1:]], 0, heading=True) == 4


def test_an_announced_list_has_items_of_one_shape_that_recur_nowhere_else():
    assert announced_list(STOPS, 0) == 4
    assert announced_list(["Stations:", *STOPS[1:]], 0) == 0  # a one-word label announces nothing
    assert announced_list([STOPS[0], "Home", "World", "Sport", "Weather"], 0) == 0  # menu entries share no shape
    assert announced_list([*STOPS[:3], "Home", "Sport"], 0) == 0  # too few items
    frequency = LineFrequency()
    for _ in range(2):
        frequency.add(STOPS[1:3])
    assert announced_list(STOPS, 0, frequency) == 0  # its first items recur in other files: furniture


def test_the_article_block_runs_through_a_gallery_inside_the_article():
    gallery = ["Image 1 of 3", "(Image credit: Harbour Trams)", "2", "A tram in the depotCredit: Anna Berg", "Story continues below gallery"]
    decisions = classify_lines(dump_lines(dump([*BODY[:2], *gallery, *BODY[2:]])))
    kept = body_paragraphs(decisions)
    assert {BODY[0], BODY[1], BODY[3], BODY[4]} <= set(kept)  # the paragraphs on both sides of the gallery
    assert not set(gallery) & set(kept)  # and none of the gallery's lines
    reasons = {d.text: d.reason for d in decisions}
    assert reasons["Image 1 of 3"] == reasons["Story continues below gallery"] == "a caption, credit or gallery line inside the article"
    assert not MEDIA_LINE.search("Harbour Tax Credit: What Families Get") and not MEDIA_LINE.search("2024")  # a subheading, a year
    p = np.array([0.9, 0.8, 0.0, 0.0, 0.0, 0.9, 0.9])
    assert best_block(p) == (5, 6)
    assert best_block(p, neutral=np.array([False, False, True, True, True, False, False])) == (0, 6)


def test_picture_credits_links_to_other_articles_and_promotion_inside_the_article_are_never_body():
    inside = [
        "Ana Lind/Harbour Times/Getty Images",  # a credit that ends in a picture agency's name
        "Photo: Harbour Trams",
        "FILE PHOTO: A tram waits at the depot in Harbourton, March 3, 2025. Harbour Wire/Ana Lind",
        "A tram at the new depot (Image: HARBOUR WIRE)",
        "Related: Ten tram lines that changed their cities",
        "Read more: Harbourton votes on its budget",
    ]
    promotion = ["Want more trams? Join the Harbour Trams Newsletter.", "Subscribe to Harbour Trams on YouTube",
                 "Follow Harbour Desk on Instagram, Facebook and Twitter."]  # fmt: skip
    keeps_everything = LineClassifier(np.eye(1, len(FEATURE_NAMES)).ravel() * 5.0)  # bias only: every line 0.99 body
    decisions = classify_lines([BODY[0], *inside, *BODY[1:3], *promotion, *BODY[3:]], classifier=keeps_everything)
    assert body_paragraphs(decisions) == BODY
    reasons = {d.text: d.reason for d in decisions}
    assert {reasons[line] for line in inside} == {"a picture credit or a link to another article"}
    assert {reasons[line] for line in promotion} == {"the site's own promotion"}
    for prose in ("The picture library was sold to Getty Images.", "Related to the plan, the council set up a new fund.",
                  "Photographers said the depot was closed.", "Join the protest, the union told its members."):  # fmt: skip
        assert not CREDIT_OR_LINK.search(prose) and not SITE_PROMOTION.search(prose)


def test_a_first_paragraph_that_introduces_a_quotation_with_a_colon_is_body():
    opening = ("Council members who oppose the route published a statement on Monday night that lists what they see as the "
               "plan's three main flaws and asks the mayor to answer them before the vote:")  # fmt: skip
    decisions = classify_lines(dump_lines(dump([opening, *BODY])))
    assert body_paragraphs(decisions)[0] == opening  # not taken for a header line above the first sentence
    assert not opens_prose("Rating:") and not opens_prose("Read more about the tram network:")  # labels stay labels


def test_a_first_paragraph_that_ends_in_an_emoji_is_body():
    opening = "Riders who tried the new tram line on its first weekend have left their reviews of it on our page! 🙂"
    decisions = classify_lines(dump_lines(dump([opening, *BODY])))
    assert body_paragraphs(decisions)[0] == opening  # a sentence with an emoji after its full stop opens the article
    assert without_trailing_symbols("Check them out below~⬇️") == "Check them out below"


TEASERS = [
    line
    for i, topic in enumerate(["ferry timetable", "harbour wall", "school meals", "bridge tolls", "market hall", "cycle lanes", "night buses"])
    for line in (f"Council weighs new {topic} plan",
                 f"Residents of the {['north', 'south', 'east', 'west', 'old', 'new', 'upper'][i]} district were asked last week whether the "
                 f"{topic} should change before the summer, and the first answers suggest that...")
]  # fmt: skip


def test_a_long_line_cut_off_by_an_ellipsis_is_marked_truncated_and_a_short_link_is_not():
    column = FEATURE_NAMES.index("truncated")
    rows = line_feature_matrix([TEASERS[1], BODY[0], "Read more...", "He paused … and then he said nothing at all for a long while…"])
    assert rows[:, column].tolist() == [1.0, 0.0, 0.0, 1.0]


def test_the_shipped_classifier_reads_a_summary_cut_off_by_an_ellipsis_as_less_likely_body_than_the_same_sentence_finished():
    finished = [line.removesuffix(" that...") + "." if line.endswith("...") else line for line in TEASERS]
    cut = classify_lines(dump_lines(dump(BODY, ["", *TEASERS])))
    whole = classify_lines(dump_lines(dump(BODY, ["", *finished])))
    summaries = [i for i, d in enumerate(cut) if d.text.endswith("...")]
    assert len(summaries) == 7 and all(cut[i].probability < whole[i].probability - 0.1 for i in summaries)


def test_best_block_finds_the_dense_run():
    assert best_block(np.array([0.1, 0.9, 0.8, 0.2, 0.9, 0.1, 0.0]), threshold=0.35) == (1, 4)


def test_empty_dump_has_no_decisions():
    assert classify_lines([]) == []


def test_word_frequency_in_a_language_whose_splitter_is_not_installed_is_zero_not_an_error():
    assert word_zipf("서울", "ko") >= 0.0  # wordfreq needs MeCab to split Korean; without it the word counts as unknown


@pytest.mark.parametrize("language", ["zxx", "wuu"])
def test_word_frequency_in_a_language_wordfreq_has_no_list_for_is_zero_not_an_error(language):
    # the identifier answers "zxx" (no language) or "wuu" (Wu Chinese) for some pages; wordfreq raised LookupError
    assert word_zipf("menu", language) == 0.0


def test_a_line_is_on_other_sites_only_if_its_pages_are_two_sites_once_all_are_grouped():
    site = {"a1": "a", "a2": "b", "c1": "c", "d1": "d"}  # a2 looks like a site of its own until a later page joins it to a
    frequency = LineFrequency()
    across = ProseAcrossSites(frequency, lambda x, y: site[x] == site[y])
    across.add("a1", [1, 2])
    across.add("a2", [1])
    across.add("c1", [2])
    across.add("d1", [2])
    site["a2"] = "a"  # the grouping merges b into a after both pages were added
    across.finish()
    assert frequency.on_other_sites == {2}  # line 1 is one site's own; line 2 is on three sites


def test_a_line_on_many_sites_is_marked_at_once_and_its_pages_no_longer_compared():
    compared = []

    def same_site(x: str, y: str) -> bool:
        compared.append((x, y))
        return False

    frequency = LineFrequency()
    across = ProseAcrossSites(frequency, same_site)
    for page in range(200):
        across.add(f"site {page}", [7])
    assert frequency.on_other_sites == {7}
    assert len(compared) <= SITES_NOTED**2  # bounded, not one comparison per page and earlier site


LINES_OF_EVERY_KIND = [
    *MENU, *FOOTER, *BODY, "COPYRIGHT 2025 HARBOUR HERALD", "Share This Story", "Photo: Ana Lind / Harbour Herald",
    "By ANA LIND, Staff Writer", "Visit www.Example.COM", "12 March 2025 09:30", "March 12, 2025", "2025-03-12T09:30:00Z",
    "12.03.2025", "Updated 5 hours ago", "Read More", "İstanbul correspondent", "KÖLN — Die Redaktion", "",
]  # fmt: skip


def test_a_case_blind_pattern_searched_in_lower_case_answers_as_before():
    for pattern in (FURNITURE, URLISH, JOURNALIST, CAPTION_WORDS):
        lowered = in_lowered(pattern)
        assert not lowered.flags & re.IGNORECASE
        assert [bool(lowered.search(x.lower())) for x in LINES_OF_EVERY_KIND] == [bool(pattern.search(x)) for x in LINES_OF_EVERY_KIND]
    assert any(FURNITURE_LOWERED.search(x.lower()) for x in LINES_OF_EVERY_KIND)
    with pytest.raises(ValueError):  # "\W" would become "\w": only a pattern written in lower case can be lowered
        in_lowered(re.compile(r"\W+by\b", re.IGNORECASE))


def test_the_quick_date_test_answers_as_the_full_one():
    full = [bool(DATE_PIECE.search(x) or ISO_STAMP.search(x)) for x in LINES_OF_EVERY_KIND]
    assert [looks_like_date(x) for x in LINES_OF_EVERY_KIND] == full
    assert sum(full) == 4  # the four date lines


JAPANESE_PARAGRAPHS = [
    "港湾局は金曜日、北側の桟橋を三月から夏の終わりまで修理のために閉鎖すると発表しました。",
    "先月の調査で、桟橋を支える木製の杭のうち二本が腐っていることが分かったということです。",
    "島へ向かうフェリーは期間中、南側の岸壁から出発し、時刻表は変わらないと担当者は話しています。",
    "修理にはおよそ四百万ユーロがかかる見込みで、その大部分を地域の政府が負担することになっています。",
]


def test_words_of_chinese_and_japanese_are_counted_by_their_characters():
    assert word_count("The pier will close in March.") == 6
    assert word_count(JAPANESE_PARAGRAPHS[0]) == 23  # 41 characters, two to a word, and the comma and full stop between them
    assert word_count("iPhoneの改造") == 3  # "iPhone" and "の改", "造"


def test_a_japanese_page_is_kept_as_an_article_not_refused_as_one_word_of_prose(tmp_path):
    # written without spaces, each paragraph was one "word", and the page had "no article body recognised (1 words of prose)"
    menu = ["ホーム", "ニュース", "天気", "スポーツ", "お問い合わせ", "*"]
    footer = ["プライバシーポリシー", "利用規約", "© 2025 港湾新聞"]
    page = [*menu, "北側の桟橋、三月から修理で閉鎖", *JAPANESE_PARAGRAPHS, *footer]
    (tmp_path / "page.txt").write_text("\n".join(page), encoding="utf-8")
    ingest = Ingest(tmp_path, progress=False).run()
    (article,) = ingest.articles
    assert article.language == "ja" and article.text == "\n\n".join(JAPANESE_PARAGRAPHS)
    assert article.n_words > 80


COMMENTS = [
    "I have lived on the tram line for thirty years and it has never once been on time, not even on a Sunday morning.",
    "Twelve kilometres for that price is a joke, and everyone on the council knows it, whatever they tell the reporters.",
    "The buses are fine. Spend the money on the schools instead, where the roofs have been leaking since last winter.",
    "My daughter takes the tram to school every day and she would be glad of a faster connection to the centre.",
]


@pytest.mark.parametrize(
    ("heading", "header"),
    [
        ("4 responses to “Tram network to grow after council vote”", lambda n: [f"{n}. reader{n} says:", f"March {n + 12}, 2025 at 6:3{n} am"]),
        ("Comments", lambda n: [f"{n}. reader{n} says:", f"March {n + 12}, 2025 at 6:3{n} am"]),  # its time on a line of its own
        ("12 thoughts on “Tram network to grow after council vote”", lambda n: [f"reader{n}"]),
    ],
)
def test_the_article_never_runs_into_a_comment_thread_however_its_comments_are_headed(heading, header):
    # a long thread of comments outscored a short article as a block, and became the body
    comments = [line for n, comment in enumerate(COMMENTS * 3, start=1) for line in [*header(n), comment]]
    article = BODY[:2]
    lines = dump_lines(dump(article, ["Share on Facebook", heading, *comments]))
    assert comment_start(lines) is not None
    assert body_paragraphs(classify_lines(lines)) == article


def test_a_quote_introduced_by_said_and_a_dated_paragraph_are_no_comment():
    lines = ["The mayor said:", "“The first line will open in March 2027, two years earlier than planned, at 6:30 am.”", *BODY]
    assert comment_start(lines) is None
