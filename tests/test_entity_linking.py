"""Entity linking on sentences of our own: short forms whatever their label, ambiguous surnames,
middle initials, acronyms, the label vote, the junk rule and reviewable proposals."""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc

from toolkit.entities import canonicalise, merge_proposals
from toolkit.entities.mentions import RECORD_FIELDS, is_junk, mentions, person_cue


def _table(
    rows: list[tuple], cued: frozenset[int] = frozenset(), after_the: frozenset[int] = frozenset(), organisation_cued: frozenset[int] = frozenset()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    records = [
        {"article_id": a, "start": start, "end": start + len(text), "text": text, "label": label, "sentence": 0, "ruler_id": None,
         "role": role, "person_cue": i in cued, "organisation_cue": i in organisation_cued, "after_the": i in after_the}
        for i, (a, start, text, label, role) in enumerate(rows)
    ]  # fmt: skip
    return canonicalise(pd.DataFrame(records), [])


def _with_entities(doc: Doc, entities: list[tuple[str, str, int]]) -> Doc:
    """The doc with exactly these entities: (text, label, which occurrence of the text)."""
    spans = []
    for text, label, occurrence in entities:
        start = -1
        for _ in range(occurrence + 1):
            start = doc.text.index(text, start + 1)
        spans.append(doc.char_span(start, start + len(text), label=label))
    doc.ents = spans
    return doc


def _by_start(table: pd.DataFrame, article: str) -> dict[int, pd.Series]:
    return {row.start: row for row in table[table["article_id"] == article].itertuples()}


def test_a_short_form_links_whatever_label_spacy_gave_it():
    table, entities = _table([
        ("a", 0, "Marta Quill", "PERSON", ""), ("a", 50, "Quill", "ORG", ""), ("a", 90, "Quill", "GPE", ""),
    ])  # fmt: skip
    rows = _by_start(table, "a")
    assert rows[50].entity_id == rows[90].entity_id == "marta-quill"
    assert rows[50].method == "surname link" and rows[50].label == "PERSON" and rows[50].spacy_label == "ORG"
    assert entities.set_index("entity_id").at["marta-quill", "label"] == "PERSON"


def test_a_papers_or_institutions_short_form_after_the_is_the_organisation_the_article_names():
    table, _ = _table([
        ("a", 0, "The Harbour Chronicle", "ORG", ""), ("a", 60, "Chronicle", "PERSON", ""), ("a", 90, "Veldorian Senate", "ORG", ""),
        ("a", 130, "Senate", "ORG", ""), ("b", 0, "Blue Lantern", "ORG", ""), ("b", 60, "Lantern", "PERSON", ""),
        ("c", 0, "Chronicle", "PERSON", ""), ("d", 0, "Harbour Times", "ORG", ""), ("d", 40, "Quay Times", "ORG", ""), ("d", 80, "Times", "ORG", ""),
        ("e", 0, "Harbour Chronicle", "ORG", ""), ("e", 40, "Chronicle", "PERSON", ""),
    ], after_the=frozenset({1, 3, 5, 6, 9}))  # fmt: skip
    rows = table.set_index(["article_id", "start"])
    assert rows.at[("a", 60), "name"] == "Harbour Chronicle" and rows.at[("a", 60), "method"] == "short form"
    assert rows.at[("a", 60), "label"] == "ORG" and rows.at[("a", 60), "spacy_label"] == "PERSON"  # "The Chronicle says": no person
    assert rows.at[("a", 130), "name"] == "Veldorian Senate"
    assert rows.at[("b", 60), "name"] == "Lantern"  # "the Lantern" is no newspaper's or institution's short form: "the Moon" is not "Blue Moon"
    assert rows.at[("c", 0), "name"] == "Chronicle"  # no organisation of that name in the article
    assert rows.at[("d", 80), "name"] == "Times"  # two papers end in it: which one is not known
    assert rows.at[("e", 40), "method"] != "short form"  # not written after "the"


def test_a_mention_records_whether_the_is_written_before_it(nlp):
    doc = _with_entities(nlp("The Chronicle says Marta Quill left, and the Chronicle added that Quill had gone."),
                         [("Chronicle", "PERSON", 0), ("Marta Quill", "PERSON", 0), ("Chronicle", "PERSON", 1), ("Quill", "PERSON", 1)])  # fmt: skip
    assert [(m["text"], m["after_the"]) for m in mentions(doc)] == [("Chronicle", True), ("Marta Quill", False), ("Chronicle", True), ("Quill", False)]
    doc = _with_entities(nlp("The Chronicle says so."), [("The Chronicle", "ORG", 0)])
    assert [(m["text"], m["after_the"]) for m in mentions(doc)] == [("The Chronicle", True)]  # "the" inside the span


def test_a_score_or_year_after_a_person_is_cut_off_and_a_person_with_a_number_is_a_product(nlp):
    text = "Ana Varga 6-4 beat Tomas Reyne, whose 2016 loss was Reyne’s 2016 low, on a Veldor 3 laptop with a RAV4 Quill charger."
    doc = _with_entities(nlp(text), [("Ana Varga 6-4", "PERSON", 0), ("Tomas Reyne", "PERSON", 0), ("Reyne’s 2016", "PERSON", 0),
                                     ("Veldor 3", "PERSON", 0), ("RAV4 Quill", "PERSON", 0)])  # fmt: skip
    assert [m["text"] for m in mentions(doc)] == ["Ana Varga", "Tomas Reyne", "Reyne’s"]


def test_the_words_around_a_one_word_person_can_show_an_organisation(nlp):
    text = ("Shares of Veldor, the carmaker, fell. Companies such as Quorra resisted, as did the newspaper chains Brisk and Halden. "
            "His daughter, Ellie, a high school senior, and Quorra agreed.")  # fmt: skip
    doc = _with_entities(nlp(text), [("Veldor", "PERSON", 0), ("Quorra", "PERSON", 0), ("Brisk", "PERSON", 0), ("Ellie", "PERSON", 0),
                                     ("Quorra", "PERSON", 1)])  # fmt: skip
    assert all(tuple(m) == RECORD_FIELDS for m in mentions(doc))  # the fields readers of the records expect
    assert [(m["text"], m["organisation_cue"]) for m in mentions(doc)] == [
        ("Veldor", True), ("Quorra", True), ("Brisk", True), ("Ellie", False), ("Quorra", False)]  # fmt: skip
    _, entities = _table([("a", 0, "Quorra", "PERSON", ""), ("a", 40, "Quorra", "PERSON", ""), ("b", 0, "Quorra", "PERSON", "")],
                             organisation_cued=frozenset({0}))  # fmt: skip
    assert entities.set_index("entity_id").at["quorra", "label"] == "ORG"  # one cue outweighs two bare labels


def test_middle_names_and_initials_are_one_person():
    table, _ = _table([("a", 0, "Jonas K. Brandt", "PERSON", ""), ("b", 0, "Jonas Brandt", "PERSON", ""), ("c", 0, "Jonas Brandt", "PERSON", "")])
    assert set(table["entity_id"]) == {"jonas-brandt"}
    assert table.loc[table["text"] == "Jonas K. Brandt", "method"].item() == "middle name"


def test_a_groups_singular_and_plural_are_one_group_named_by_the_plural():
    table, entities = _table([
        ("a", 0, "Veldorian", "NORP", ""), ("a", 40, "Veldorians", "NORP", ""), ("b", 0, "Veldorian", "NORP", ""),
        ("b", 40, "Kestrans", "NORP", ""), ("c", 0, "Quarrel", "NORP", ""), ("c", 40, "Quarrels", "ORG", ""),
    ])  # fmt: skip
    rows = table.set_index(["article_id", "start"])
    assert set(rows.loc[[("a", 0), ("a", 40), ("b", 0)], "entity_id"]) == {"veldorians"}
    assert rows.at[("a", 0), "method"] == "group plural" and rows.at[("a", 0), "name"] == "Veldorians"
    assert rows.at[("a", 40), "method"] == "exact"
    assert rows.at[("b", 40), "entity_id"] == "kestrans"  # a plural alone stays as written
    assert rows.at[("c", 0), "entity_id"] != rows.at[("c", 40), "entity_id"]  # only two groups merge, not a group and an organisation
    group = entities.set_index("entity_id").loc["veldorians"]
    assert group["n_mentions"] == 3 and group["n_articles"] == 2 and sorted(group["aliases"]) == ["Veldorian", "Veldorians"]


def test_an_organisations_first_word_is_its_own_and_a_persons_title_is_not():
    table, _ = _table([
        ("a", 0, "the State Department", "ORG", ""), ("b", 0, "the Justice Department's", "ORG", ""), ("c", 0, "Security Council", "ORG", ""),
        ("d", 0, "the State of Veldoria", "GPE", ""), ("e", 0, "Marta Quill", "PERSON", ""), ("e", 40, "President Quill", "PERSON", "President"),
    ])  # fmt: skip
    names = dict(zip(table["text"], table["name"], strict=True))
    assert [names[t] for t in ("the State Department", "the Justice Department's", "Security Council", "the State of Veldoria")] == [
        "State Department", "Justice Department", "Security Council", "State of Veldoria"]  # fmt: skip
    assert names["President Quill"] == "Marta Quill"  # a person's title is still set aside: the surname links


def test_an_ambiguous_surname_goes_to_the_one_named_last_before_it():
    table, _ = _table([
        ("a", 0, "Paul Verne", "PERSON", ""), ("a", 40, "Verne", "PERSON", ""), ("a", 80, "Linda Verne", "PERSON", ""),
        ("a", 120, "Verne", "ORG", ""), ("a", 160, "Verne", "PERSON", "Mr."),
    ])  # fmt: skip
    rows = _by_start(table, "a")
    assert rows[40].entity_id == "paul-verne" and rows[120].entity_id == "linda-verne"
    assert rows[160].entity_id == "paul-verne"  # "Mr. Verne" is never Linda
    assert rows[0].entity_id != rows[80].entity_id  # two full names never merge


def test_a_surname_named_before_any_full_name_stays_ambiguous():
    table, _ = _table([("a", 0, "Verne", "PERSON", ""), ("a", 40, "Paul Verne", "PERSON", ""), ("a", 80, "Linda Verne", "PERSON", "")])
    assert _by_start(table, "a")[0].method == "ambiguous surname"


def test_the_corpus_links_a_bare_surname_only_when_one_bearer_dominates():
    rows = [("a", 0, "Ida Rook", "PERSON", "")] * 1 + [(f"a{i}", 0, "Ida Rook", "PERSON", "") for i in range(8)]
    rows += [("b", 0, "Tom Rook", "PERSON", ""), ("c", 0, "Rook", "PERSON", "")]
    table, _ = _table(rows)
    assert _by_start(table, "c")[0].entity_id == "ida-rook"  # 9 of 10 full-name mentions
    table, _ = _table([("a", 0, "Ida Rook", "PERSON", ""), ("b", 0, "Tom Rook", "PERSON", ""), ("c", 0, "Rook", "PERSON", "")])
    row = _by_start(table, "c")[0]
    assert row.entity_id == "rook" and row.method == "ambiguous surname"


def test_a_given_name_links_to_the_only_person_with_it():
    table, _ = _table([("a", 0, "Hedda Lorne", "PERSON", ""), ("a", 30, "Hedda", "PERSON", "")])
    assert _by_start(table, "a")[30].method == "given name link"


def test_acronyms_link_to_the_organisation_whose_initials_they_are():
    table, _ = _table([
        ("a", 0, "Bureau of Coastal Surveys", "ORG", ""), ("a", 40, "BCS", "ORG", ""),
        ("b", 0, "BCS", "ORG", ""), ("c", 0, "Bureau of Coastal Surveys", "ORG", ""),
    ])  # fmt: skip
    assert _by_start(table, "a")[40].entity_id == "bureau-of-coastal-surveys"
    assert _by_start(table, "b")[0].method == "corpus acronym"


def test_an_acronym_used_alone_in_more_stories_than_spell_its_expansion_out_stays_itself():
    rows = [("a", 0, "Harbour Seal Trust", "ORG", ""), ("a", 40, "Harbour Seal Trust", "ORG", ""), ("a", 80, "HST", "ORG", "")]
    rows += [(story, 0, "HST", "ORG", "") for story in ("b", "c", "d")]  # another sense, in three other stories
    table, _ = _table(rows)
    assert _by_start(table, "a")[80].entity_id == "harbour-seal-trust"  # the story that writes it out still links it
    assert {_by_start(table, story)[0].method for story in ("b", "c", "d")} == {"exact"}


def test_furniture_and_fragments_are_not_mentions(nlp):
    for junk in ("Email Email EmailShare", "Twitter TwitterShare", "Photo Credit", "Delegations of", "AI", "CEO"):
        doc = nlp(f"Read more. {junk} here.")
        assert is_junk(doc.char_span(11, 11 + len(junk))), junk
    doc = nlp("Marta Quill met officials of the Bureau of Coastal Surveys in Lisbon on Monday.")
    assert {m["text"] for m in mentions(doc)} >= {"Marta Quill", "Lisbon"}
    assert not any(is_junk(ent) for ent in doc.ents)


def test_proposals_are_capped_ranked_and_leave_out_other_words():
    names = [f"Name{i:03d} Koval" for i in range(80)] + ["mazhab Hanafi", "mazhab Hanbali", "Democrat", "Democratic", "Zelensky", "Zelenskyy"]
    entities = pd.DataFrame({"entity_id": [f"e{i}" for i in range(len(names))], "name": names, "label": "PERSON",
                             "n_mentions": [1] * 80 + [5, 5, 9, 9, 40, 30]})  # fmt: skip
    proposals = merge_proposals(entities)
    pairs = set(zip(proposals["canonical"], proposals["alias"], strict=True))
    assert len(proposals) == 50 and proposals.attrs["more"] > 0
    assert next(iter(zip(proposals["canonical"], proposals["alias"], strict=True))) == ("Zelensky", "Zelenskyy")
    assert not pairs & {("mazhab Hanafi", "mazhab Hanbali"), ("mazhab Hanbali", "mazhab Hanafi"), ("Democrat", "Democratic"), ("Democratic", "Democrat")}


def test_a_sentence_initial_word_glued_to_a_surname_is_cut_off(nlp):
    doc = nlp("Anna Berg introduced Tim Cook to the audience.\n\nHosting Cook at the festival was a dream, Berg said.")
    texts = [m["text"] for m in mentions(doc) if m["label"] == "PERSON"]
    assert "Hosting Cook" not in texts and texts.count("Cook") + texts.count("Tim Cook") >= 1
    doc = nlp("Michelle Obama spoke first.\n\nMichelle Obama and Barack Obama then left the stage together.")
    assert "Michelle Obama" in [m["text"] for m in mentions(doc)]  # a given name is never cut


def test_proposals_never_pair_a_name_with_a_longer_name_that_contains_it():
    entities = pd.DataFrame({"entity_id": ["a", "b", "c", "d"], "name": ["Apple", "Apple Arcade", "Instagram", "RAM"],
                             "label": "ORG", "n_mentions": [60, 2, 20, 3]})  # fmt: skip
    assert merge_proposals(entities).empty


def test_a_title_the_model_took_into_a_name_and_a_noun_it_ran_on_into_are_left_out():
    table, entities = _table([
        ("a", 0, "Universe Marta Quill", "PERSON", ""), ("a", 60, "Marta Quill", "PERSON", ""), ("a", 90, "Quill", "GPE", ""),
        ("a", 120, "Universe", "PERSON", ""), ("b", 0, "Jon Arkwright speech", "PERSON", ""), ("b", 40, "Jon Arkwright", "PERSON", ""),
    ])  # fmt: skip
    rows = _by_start(table, "a")
    assert {rows[s].entity_id for s in (0, 60, 90)} == {"marta-quill"} and rows[0].method == "full name inside"
    assert rows[120].entity_id != "marta-quill"  # the stray title word is no given name of hers
    assert set(table[table["article_id"] == "b"]["entity_id"]) == {"jon-arkwright"}
    assert "universe-marta-quill" not in set(entities["entity_id"])


def test_a_compound_surname_links_to_the_full_name_with_its_given_name():
    table, _ = _table([
        ("a", 0, "Kathleen Vance Porter", "PERSON", ""), ("a", 60, "Vance Porter", "PERSON", ""), ("a", 90, "Porter", "PERSON", ""),
        ("b", 0, "Mary Ruiz Ortega", "PERSON", ""), ("b", 40, "Thomas Ruiz Ortega", "PERSON", ""), ("b", 80, "Ruiz Ortega", "PERSON", ""),
    ])  # fmt: skip
    linked = {(row.article_id, row.start): (row.entity_id, row.method) for row in table.itertuples()}
    assert linked[("a", 60)] == ("kathleen-vance-porter", "full name inside")  # not "Vance Porter" with a stray "Kathleen"
    assert linked[("a", 0)][0] == linked[("a", 90)][0] == "kathleen-vance-porter"
    # two people of the article share the compound surname: neither is guessed
    assert [linked[("b", start)][0] for start in (0, 40, 80)] == ["mary-ruiz-ortega", "thomas-ruiz-ortega", "ruiz-ortega"]


def test_words_around_a_name_show_a_person_whatever_its_label(nlp):
    doc = nlp("Brightwave's Orla Pennick met moderator Tobin Raskell. Orla Pennick of Brightwave spoke to Tobin Raskell, "
              "the anchor, and to Kestrel Motors and Pennick Committee. Brightwave's Founder Edition sold out.")  # fmt: skip
    doc = _with_entities(doc, [("Brightwave", "ORG", 0), ("Orla Pennick", "ORG", 0), ("Tobin Raskell", "ORG", 0), ("Orla Pennick", "ORG", 1),
                               ("Brightwave", "ORG", 1), ("Tobin Raskell", "ORG", 1), ("Kestrel Motors", "ORG", 0),
                               ("Pennick Committee", "ORG", 0), ("Brightwave", "ORG", 2), ("Founder Edition", "ORG", 0)])  # fmt: skip
    cues = {(ent.text, ent.start_char): person_cue(ent) for ent in doc.ents}
    assert [cue for (text, _), cue in cues.items() if text in ("Orla Pennick", "Tobin Raskell")] == [True] * 4
    assert not any(cue for (text, _), cue in cues.items() if text in ("Kestrel Motors", "Pennick Committee", "Brightwave", "Founder Edition"))


def test_a_person_cue_outweighs_the_label_and_lets_the_surname_link():
    table, entities = _table(
        [("a", 0, "Tobin Raskell", "ORG", ""), ("a", 40, "Tobin Raskell", "ORG", ""), ("a", 80, "Tobin Raskell", "ORG", ""),
         ("a", 120, "Raskell", "ORG", ""), ("b", 0, "Kestrel Motors", "ORG", "")],
        cued=frozenset({1, 2}),
    )  # fmt: skip
    rows = _by_start(table[table["article_id"] == "a"], "a")
    assert rows[120].entity_id == "tobin-raskell" and rows[120].method == "surname link"
    labels = entities.set_index("entity_id")["label"]
    assert labels["tobin-raskell"] == "PERSON" and labels["kestrel-motors"] == "ORG"
    assert set(table.loc[table["article_id"] == "a", "spacy_label"]) == {"ORG"}


def test_headline_words_after_a_name_the_article_uses_alone_are_cut_off(nlp):
    text = "Mr. Varga spoke on Monday.\n\nVideo: Varga Speech at the forum.\n\nThe speech was long, and Jon Speech listened."
    doc = _with_entities(nlp(text), [("Varga", "PERSON", 0), ("Varga Speech", "PERSON", 0), ("Jon Speech", "PERSON", 0)])
    texts = [m["text"] for m in mentions(doc)]
    assert texts == ["Varga", "Varga", "Jon Speech"]  # "Jon" is a given name: that one stays a name


def test_a_name_glued_to_a_one_letter_code_is_no_mention(nlp):
    doc = _with_entities(nlp("It has two USB-C ports, a USB-A port and USB 3.0, like the Trump-Pence signs."),
                         [("USB", "ORG", 0), ("USB", "ORG", 1), ("USB", "ORG", 2), ("Trump", "PERSON", 0), ("Pence", "PERSON", 0)])  # fmt: skip
    assert [m["text"] for m in mentions(doc)] == ["USB", "Trump", "Pence"]


def test_a_leading_possessive_or_listing_is_cut_off_the_name(nlp):
    text = "They toured the city’s Varlo Prison.\n\nNJ @ Quayside Arts Center, May 3\n\nAlso NJ @ tba."
    doc = _with_entities(nlp(text), [("’s Varlo Prison", "FAC", 0), ("NJ @ Quayside Arts Center", "ORG", 0), ("NJ @", "ORG", 1)])
    found = [(m["text"], text[m["start"] : m["end"]]) for m in mentions(doc)]
    assert found == [("Varlo Prison", "Varlo Prison"), ("Quayside Arts Center", "Quayside Arts Center")]  # offsets follow; nothing left: no mention
