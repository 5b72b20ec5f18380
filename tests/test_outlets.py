"""Outlets from page furniture and from the folder: candidates, names, the site vote; and languages."""

import shutil
import time
from collections import Counter

import numpy as np

import toolkit
from toolkit.ingest.language import SAMPLE_CHARS, identify, prose_sample, stop_words
from toolkit.ingest.outlets import (
    CANDIDATE_FEATURES,
    Candidate,
    OutletRanker,
    OutletVote,
    PageEvidence,
    clean_name,
    compact_name,
    compact_names,
    initials,
    occurrences,
    outlet_key,
    page_candidates,
    page_evidence,
    page_outlet,
    site_labels,
    site_signature,
)
from toolkit.paths import PROJECT_ROOT

BODY = [
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, ending a two-year dispute "
    "between the districts over the route and the cost.",
    "Council members said the new lines would connect three districts that currently rely on crowded buses.",
]


def site_page(site: str, story: int, sections: tuple[str, ...] = ("Home", "News", "Sport", "Sign in")) -> list[str]:
    """A page of a made-up site: its menus and footer carry its name, its article differs per story."""
    menu = [*sections, f"{site} homepage", f"Follow {site} on Twitter", f"Search {site}"]
    footer = [f"© 2025 {site} Media Group, Inc. All rights reserved.", f"About {site}", "Privacy policy", "Photo: Getty Images / POOL"]
    body = [f"{line} Story {story} of the week." for line in BODY]
    return [*menu, f"Headline number {story} about the tram network", *body, *footer]


def test_names_lose_legal_suffixes_years_and_tails():
    assert clean_name("The Harbour Herald Company") == "The Harbour Herald"
    assert clean_name("Example Post, LLC") == "Example Post"
    assert clean_name("Tramline 2019") == "Tramline" and clean_name("The Post 24") == "The Post"
    assert clean_name("KTV 12") == "KTV 12" and clean_name("KTV 12 Inc.") == "KTV 12"  # a broadcaster keeps its channel
    assert clean_name("Al Example (www.example.com)") == "Al Example"
    assert clean_name("AUTOEXAMPLE. Todos os direitos") == "AUTOEXAMPLE"
    assert outlet_key("The Example.co.uk") == outlet_key("example") == "example"
    assert clean_name("Gadget Media, LLC") == "Gadget" and clean_name("Harbour Cannon Entertainment") == "Harbour Cannon"
    assert clean_name("The Harbour News’s EUROPEAN UNION EXPERIENCE") == "The Harbour News"
    assert clean_name("HARBOUR TODAY NETWORK’S EUROPEAN UNION EXPERIENCE") == "HARBOUR TODAY"  # a shouted possessive ends it too
    assert clean_name("Harbour Insider's") == "Harbour Insider" and clean_name("Tramliner's") == "Tramliner's"
    assert outlet_key("Harbour Insider's") == outlet_key("Harbour Insider")
    assert outlet_key("www.harbourherald.com") == outlet_key("HarbourHerald") == "harbourherald"


def test_a_site_named_by_a_stop_word_is_no_candidate():
    lines = ["Sister sites: Harbour Herald | In.com | Tramline", *BODY, "In the harbour, in the rain, in the dark."]
    assert "in" not in {c.key for c in page_candidates(lines)}  # its key, "in", would count every line that says "in"


def test_a_reporters_own_outlet_in_the_prose_and_a_dotted_year_are_evidence_and_furniture_is_not():
    lines = ["Main Menu", "Email", "News", *BODY, '"We will see," the mayor told Harbour Insider on Monday.',
             "Copyright 2019. Harbour Insider. All Rights Reserved."]  # fmt: skip
    candidates = {c.key: c for c in page_candidates(lines)}
    assert candidates["harbour insider"].contexts["told"] == 1 and candidates["harbour insider"].contexts["copyright"] == 1
    assert not {"main menu", "email", "news"} & candidates.keys()


def test_a_news_label_left_of_a_company_name_is_no_outlet():
    lines = ["Breaking", "Opinion", "Podcasts", *BODY, "© 2025 Breaking Media, Inc. All Rights Reserved."]  # the legal suffix goes, "Breaking" stays
    assert not {"breaking", "opinion", "podcasts"} & {c.key for c in page_candidates(lines)}
    assert page_outlet(lines) is None  # better empty than a label


