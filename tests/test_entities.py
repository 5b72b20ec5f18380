"""Names: normalisation, the alias table, canonical entities, surname linking, proposals."""

import pandas as pd
import spacy
from spacy.tokens import Span

from toolkit.entities import accept_proposals, canonicalise, merge_proposals
from toolkit.entities.aliases import Alias, add_aliases, read_aliases, ruler_patterns
from toolkit.entities.names import fold, normalise_surface, slug, split_role
from toolkit.nlp.components import trimmed_entities

ALIASES = [Alias("Kyiv", "Kiev", "GPE"), Alias("Volodymyr Zelenskyy", "Zelensky", "PERSON"),
           Alias("United States", "US", "GPE")]  # fmt: skip


def test_normalisation():
    assert normalise_surface("Volodymyr Zelenskyy’s") == "Volodymyr Zelenskyy"
    assert normalise_surface("the Kremlin") == "Kremlin"
    assert normalise_surface('the "Caja Verde', titled=False) == "Caja Verde"  # a quote mark the model kept after "the"
    assert normalise_surface("President Vladimir Putin") == "Vladimir Putin"
    assert split_role("Foreign Minister Hakan Fidan") == ("Foreign Minister", "Hakan Fidan")
    assert split_role("President Okafor") == ("President", "Okafor")
    assert split_role("Prince Edmund") == ("", "Prince Edmund")  # a style before a lone given name stays
    assert split_role("Former Crown Prince Otto") == ("Former", "Crown Prince Otto")
    assert split_role("Prince Edmund Aldous") == ("Prince", "Edmund Aldous")
    assert split_role("Superintendent Mara Quill") == ("Superintendent", "Mara Quill")  # titles of schools, police, courts, councils
    assert split_role("Attorney General Orrin Vale") == ("Attorney General", "Orrin Vale")
    assert split_role("Sgt. Tomas Reyne") == ("Sgt.", "Tomas Reyne") and split_role("Coach Ada Brill") == ("Coach", "Ada Brill")
    assert split_role("Dean Holloway") == ("", "Dean Holloway")  # a title that is also a common given name or surname is no title
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold("U.S.") == "us"
    assert slug("Türkiye") == "turkiye"


def test_ruler_patterns_are_case_sensitive_with_ids(nlp):
    patterns = ruler_patterns(ALIASES)
    assert {"label": "GPE", "pattern": "Kiev", "id": "kyiv"} in patterns
    doc = nlp("Let us go to Kiev, the US envoy said.")
    labels = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Kiev", "GPE", "kyiv") in labels
    assert not any(e.text == "us" for e in doc.ents)


def test_the_default_table_names_social_platforms_organisations(nlp):
    """The small model calls "Twitter" a person and "Netflix" a place; a top-people chart of any
    news folder would start with them. The shipped alias table labels the platforms ORG."""
    doc = nlp("She turned to Twitter last month, then to Instagram. Her series is on Netflix.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Twitter"] == labels["Instagram"] == labels["Netflix"] == "ORG"


def mentions(rows):
    frame = pd.DataFrame(rows, columns=["article_id", "text", "label", "ruler_id"])
    frame["start"] = range(len(frame))
    frame["end"] = frame["start"] + 1
    frame["sentence"] = 0
    frame["role"] = ""
    return frame


def test_canonicalise_aliases_labels_and_surname_links():
    table, entities = canonicalise(mentions([
        ("a1", "Kiev", "PERSON", None), ("a2", "Kyiv", "GPE", None), ("a1", "Vladimir Putin", "PERSON", None),
        ("a1", "Putin", "PERSON", None), ("a2", "Putin", "PERSON", None), ("a2", "Zelensky", "PERSON", "volodymyr-zelenskyy"),
        ("a3", "Emmanuel Macron", "PERSON", None), ("a3", "Emmanuel Bonne", "PERSON", None), ("a3", "Emmanuel", "PERSON", None),
    ]), ALIASES)  # fmt: skip
    ids = dict(zip(zip(table["article_id"], table["text"], strict=True), table["entity_id"], strict=True))
    methods = dict(zip(zip(table["article_id"], table["text"], strict=True), table["method"], strict=True))
    assert ids[("a1", "Kiev")] == ids[("a2", "Kyiv")] == "kyiv"
    assert entities.set_index("entity_id").at["kyiv", "label"] == "GPE"
    assert ids[("a1", "Putin")] == ids[("a2", "Putin")] == "vladimir-putin"
    assert methods[("a1", "Putin")] == "surname link" and methods[("a2", "Putin")] == "corpus surname link"
    assert ids[("a2", "Zelensky")] == "volodymyr-zelenskyy"
    assert ids[("a3", "Emmanuel Macron")] != ids[("a3", "Emmanuel Bonne")]
    assert ids[("a3", "Emmanuel")] == "emmanuel"
    assert entities.set_index("entity_id").at["vladimir-putin", "n_articles"] == 2


