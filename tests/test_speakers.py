"""Speaker types and resolutions: who a quote is given to, and why a quote has nobody."""

from __future__ import annotations

import pandas as pd

from toolkit.quotes import attribute_quotes
from toolkit.quotes.table import NO_BYLINE, Byline, quote_frame, quoted_and_mentioned, resolutions, speaker_rows, speakers_by_outlet, top_speakers
from toolkit.tables import OTHER_OUTLETS, UNKNOWN_OUTLET


def _rows(nlp, text: str, byline: Byline = NO_BYLINE, outlets: frozenset[str] = frozenset()) -> list[dict]:
    doc = nlp(text)
    mentions = [(e.start_char, e.end_char, e.label_, e.text, e.text.lower()) for e in doc.ents]
    return speaker_rows("a1", attribute_quotes(doc), mentions, byline, outlets)


def _only(nlp, text: str, **kwargs) -> dict:
    rows = _rows(nlp, text, **kwargs)
    assert len(rows) == 1, rows
    return rows[0]


def test_a_group_is_named_by_its_head_not_by_its_adjective(nlp):
    row = _only(nlp, "Ukrainian officials said on Monday that the talks in the capital had failed.")
    assert (row["speaker"], row["speaker_type"]) == ("Ukrainian officials", "group")


def test_a_group_word_opening_a_sentence_is_a_group_and_a_named_organisation_is_a_name(nlp):
    row = _only(nlp, "Teachers chanted in the square, “Less money on testing, more money on students.”")
    assert (row["speaker"], row["speaker_type"], row["resolution"]) == ("Teachers", "group", "group")
    row = _only(nlp, "Volkswagen said on Monday that the new plant in Saxony would open next spring.")
    assert (row["speaker"], row["speaker_type"], row["resolution"]) == ("Volkswagen", "organisation", "name")


def test_a_place_adjective_never_becomes_the_speaker(nlp):
    row = _only(nlp, "One Washington-based trade expert said that the new tariffs would hurt farmers badly.")
    assert row["speaker"] != "Washington" and row["speaker_type"] == "person"


def test_an_office_or_trade_is_a_person_described(nlp):
    for text in ("Harbourton's chief medical examiner said the swimmer had drowned after the storm.",
                 "The county coroner said on Monday that the swimmer had drowned after the storm."):  # fmt: skip
        row = _only(nlp, text)
        assert (row["speaker_type"], row["resolution"]) == ("person", "description")


def test_a_document_is_not_a_speaker(nlp):
    row = _only(nlp, "The report said that the economy grew by two percent last year.")
    assert row["speaker"] is None and (row["speaker_type"], row["resolution"]) == ("unknown", "not a speaker")


def test_a_document_speaks_for_its_named_author_or_for_whoever_issued_it(nlp):
    row = _only(nlp, "A statement from the Harbour Rowing Club said the race would go ahead.")
    assert row["speaker"].endswith("Harbour Rowing Club") and row["speaker_type"] == "organisation"
    rows = _rows(nlp, 'After the vote, the Tramline Council issued a statement calling the plan "a clear breach" of its rules.')
    assert rows and all(row["speaker"].endswith("Tramline Council") for row in rows)
    row = _only(nlp, "A new study says the harbour water is safe for swimming.")
    assert (row["speaker"], row["resolution"]) == (None, "not a speaker")  # no author named


def test_a_dateline_taken_for_the_subject_gives_way_to_the_person_after_it(nlp):
    for text in ("HARBOURTON -- Mayor Ann Lee, opening the new bridge on Saturday, said it would change the town.",
                 "LONDON — Prime Minister Keir Halden, speaking in parliament on Monday, said the plan would go ahead."):  # fmt: skip
        assert _only(nlp, text)["speaker"] in ("Ann Lee", "Keir Halden")


def test_first_person_goes_to_the_byline_author_or_stays_first_person(nlp):
    text = "I said that the council should publish every contract it signs this year."
    with_author = _only(nlp, text, byline=Byline(author="Jane Doe", outlet="The Daily Example"))
    assert (with_author["speaker"], with_author["speaker_type"], with_author["resolution"]) == ("Jane Doe", "person", "first person: byline author")
    alone = _only(nlp, text)
    assert (alone["speaker"], alone["speaker_type"], alone["resolution"]) == (None, "first person", "first person: no byline")


def test_we_without_an_author_goes_to_the_outlet(nlp):
    row = _only(nlp, "We reported last week that the mayor would step down before the summer.", byline=Byline(outlet="The Daily Example"))
    assert (row["speaker"], row["resolution"]) == ("The Daily Example", "first person: outlet")


def test_an_outlet_reporting_is_the_press_not_a_source(nlp):
    rows = _rows(nlp, "Reuters reported that the talks had collapsed after midnight. Anna Berg said that she was not surprised at all.")
    press = next(r for r in rows if r["speaker"] == "Reuters")
    assert press["resolution"] == "news outlet"
    sources = top_speakers(quote_frame(rows))
    assert list(sources["speaker"]) == ["Anna Berg"]