def test_candidates_say_where_the_page_names_them():
    candidates = {c.key: c for c in page_candidates(site_page("Tramline Times", 1))}
    tramline = candidates["tramline times"]
    assert tramline.contexts["copyright"] == 1 and tramline.contexts["menu"] == 2  # its homepage, a search of it
    assert tramline.contexts["own_menu"] == 2  # "Follow X on Twitter", "About X": menus only the site itself carries
    assert tramline.legal  # written "Tramline Times Media Group, Inc." in the copyright line


def test_a_name_spelled_as_a_site_the_page_links_is_marked_as_the_sites_name():
    lines = [*BODY, "Tramline's", "Read more: https://www.tramlines.com/articles/new-depot-51574", "Share on Twitter"]
    assert site_labels(lines) == {"tramlines"}
    assert compact_name("The Tram-Line's") == "tramlines"
    candidates = {c.name: c for c in page_candidates(lines)}
    assert candidates["Tramline's"].site_name and not candidates["Twitter"].site_name
    assert compact_names("The Quay") == {"quay", "thequay"}  # a site's address may keep its article: thequay.com
    lines = [*BODY, "The Quay", "Read more: https://thequay.com/articles/new-depot-51574"]
    assert {c.name: c for c in page_candidates(lines)}["The Quay"].site_name
    assert OutletRanker.from_file().weights[CANDIDATE_FEATURES.index("site_name")] > 0  # learned as evidence


def test_a_name_the_page_opens_with_is_its_masthead():
    lines = ["Harbour Herald", "Harbour Herald Homepage", "Tramline", *BODY, "More from Tramline", "Sport"]
    candidates = {c.key: c for c in page_candidates(lines)}
    assert candidates["harbour herald"].masthead and candidates["tramline"].masthead  # the third line opens with it too
    later = {c.key: c for c in page_candidates(["Sport", "Weather", "Local", "Harbour Herald", *BODY])}
    assert not later["harbour herald"].masthead  # the fourth line is menu, not masthead
    assert OutletRanker.from_file().weights[CANDIDATE_FEATURES.index("masthead")] > 0  # learned as evidence


def test_a_parent_companys_word_marks_a_copyright_holder_as_corporate():
    candidates = {c.key: c for c in page_candidates(["© 2019 Quayside Media Group. All rights reserved.", "© 2019 Tramline Times Inc."])}
    assert candidates["quayside"].corporate and candidates["quayside"].legal
    assert candidates["tramline times"].legal and not candidates["tramline times"].corporate  # "Inc." is any company's
    weights = OutletRanker.from_file().weights
    assert weights[CANDIDATE_FEATURES.index("corporate")] < 0  # learned: an owner's name more often than a masthead


def test_a_copyright_line_with_both_marks_names_its_holder():
    for line in ("© Copyright 2019, The Harbour-Review | Community Guidelines", "Copyright © 2019 The Harbour-Review"):
        assert page_candidates([line])[0].name == "The Harbour-Review"
        assert page_candidates([line])[0].contexts["copyright"] == 1


def test_each_part_of_a_line_split_by_bars_is_read_as_a_line():
    candidates = {c.key: c for c in page_candidates(["Last Updated : Nov 20, 2019 01:41 PM IST | Source: Harbourcontrol.com"])}
    assert candidates["harbourcontrol"].contexts["source"] == 1


def test_a_byline_written_for_a_paper_names_it():
    candidates = {c.key: c for c in page_candidates(["By Ana Lind | Special to the Harbour Gazette", *BODY])}
    assert candidates["harbour gazette"].contexts["byline"] == 1


def test_a_site_speaking_of_itself_names_itself():
    lines = [*BODY, "HGZ may receive a commission", "Tramline Times is not responsible for the content of external sites.",
             "Harbour Science is part of Meridian Publishing Inc, an international media group."]  # fmt: skip
    candidates = {c.key: c for c in page_candidates(lines)}
    assert candidates["hgz"].contexts["self"] == 1 and candidates["tramline times"].contexts["self"] == 1
    assert candidates["harbour science"].contexts["self"] == 1 and not candidates["meridian"].contexts["self"]
    assert "council" not in candidates or not candidates["council"].contexts["self"]  # "Council members said ..." is prose