def test_each_spelling_is_normalised_once_however_many_articles_repeat_it(monkeypatch):
    """Names recur in every article of a folder: the second pass and later articles reuse the first look."""
    from toolkit.entities import canonical

    calls = []
    monkeypatch.setattr(canonical, "normalise_surface", lambda text, **options: calls.append(text) or normalise_surface(text, **options))
    rows = [(f"a{i}", text, label, None) for i in range(20) for text, label in (("Ana Lind", "PERSON"), ("Lind", "PERSON"), ("Harbour Gazette", "ORG"))]
    table, _ = canonicalise(mentions(rows), ALIASES)
    assert sorted(calls) == ["Ana Lind", "Harbour Gazette", "Lind"]
    assert set(table.loc[table["text"] == "Lind", "entity_id"]) == {"ana-lind"}  # what the reuse gives is still linked per article


def test_proposals_are_reviewed_not_merged(tmp_path):
    entities = pd.DataFrame({"entity_id": ["a", "b", "c"], "name": ["Vladimir Zelensky", "Vladimir Zelenskyi", "Vladimir Medinsky"],
                             "label": "PERSON", "n_mentions": [5, 1, 3]})  # fmt: skip
    proposals = merge_proposals(entities, threshold=90)
    assert list(zip(proposals["canonical"], proposals["alias"], strict=True)) == [("Vladimir Zelensky", "Vladimir Zelenskyi")]
    path = tmp_path / "aliases.csv"
    assert accept_proposals(proposals, path) == 1
    assert accept_proposals(proposals, path) == 0
    assert read_aliases(path) == [Alias("Vladimir Zelensky", "Vladimir Zelenskyi", "PERSON")]
    assert add_aliases([Alias("X", "Y", "ORG")], path) == 1


def test_an_untagged_name_before_or_after_a_role_is_a_person(nlp):
    from toolkit.nlp.components import titled_names

    for text, name in (
        ("Ilsa Varga, president of a design agency, said the campaign was bold.", "Ilsa Varga"),
        ("The agency's director Ilsa Varga said the campaign was bold.", "Ilsa Varga"),
    ):
        doc = nlp(text)
        doc.ents = []  # as when the small model tags nothing there
        assert [(e.text, e.label_) for e in titled_names(doc).ents] == [(name, "PERSON")]
    doc = nlp("Ilsa Varga said the campaign was bold, and Oskar Lind agreed.")
    doc.ents = []
    assert not titled_names(doc).ents  # no role next to the names: left to the model
    doc = nlp("The statement was signed by Deputy Director Oskar Lind Varga Berg")
    doc.ents = []  # a run of four names at the end of the text: the first three are taken, as a name has at most three words
    assert [e.text for e in titled_names(doc).ents] == ["Oskar Lind Varga"]
    assert not titled_names(nlp("")).ents
    doc = nlp("The High Commissioner for Human Rights said the decision changed nothing.")
    doc.ents = []  # everyday words after a role name a thing, not a person
    assert not titled_names(doc).ents


def test_a_name_drops_the_punctuation_and_symbols_at_its_edges_and_an_amount_keeps_its_symbol():
    nlp = spacy.blank("en")
    doc = nlp("― Ana Lind met ® Harbrix and Tramline ® staff over a $ 5 fine.")
    doc.ents = [Span(doc, 0, 3, "PERSON"), Span(doc, 4, 6, "ORG"), Span(doc, 7, 9, "ORG"), Span(doc, 12, 14, "MONEY")]
    assert [(e.text, e.label_) for e in trimmed_entities(doc).ents] == [("Ana Lind", "PERSON"), ("Harbrix", "ORG"), ("Tramline", "ORG"), ("$ 5", "MONEY")]
