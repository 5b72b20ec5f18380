"""English nouns that name a kind of person ("the minister", "a scientist", "moderator") or of
organisation ("the company", "the commission"): what tells a speaker phrase's kind
(:mod:`toolkit.quotes.speaker_types`) and the words around a name that show a person
(:func:`toolkit.entities.mentions.person_cue`); and the words an organisation's name is
shortened to after "the" ("the Chronicle", "the Statehouse"), which link the short form to the
name (:mod:`toolkit.entities.canonical`)."""

from __future__ import annotations

from toolkit.entities.names import ROLE_WORDS

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
    "person", "suspect", "boss", "backer", "forecaster", "settler", "someone", "somebody", "anyone", "moderator",
    "anchor", "presenter", "correspondent", "columnist", "comedian", "broadcaster",
    # offices and trades a quote is often attributed to ("New York's chief medical examiner said"); a word
    # ending in "-ist" or "-ian" is a person already (speaker_types), and words that also name things
    # ("model", "principal", "developer", "defender", "regulator") are left out
    "examiner", "coroner", "investigator", "inspector", "commissioner", "auditor", "sheriff", "surgeon", "ombudsman",
    "medic", "paramedic", "firefighter", "trooper", "juror", "negotiator", "congressman", "congresswoman",
    "lieutenant", "sergeant", "princess", "priest", "rabbi", "imam", "consul", "trustee", "chairperson", "treasurer",
    "referee", "umpire", "athlete", "goalkeeper", "teammate", "dean", "superintendent", "administrator", "scholar",
    "lecturer", "entrepreneur", "designer", "programmer", "photographer", "filmmaker", "poet", "rapper", "dancer",
    "blogger", "influencer", "broker", "accountant", "landlord", "tenant", "homeowner", "shopper", "passenger",
    "commuter", "visitor", "pilgrim", "refugee", "migrant", "immigrant", "protester", "demonstrator", "prisoner",
    "inmate", "defendant", "plaintiff", "complainant", "accuser", "whistleblower", "informant", "mediator",
    "arbitrator",
}  # fmt: skip
ORGANISATION_NOUNS = {
    "company", "firm", "government", "ministry", "department", "agency", "office", "administration", "police",
    "army", "military", "court", "committee", "commission", "council", "parliament", "congress", "senate",
    "campaign", "party", "union", "group", "organisation", "organization", "association", "bank", "university",
    "school", "hospital", "club", "team", "board", "regulator", "authority", "authorities", "embassy", "kremlin",
    "white house", "pentagon", "cabinet", "coalition", "alliance", "institute", "foundation", "charity", "network",
    "studio", "publisher", "league", "federation", "service", "navy", "startup", "manufacturer", "carrier",
    "airline", "retailer", "brand", "insurer", "lab", "laboratory", "centre", "center", "watchdog", "spokesperson",
    "news", "automaker", "carmaker", "maker", "brokerage", "business", "chain", "operator", "developer", "provider", "utility",
}  # fmt: skip
# The word a newspaper's or a seat of government's name is shortened to after "the": "the Chronicle"
# for the San Francisco Chronicle, "the Statehouse" for the Indiana Statehouse (not "House": the
# White House is not the House of Representatives)
SHORT_FORM_NOUNS = ORGANISATION_NOUNS | {
    "times", "post", "journal", "chronicle", "herald", "tribune", "gazette", "telegraph", "guardian", "observer",
    "examiner", "inquirer", "courier", "dispatch", "register", "bulletin", "globe", "star", "sun", "mirror",
    "express", "independent", "standard", "mail", "record", "review", "statesman", "daily", "weekly", "magazine",
    "statehouse", "capitol", "assembly", "legislature", "duma", "knesset", "bundestag",
}  # fmt: skip