def test_a_site_speaking_of_itself_mid_line_or_of_its_trademark_names_itself():
    lines = [*BODY, "Avoid posting personal attacks. Harbour Herald reserves the right to close a comment section at any time.",
             "If you buy something through this post, HGZ may get a share of the sale.",
             "©2025 Meridian Holdings. Tramline Times® is among the federally registered trademarks of Tramline Inc."]  # fmt: skip
    candidates = {c.key: c for c in page_candidates(lines)}
    assert candidates["harbour herald"].contexts["self"] == 1 and candidates["hgz"].contexts["self"] == 1
    assert candidates["tramline times"].contexts["self"] == 1
    assert "avoid" not in candidates or not candidates["avoid"].contexts["self"]  # a sentence's start, not any capitalised word


def test_a_menu_item_that_can_only_name_its_own_site_is_told_apart_from_other_menus():
    candidates = {c.key: c for c in page_candidates(["More from Harbour Herald", "Subscribe to Tramline Magazine", "Watch Harbour TV", "Sign up for the HGZ"])}
    assert candidates["harbour herald"].contexts["own_menu"] == 1 and not candidates["harbour herald"].contexts["menu"]
    assert candidates["tramline magazine"].contexts["own_menu"] == 1 and candidates["hgz"].contexts["own_menu"] == 1
    assert candidates["harbour tv"].contexts["menu"] == 1 and not candidates["harbour tv"].contexts["own_menu"]  # a channel it may only carry


def test_an_app_in_a_menu_is_furniture():
    keys = {c.key for c in page_candidates(["App", "Get the App", "Harbour Herald homepage"])}
    assert "app" not in keys and "harbour herald" in keys


def test_a_product_tier_is_not_a_menu_of_the_site():
    candidates = {c.key: c for c in page_candidates(["PARTY 18 plus", "Harbour Herald homepage"])}
    assert candidates["harbour herald"].contexts["menu"] == 1
    assert "party" not in candidates or not candidates["party"].contexts["menu"]


def test_a_brand_written_in_lower_case_is_a_candidate_only_where_the_line_makes_it_a_name():
    lines = ["About zentrix", "Legal notice Privacy © 2025 tramwerk news 2025", "harbr8 GmbH", "quellbrook live", *BODY]
    candidates = {c.key: c for c in page_candidates(lines)}
    assert candidates["zentrix"].contexts["own_menu"] == 1
    assert candidates["tramwerk news"].contexts["copyright"] == 1
    assert candidates["harbr8"].contexts["whole_line"] == 1 and candidates["harbr8"].legal
    assert candidates["quellbrook"].contexts["menu"] == 1
    common = ["About the author", "download our app", "Copyright notice", "© 2025 all rights reserved", "follow us", "council live"]
    common += ["Subscribe to our rss feed", *BODY]
    assert not [c.name for c in page_candidates(common) if c.name[:1].islower()]  # no word in them is rare: none is a brand
    assert not [c.name for c in page_candidates(["The council met about zentrix on Tuesday, and again in the evening."])]


def test_photo_credits_and_legal_words_are_never_outlets():
    keys = {c.key for c in page_candidates(["Photo: Getty Images / POOL", "Image credit: Example Wire", "All Rights Reserved", "Privacy Policy"])}
    assert not keys & {"getty images", "pool", "example wire", "all rights reserved", "privacy policy"}


def test_one_page_names_its_outlet():
    assert page_outlet(site_page("Tramline Times", 1)) == "Tramline Times"


def test_a_site_that_writes_its_name_in_lower_case_is_named_as_it_writes_it():
    page = ["Home", "News", "Sign in", "Headline about the tram network", *BODY, "About zentrix", "Privacy policy", "© 2025 zentrix. All rights reserved."]
    assert page_outlet(page) == "zentrix"
    assert page_outlet(["Home", "News", "Headline about the tram network", *BODY, "About the author", "© 2025 all rights reserved"]) is None


