"""What kind of speaker a speaker phrase is: a person, an organisation, a group, the writer
("I", "we"), or nothing that speaks ("that", "the script", "reports").

The speaker phrase's head word decides, with the parse's entity label where it has one:
"Ukrainian officials" is a group (its head is "officials", not the adjective "Ukrainian"),
"One Harbour-based trade expert" a person described, "the company" an organisation, "a
statement" or "the script" no speaker at all. Word lists are English, like the speech verbs.
"""

from __future__ import annotations

from spacy.tokens import Span

from toolkit.entities.nouns import ORGANISATION_NOUNS, PERSON_NOUNS
from toolkit.nlp.lemmas import lemma

PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
FIRST_PERSON = "first person"
UNKNOWN = "unknown"
SPEAKER_TYPES = (PERSON, ORGANISATION, GROUP, FIRST_PERSON, UNKNOWN)

FIRST_PERSON_WORDS = {"i", "we", "me", "us"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
OTHER_PRONOUNS = {"it", "they", "them", "you", "one", "this", "that", "these", "those", "which", "who", "what", "there"}
AGENT_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "ents", "men", "women", "people", "folk")  # "forecasters", "backers"
GROUP_NOUNS = {
    "people", "officials", "residents", "analysts", "experts", "critics", "sources", "witnesses", "observers",
    "lawmakers", "legislators", "activists", "protesters", "protestors", "voters", "scientists", "researchers",
    "economists", "doctors", "parents", "students", "teachers", "workers", "employees", "investors", "traders",
    "fans", "users", "customers", "leaders", "members", "supporters", "opponents", "democrats", "republicans",
    "organizers", "organisers", "authorities", "locals", "families", "survivors", "victims", "diplomats", "others",
    "many", "some", "both", "several", "most", "few", "majority", "minority", "respondents", "participants",
    "americans", "europeans", "citizens", "prosecutors", "police", "investigators", "executives", "players",
    "bosses", "settlers", "everyone", "everybody",
}  # fmt: skip
DOCUMENT_WORDS = {
    "statement", "report", "letter", "memo", "study", "survey", "poll", "analysis", "email", "tweet", "filing", "release", "paper",
}  # fmt: skip  # documents: they speak for their authors
LABEL_TYPES = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": ORGANISATION, "NORP": GROUP, "FAC": ORGANISATION}


def speaker_type(span: Span) -> str:
    """The kind of speaker a speaker phrase names, from its head word and entity labels."""
    head = span.root
    word = head.lower_
    if len(span) == 1 and word in FIRST_PERSON_WORDS:
        return FIRST_PERSON
    if len(span) == 1 and word in PERSON_PRONOUNS:
        return PERSON
    if head.ent_type_ in LABEL_TYPES:
        return LABEL_TYPES[head.ent_type_]
    if word in GROUP_NOUNS:
        return GROUP  # also capitalised at a sentence's start, where the tagger takes it for a name ("Teachers chanted")
    if head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start and head.pos_ == "NOUN"):
        return ORGANISATION if head.is_upper else PERSON  # a name the model left unlabelled ("Petrides", "WHO")
    if head.pos_ == "PRON" or word in OTHER_PRONOUNS or head.pos_ in ("DET", "ADJ", "NUM", "ADV"):
        return UNKNOWN  # "that", "you", "one": nobody in particular
    singular = lemma(head).lower()
    if head.tag_ in ("NNS", "NNPS"):
        if singular in PERSON_NOUNS or singular in ORGANISATION_NOUNS or word.endswith(AGENT_SUFFIXES):
            return GROUP  # "ministers", "Both companies", "forecasters", "Israeli settlers"
        return UNKNOWN  # "reports", "blood tests", "data": things, not speakers
    if word in PERSON_NOUNS or word.endswith(("ist", "ian")):
        return PERSON  # "the minister", "a scientist", "the politician"
    if word in ORGANISATION_NOUNS:
        return ORGANISATION
    return UNKNOWN  # "the script", "a statement", "the study": words, not speakers