def test_an_unresolved_pronoun_says_so(nlp):
    row = _only(nlp, "“The plan will not survive the winter, and everybody knows it,” he said.")
    assert row["speaker"] is None and row["resolution"] == "unresolved pronoun" and row["speaker_type"] == "person"


def test_a_quote_without_a_cue_says_so(nlp):
    rows = _rows(nlp, "The hall was quiet.\n\n“Nobody here has ever seen a winter like this one before.”")
    assert rows and rows[-1]["resolution"] == "no cue" and rows[-1]["speaker"] is None


def test_top_speakers_counts_sources_with_their_type():
    quotes = pd.DataFrame({
        "quote_id": ["1", "2", "3", "4"], "speaker": ["Anna Berg", "Anna Berg", "Reuters", None],
        "speaker_type": ["person", "person", "organisation", "unknown"], "resolution": ["name", "name", "news outlet", "no cue"],
    })  # fmt: skip
    top = top_speakers(quotes)
    assert top.to_dict("records") == [{"speaker": "Anna Berg", "speaker_type": "person", "quotes": 2}]


def test_speakers_by_outlet_lists_outlets_by_their_quotes_and_pages_without_an_outlet_last():
    speakers = ["Anna Berg", "Anna Berg", "Anna Berg", "Ole Dahl", "Ole Dahl", "Reuters", "Ole Dahl"]
    quotes = pd.DataFrame({
        "quote_id": [str(i) for i in range(7)], "article_id": ["a1", "a2", "a3", "a1", "a3", "a3", "a4"], "speaker": speakers,
        "speaker_type": ["person"] * 5 + ["organisation", "person"], "resolution": ["name"] * 5 + ["news outlet", "name"],
    })  # fmt: skip
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"], "outlet": [None, "Harbour Post", "Tramline", "Tramline"]})
    table = speakers_by_outlet(quotes, articles)
    assert list(table.columns) == ["Tramline", "Harbour Post", UNKNOWN_OUTLET, "All"]  # "(unknown outlet)" sorts first by name
    assert list(table.index) == ["All", "Anna Berg", "Ole Dahl"] and table.loc["All", "All"] == 6  # the press reporting is no source
    assert table.loc["Ole Dahl", "Tramline"] == 2 and table.loc["Anna Berg", UNKNOWN_OUTLET] == 1
    one = speakers_by_outlet(quotes, articles, outlets=1)
    assert list(one.columns) == ["Tramline", OTHER_OUTLETS, UNKNOWN_OUTLET, "All"]  # Harbour Post's quote summed, not dropped
    assert one.loc["Anna Berg", OTHER_OUTLETS] == 1 and one.loc["Anna Berg", "All"] == 3 == top_speakers(quotes).set_index("speaker").at["Anna Berg", "quotes"]
    assert speakers_by_outlet(quotes.iloc[5:6], articles).empty  # no source at all: an empty table, not an error


def test_resolutions_and_quoted_versus_mentioned():
    quotes = pd.DataFrame({
        "speaker_type": ["person", "person", "unknown"], "resolution": ["name", "name", "no cue"],
        "speaker_entity_id": ["anna-berg", "anna-berg", None],
    })  # fmt: skip
    assert resolutions(quotes).to_dict("records") == [
        {"speaker_type": "person", "resolution": "name", "quotes": 2}, {"speaker_type": "unknown", "resolution": "no cue", "quotes": 1},
    ]  # fmt: skip
    mentions = pd.DataFrame({"entity_id": ["ole-dahl", "ole-dahl", "anna-berg", "oslo"], "name": ["Ole Dahl", "Ole Dahl", "Anna Berg", "Oslo"],
                             "label": ["PERSON", "PERSON", "PERSON", "GPE"]})  # fmt: skip
    assert quoted_and_mentioned(quotes, mentions).to_dict("records") == [
        {"entity_id": "anna-berg", "name": "Anna Berg", "mentions": 1, "quotes": 2}, {"entity_id": "ole-dahl", "name": "Ole Dahl", "mentions": 2, "quotes": 0},
    ]  # fmt: skip


def test_a_bare_surname_speaker_the_model_missed_goes_to_the_articles_named_person():
    quote = {"kind": "direct", "text": "It works.", "start": 40, "end": 49, "fragments": [[40, 49]], "speaker_text": "Dempsey",
             "speaker_start": 52, "speaker_end": 59, "speaker_head": 52, "speaker_type": "person", "cue": "said",
             "resolution": "description", "referent_start": None, "referent_end": None}  # fmt: skip
    row = speaker_rows("a1", [quote], [(0, 12, "PERSON", "Owen Dempsey", "owen-dempsey")])[0]
    assert (row["speaker"], row["speaker_entity_id"], row["resolution"]) == ("Owen Dempsey", "owen-dempsey", "surname of a named person")