def test_pages_of_one_site_vote_together():
    vote = OutletVote()
    for story in range(3):
        vote.add(f"tramline-{story}.txt", site_page("Tramline Times", story))
    vote.add("harbour.txt", site_page("Harbour Herald", 9, ("Front page", "Local", "Weather", "Obituaries", "Log in")))
    weak = ["Home", "News", "Sign in", *BODY]  # names nothing
    vote.add("weak.txt", weak)
    decided = vote.decide()
    assert {decided[f"tramline-{story}.txt"] for story in range(3)} == {"Tramline Times"}
    assert decided["harbour.txt"] == "Harbour Herald"
    assert decided["weak.txt"] is None  # an empty outlet is better than a wrong one


def test_an_acronym_outlet_is_spelled_out_from_the_same_pages_unless_it_is_the_sites_address():
    assert initials("North Harbour Post") == initials("NH Post") == initials("NHPost.com") == initials("NORTH HARBOUR POST") == "NHP"
    assert initials("The Daily Tramline") == "DT" and initials("DT Newsletters") == "DTN"
    copyright_first = np.zeros(len(CANDIDATE_FEATURES))
    copyright_first[CANDIDATE_FEATURES.index("in_copyright")] = 5.0  # a ranker that trusts copyright lines
    ranker = OutletRanker(copyright_first)
    page = ["Home", "The Daily Tramline", "DT Newsletters", *BODY, "© 2025 DT Holdings, Inc. All rights reserved."]
    assert page_outlet(page, ranker) == "The Daily Tramline"  # not "DT", nor "DT Newsletters"
    addressed = ["Home", "Daily Tramline", *BODY, "Visit dt.com for more", "© 2025 DT Holdings, Inc. All rights reserved."]
    assert page_outlet(addressed, ranker) == "DT"  # the site calls itself by its address: kept


def test_an_acronym_and_the_name_it_abbreviates_pool_their_evidence():
    lines = ["Weather", "HDL", *BODY, "© 2025 The Harbour Daily Ledger"]
    evidence = page_evidence(lines, candidates=[Candidate("HDL"), Candidate("The Harbour Daily Ledger"), Candidate("Weather")])
    alone = PageEvidence(evidence.candidates, np.array([0.2, 0.15, 0.25]), evidence.signature)
    vote = OutletVote()
    vote.add_evidence("page", alone)
    assert vote.decide()["page"] == "The Harbour Daily Ledger"  # 0.35 together; "Weather" (0.25) wins neither way alone


def test_an_outlet_is_shown_as_its_own_pages_spell_it_not_as_other_pages_write_the_same_words():
    vote = OutletVote()
    vote.add_evidence("quay.txt", PageEvidence([Candidate("The Quay")], np.array([0.8]), site_signature(["Quay home", "Quay sport"])))
    for n in range(3):  # other sites' pages write "Quay" in passing: the same key, unlikely there to be the outlet
        lines = [f"Site {n} home", f"Site {n} sport"]
        vote.add_evidence(f"other-{n}.txt", PageEvidence([Candidate("Quay")], np.array([0.01]), site_signature(lines)))
    assert vote.decide()["quay.txt"] == "The Quay"


def test_pooling_acronyms_costs_one_look_at_each_name_not_one_per_acronym_and_name(monkeypatch):
    """A site's group can hold thousands of names and hundreds of acronyms (every copyright holder,
    menu label and credit of its pages): each name's initials are taken once."""
    from toolkit.ingest import outlets

    names = [f"{first} {second} Ledger" for first in ("Harbour", "Tramline", "Meridian", "Ferry", "Quay") for second in ("North", "South", "East", "West")]
    acronyms = [f"{a}{b}L" for a in "HTMFQ" for b in "NSEW"] + [f"X{a}{b}" for a in "ABCDEFGHIJ" for b in "ABCDE"]
    candidates = [Candidate(name) for name in names + acronyms]
    evidence = PageEvidence(candidates, np.full(len(candidates), 0.01), site_signature(["Home", "Sport"]))
    evidence.scores[names.index("Harbour North Ledger")] = 0.3
    evidence.scores[len(names) + acronyms.index("HNL")] = 0.4
    calls = []
    monkeypatch.setattr(outlets, "initials", lambda name: calls.append(name) or initials(name))
    vote = OutletVote()
    vote.add_evidence("page", evidence)
    assert vote.decide()["page"] == "Harbour North Ledger"  # 0.7 with its acronym's evidence: the acronym alone (0.4) would win
    assert len(calls) <= len(names)


