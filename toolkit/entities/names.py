"""Names as written and as matched: surface normalisation and matching keys.

The same person or place is written many ways across outlets (Zelensky / Zelenskyy /
"Vladimir Zelensky", Kiev / Kyiv). A mention keeps its surface form as written; for matching
it is normalised (possessive, leading "the" and a person's titles set aside) and folded to a key
(diacritics and punctuation removed, lower case); an entity id is a readable slug of its name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
ROLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "deputy", "first", "secretary",
    "general", "state", "chancellor", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "chief", "head", "leader", "king", "queen", "prince",
    "pope", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "gen.", "lt.", "col.", "colonel", "admiral",
    "commander", "director", "chairman", "chairwoman", "chair", "ceo", "presidential", "aide", "adviser", "advisor",
    "special", "envoy", "speaker", "judge", "justice", "officer", "senior", "national", "security",
    "interior", "finance", "economy", "trade", "health", "former", "ex", "acting", "top", "lawmaker",
    "mp", "minister's", "sheikh", "emir", "crown", "archbishop", "bishop", "patriarch", "comrade",
    "superintendent", "supt.", "commissioner", "coach", "detective", "det.", "sergeant", "sgt.", "sheriff", "trooper",
    "captain", "capt.", "lieutenant", "corporal", "cpl.", "inspector", "marshal", "professor", "prof.", "rev.",
    "reverend", "rabbi", "imam", "cardinal", "attorney", "councilman", "councilwoman", "councillor", "councilor",
    "alderman", "assemblyman", "assemblywoman", "congressman", "congresswoman", "treasurer", "comptroller", "premier",
    "magistrate",
}  # fmt: skip
STYLES = frozenset({"king", "queen", "prince", "pope", "sheikh", "emir", "crown"})  # known by the style and a given name


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A matching key: diacritics folded, punctuation dropped, lower case, single spaces
    (remembered: the same names are folded again and again, in every article and table)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", plain)
    return re.sub(r"[^\w]+", " ", plain.lower()).strip()


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_words(key: str) -> list[str]:
    """A folded name's words without a trailing suffix ("brent bozell iii" → brent, bozell); a name
    of two words keeps both."""
    words = key.split()
    return words[:-1] if len(words) > 2 and words[-1] in SUFFIXES else words


def surname(name: str) -> str:
    """The folded last word of a person's name other than a suffix ("Brent Bozell III" → "bozell",
    "Okonkwo-Bellamy" → "bellamy"); "" for a name with no word."""
    words = name_words(fold(name))
    return words[-1] if words else ""


def slug(name: str) -> str:
    """An entity id readable by people: the folded canonical name with hyphens."""
    return fold(name).replace(" ", "-") or "x" + hashlib.sha1(name.encode()).hexdigest()[:8]


def split_role(surface: str) -> tuple[str, str]:
    """(role, name) of a surface form: leading titles such as "President" or "Foreign Minister" set
    aside. A style that stands before a lone given name stays with it: "Prince Edmund", "Pope
    Gregory" and "Crown Prince Otto" are known by it, and "Edmund" alone would be anyone."""
    words = surface.split()
    cut = 0
    while cut < len(words) - 1 and words[cut].lower().strip(",") in ROLE_WORDS:
        cut += 1
    if cut == len(words) - 1:
        styled = next((i for i in range(cut) if words[i].lower() in STYLES), cut)
        return " ".join(words[:styled]), " ".join(words[styled:])
    return " ".join(words[:cut]), " ".join(words[cut:])


LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
QUOTE_MARKS = "\"'“”‘’"


def without_the(text: str) -> str:
    """A name without a leading "the" ("THE HOME DEPOT" too) and without the quote marks left
    around what follows it ('the "Caja Magica' → 'Caja Magica')."""
    return LEADING_THE.sub("", text).strip(QUOTE_MARKS)


def normalise_surface(surface: str, titled: bool = True) -> str:
    """The name inside a surface form: no possessive, no leading "the", and, for a name that may
    carry a title (``titled``: a person's), no leading titles. An organisation's first word is
    its own, not a title: "State Department", "General Assembly" and "Security Council" are not
    "Department", "Assembly" and "Council"."""
    text = without_the(POSSESSIVE.sub("", re.sub(r"\s+", " ", surface).strip(" \"'“”‘’.,;:()[]")))
    return split_role(text)[1] if titled else text
