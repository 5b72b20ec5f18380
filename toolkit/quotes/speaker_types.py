"""What kind of speaker a speaker phrase is: a person, an organisation, a group, the writer
("I", "we"), or nothing that speaks ("that", "the script", "reports").

The speaker phrase's head word decides, with the parse's entity label where it has one:
"Ukrainian officials" is a group (its head is "officials", not the adjective "Ukrainian"),
"One Washington-based trade expert" a person described, "the company" an organisation, "a
statement" or "the script" no speaker at all. Word lists are English, like the speech verbs.
"""

from __future__ import annotations

from spacy.tokens import Span

from toolkit.entities.names import ROLE_WORDS

PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
FIRST_PERSON = "first person"
UNKNOWN = "unknown"
SPEAKER_TYPES = (PERSON, ORGANISATION, GROUP, FIRST_PERSON, UNKNOWN)

FIRST_PERSON_WORDS = {"i", "we", "me", "us"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
OTHER_PRONOUNS = {"it", "they", "them", "you", "one", "this", "that", "these", "those", "which", "who", "what", "there"}
PERSON_NOUNS = ROLE_WORDS | {
    "man", "woman", "boy", "girl", "mother", "father", "son", "daughter", "wife", "husband", "friend", "neighbour",
    "neighbor", "resident", "witness", "official", "expert", "analyst", "economist", "professor", "researcher",
    "scientist", "doctor", "lawyer", "attorney", "prosecutor", "source", "spokesman", "spokeswoman", "representative",
    "executive", "founder", "owner", "manager", "employee", "worker", "student", "teacher", "player", "coach",
    "author", "writer", "reporter", "journalist", "editor", "activist", "candidate", "voter", "member", "victim",
    "survivor", "veteran", "soldier", "captain", "police officer", "detective", "agent", "diplomat", "politician",
    "legislator", "councillor", "councilman", "councilwoman", "strategist", "consultant", "critic", "supporter",
    "fan", "customer", "user", "patient", "nurse", "physician", "engineer", "farmer", "driver", "pilot", "actor",
    "actress", "singer", "artist", "director", "producer", "partner", "colleague", "relative", "insider", "observer",
    "commentator", "historian", "investor", "trader", "banker", "citizen", "leader", "organizer",
    "organiser", "participant", "chef", "host", "guest", "president", "ceo", "chairman", "secretary", "minister",
    "person", "suspect", "boss", "backer", "forecaster", "settler", "someone", "somebody", "anyone",
}  # fmt: skip
ORGANISATION_NOUNS = {
    "company", "firm", "government", "ministry", "department", "agency", "office", "administration", "police",
    "army", "military", "court", "committee", "commission", "council", "parliament", "congress", "senate",
    "campaign", "party", "union", "group", "organisation", "organization", "association", "bank", "university",
    "school", "hospital", "club", "team", "board", "regulator", "authority", "authorities", "embassy", "kremlin",
    "white house", "pentagon", "cabinet", "coalition", "alliance", "institute", "foundation", "charity", "network",
    "studio", "publisher", "league", "federation", "service", "navy", "startup", "manufacturer", "carrier",
    "airline", "retailer", "brand", "insurer", "lab", "laboratory", "centre", "center", "watchdog", "spokesperson",
    "automaker", "carmaker", "maker", "brokerage", "business", "chain", "operator", "developer", "provider", "utility",
}  # fmt: skip
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
    if head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start and head.pos_ == "NOUN"):
        return ORGANISATION if head.is_upper else PERSON  # a name the model left unlabelled ("Petrides", "WHO")
    if word in GROUP_NOUNS:
        return GROUP
    if head.pos_ == "PRON" or word in OTHER_PRONOUNS or head.pos_ in ("DET", "ADJ", "NUM", "ADV"):
        return UNKNOWN  # "that", "you", "one": nobody in particular
    singular = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS"):
        if singular in PERSON_NOUNS or singular in ORGANISATION_NOUNS or word.endswith(AGENT_SUFFIXES):
            return GROUP  # "ministers", "Both companies", "forecasters", "Israeli settlers"
        return UNKNOWN  # "reports", "blood tests", "data": things, not speakers
    if word in PERSON_NOUNS or word.endswith(("ist", "ian")):
        return PERSON  # "the minister", "a scientist", "the politician"
    if word in ORGANISATION_NOUNS:
        return ORGANISATION
    return UNKNOWN  # "the script", "a statement", "the study": words, not speakers