def test_a_bare_surname_the_model_took_for_a_group_is_the_person_named_before_and_he_or_she_continues_it(nlp):
    text = (
        "“We will rebuild the harbour first,” Dr. Marguerite Okonkwo-Bellamy III, head of the port authority, told reporters on Monday.\n\n"
        "Okonkwo-Bellamy has led the authority since 2019. “It is the only way to keep the ferries running through the winter,” "
        "Okonkwo-Bellamy says.\n\n“Nobody else has offered a plan,” she adds."
    )
    quotes = attribute_quotes(nlp(text))
    assert [q["resolution"] for q in quotes] == ["name", "surname of a named person", "previous speaker"]
    full = text.index("Marguerite"), text.index(" III,") + len(" III")
    assert {(q["referent_start"], q["referent_end"]) for q in quotes[1:]} == {full}
    assert quotes[1]["speaker_type"] == "person"


def test_a_bare_surname_labelled_an_organisation_after_the_full_name_is_one_of_the_articles_people(nlp):
    from spacy.tokens import Span

    from toolkit.quotes.view import ArticleView

    doc = nlp("Vandersloot Marine hired staff. Tobias Vandersloot toured the harbour. Vandersloot then left. Apex Marine said nothing.")
    words = [t.text for t in doc]
    doc.ents = [
        Span(doc, 0, 2, "ORG"),  # the company, named before the person
        Span(doc, words.index("Tobias"), words.index("Tobias") + 2, "PERSON"),
        Span(doc, words.index("then") - 1, words.index("then"), "ORG"),  # the model's mistake for the person
        Span(doc, words.index("Apex"), words.index("Apex") + 2, "ORG"),
    ]
    assert [e.text for e in ArticleView(doc).persons] == ["Tobias Vandersloot", "Vandersloot"]


def test_the_company_said_goes_to_the_organisation_the_article_named_not_to_the_press_or_a_person(nlp):
    text = ("Acme Corp. cut 300 jobs on Tuesday, Reuters reported.\n\n"
            "\"We regret the impact on our staff,\" the company said in a statement to Reuters.\n\n"
            "John Smith, a union leader, criticised the move. \"This is a disgrace for all of us,\" he said.")  # fmt: skip
    rows = {row["speaker_text"]: row for row in _rows(nlp, text) if row["kind"] == "direct"}
    company = rows["the company"]
    assert (company["speaker"], company["speaker_type"], company["resolution"]) == ("Acme Corp.", "organisation", "organisation description")
    assert (rows["he"]["speaker"], rows["he"]["speaker_type"]) == ("John Smith", "person")


def test_a_body_word_needs_an_organisation_whose_name_has_it(nlp):
    text = ("Acme Corp. and the European Commission met in Brussels on Monday.\n\n"
            "\"The rules will not change before the summer,\" the commission said.")  # fmt: skip
    row = next(r for r in _rows(nlp, text) if r["speaker_text"] == "the commission")
    assert row["speaker"].endswith("European Commission") and row["speaker_type"] == "organisation"  # (the raw entity text here)


def test_it_said_goes_to_the_organisation_that_was_the_last_subject(nlp):
    text = ("Acme Corp. signed a deal for 30 Boeing jets on Wednesday. It said the first jets would arrive in 2027.\n\n"
            "The label on the bottle is worn. It says the wine is from 1998.")  # fmt: skip
    rows = {row["text"]: row for row in _rows(nlp, text) if row["kind"] == "indirect"}
    acme = rows["the first jets would arrive in 2027"]
    assert (acme["speaker"], acme["speaker_type"], acme["resolution"]) == ("Acme Corp.", "organisation", "organisation pronoun")
    assert rows["the wine is from 1998"]["speaker"] is None  # no organisation as a subject: left unresolved


def test_the_subject_of_a_passive_speech_verb_was_spoken_to_the_by_phrase_speaks(nlp):
    row = _only(nlp, "Maria Lopez was asked by the moderator, Tom Okafor, whether the new tram lines would open next year.")
    assert row["speaker"] == "Tom Okafor" and row["kind"] == "indirect"
    row = _only(nlp, "Maria Lopez was asked whether the new tram lines would open next year.")
    assert row["speaker"] is None and row["resolution"] == "cue without subject"
    row = _only(nlp, "Maria Lopez was quoted as saying that the new tram lines would open next year.")
    assert row["speaker"] == "Maria Lopez"
    assert _rows(nlp, "It is alleged that the tram lines were built without a permit.") == []


def test_a_dateline_parsed_as_a_second_subject_is_not_the_speaker(nlp):
    text = "LYON, July 25 (UPI) — The Regional Transport Authority released a statement at the outset of the meeting Monday, offering “a deep and sincere apology” to the passengers."  # noqa: E501
    doc = nlp(text)
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["LYON", "Authority"]  # the parse this guards against
    assert _only(nlp, text)["speaker"] == "The Regional Transport Authority"