def owned_page(masthead: str | None, lines: list[str]) -> PageEvidence:
    """A page of a site owned by Meridian, which holds its copyright: scored by hand, the masthead clearly first."""
    owner = Candidate("Meridian", Counter(copyright=1), legal=True)
    candidates = [owner, Candidate(masthead, Counter(menu=3))] if masthead else [owner]
    scores = np.array([0.2, 0.7]) if masthead else np.array([0.6])
    return PageEvidence(candidates, scores, site_signature(lines))


def test_a_company_holding_other_sites_copyright_is_their_owner_not_an_outlet():
    vote = OutletVote()
    vote.add_evidence("herald.txt", owned_page("Harbour Herald", ["Herald home", "Herald sport", "Herald weather"]))
    vote.add_evidence("times.txt", owned_page("Tramline Times", ["Times home", "Times sport", "Times weather"]))
    vote.add_evidence("gazette.txt", owned_page(None, ["Gazette home", "Gazette sport", "Gazette weather"]))
    assert vote.decide() == {"herald.txt": "Harbour Herald", "times.txt": "Tramline Times", "gazette.txt": None}
    own_site = PageEvidence([Candidate("Meridian", Counter(copyright=1, menu=4), legal=True)], np.array([0.6]), site_signature(["M home", "M sport"]))
    vote.add_evidence("meridian.txt", own_site)
    assert vote.decide()["meridian.txt"] == "Meridian"  # the owner's own site names it in its menus: its outlet
    alone = OutletVote()  # with no other site of the owner in the folder, nothing tells the owner apart
    alone.add_evidence("gazette.txt", owned_page(None, ["Gazette home", "Gazette sport", "Gazette weather"]))
    assert alone.decide() == {"gazette.txt": "Meridian"}


def test_a_site_whose_owner_took_most_of_its_probability_gets_its_masthead_once_the_owner_is_set_aside():
    vote = OutletVote()
    vote.add_evidence("herald.txt", owned_page("Harbour Herald", ["Herald home", "Herald sport", "Herald weather"]))
    owner_first = [Candidate("Meridian", Counter(copyright=2), legal=True), Candidate("Tramline Times", Counter(whole_line=2))]
    vote.add_evidence("times.txt", PageEvidence(owner_first, np.array([0.9, 0.04]), site_signature(["Times home", "Times sport"])))
    assert vote.decide()["times.txt"] == "Tramline Times"  # 0.04 of the 0.1 the owner leaves: 0.4


def test_a_name_in_the_prose_is_counted_per_occurrence_as_str_count_counts_it():
    lines = ["harbour herald said the harbour herald", "tramline tramline tramline", "news harbour", "herald"]
    counts = occurrences(lines, ["harbour herald", "tramline", "harbour", "herald news", "herald"])
    # a match takes the space on each side: of three "tramline" in a row, the middle one is not counted
    assert counts == Counter({"harbour herald": 2, "tramline": 2, "harbour": 3, "herald": 3})
    for key in ("harbour herald", "tramline", "harbour", "herald"):
        assert counts[key] == sum(f" {line} ".count(f" {key} ") for line in lines)


def test_prose_counts_grow_with_the_page_not_with_its_names_times_its_paragraphs():
    """A page of n distinct names and n paragraphs, against one of 4n: a count of each name in
    the whole prose would cost sixteen times as much; one look per word costs four times."""
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "ber", "ni", "da", "gor", "pe"]

    def page(n: int) -> list[str]:
        names = [" ".join((syllables[i // 144 % 12] + syllables[i // 12 % 12] + syllables[i % 12] + w).capitalize() for w in ("a", "b")) for i in range(n)]
        prose = [" ".join([names[i].split()[0].lower(), *["report"] * 60]) for i in range(n)]
        return [line for pair in zip(names, prose, strict=True) for line in pair]

    def cost(lines: list[str]) -> float:
        start = time.perf_counter()
        page_candidates(lines)
        return time.perf_counter() - start

    small, large = page(400), page(1600)
    small_cost = min(cost(small) for _ in range(2))
    assert cost(large) < 8 * small_cost


def test_a_division_or_subsidiary_names_its_owner():
    line = "© 2025 Harbour Herald LLC. All Rights Reserved. A Division of Meridian Holdings"
    candidates = {c.key: c for c in page_candidates([line])}
    assert candidates["meridian"].contexts["owner"] == 1 and candidates["harbour herald"].contexts["copyright"] == 1


PHRASES_OF_A_SITE = {  # every way the prose and footer patterns name a site, some in capitals as pages write them
    "reports": ["Harbour Herald reports that", "Harbour Herald reported on Monday", "Harbour Herald has learned that",
                "Harbour Herald said in a report"],
    "told": [f"she {verb} Harbour Herald on Monday" for verb in ("told", "confirmed to", "said to", "explained to", "in an interview with",
                                                                 "in a statement to", "in an email to", "speaking to", "spoke to", "spoke with")]
            + ["the mayor did not respond to Harbour Herald's request for comment", "replied to Harbour Herald’s questions for comment"],
    "owner": ["a division of Harbour Herald", "A SUBSIDIARY OF Harbour Herald", "the unit of Harbour Herald", "a brand of Harbour Herald",
              "a Member of Harbour Herald"],
    "self": ["Harbour Herald may earn a small commission", "Harbour Herald could receive compensation", "Harbour Herald will get a fee",
             "Harbour Herald MAY COLLECT A SHARE", "Harbour Herald is not responsible", "Harbour Herald is in no way liable",
             "Harbour Herald reserves the right to", "Harbour Herald is a registered trademark", "Harbour Herald is PART OF Quay",
             "Harbour Herald is owned by Quay", "Harbour Herald is published by Quay", "Harbour Herald is operated by Quay",
             "Harbour Herald is a division of Quay", "Harbour Herald is a subsidiary of Quay", "Harbour Herald is a unit of Quay",
             "Harbour Herald is a brand of Quay"],
}  # fmt: skip


def test_every_phrase_naming_a_site_in_prose_or_footer_is_read_in_a_long_paragraph():
    for context, phrases in PHRASES_OF_A_SITE.items():
        for phrase in phrases:
            line = f"{BODY[0]} {phrase} and so on."  # a paragraph: only these patterns read it
            candidates = {c.key: c for c in page_candidates([line])}
            assert "harbour herald" in candidates and candidates["harbour herald"].contexts[context] == 1, phrase


def test_language_and_its_stop_words():
    assert identify("A câmara municipal aprovou na terça-feira a expansão da rede de elétricos da cidade.")[0] == "pt"
    assert identify(" ".join(BODY))[0] == "en"
    assert "que" in stop_words("pt") and "the" in stop_words(None)


def test_a_page_language_is_read_from_its_prose_not_its_menus():
    menus = "\n".join(f"Home\nSign in\nSubscribe to our newsletter\nPrivacy policy {i}" for i in range(200))
    prose = "A câmara municipal aprovou na terça-feira a expansão da rede de elétricos da cidade, com votos de todos os partidos."
    page = f"{menus}\n{prose}\n{menus}"
    assert len(menus) > SAMPLE_CHARS  # the start of the page alone is English furniture
    assert prose_sample(page) == prose
    assert identify(page)[0] == "pt"


def test_articles_in_other_languages_are_kept_flagged_and_left_out_of_entities(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw)
    portuguese = (
        "Câmara aprova expansão do elétrico\n\n"
        "A câmara municipal de Lisboa aprovou na terça-feira a expansão da rede de elétricos em doze quilómetros, pondo fim "
        "a uma disputa de dois anos entre os bairros sobre o percurso e o custo das novas linhas.\n\n"
        "O presidente da câmara, João Ferreira, disse aos jornalistas que as obras podem começar na próxima primavera se o "
        "governo regional aprovar o financiamento do projeto, que custará cerca de oitenta milhões de euros.\n"
    )
    (raw / "pt.txt").write_text(portuguese, encoding="utf-8")
    tables = toolkit.run(raw, tmp_path / "out", progress=False)
    article = tables.articles.set_index("file").loc["pt.txt"]
    assert article["language"] == "pt"
    row = tables.report.set_index("file").loc["pt.txt"]
    assert row["status"] == "warning" and "language: pt" in row["reason"]
    assert article["article_id"] not in set(tables.mentions["article_id"]) | set(tables.quotes["article_id"])
    assert (tables.articles.set_index("file").drop(index="pt.txt")["language"] == "en").all()
