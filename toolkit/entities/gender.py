"""Evidence of a named person's grammatical gender, so "she said" is not given to a man.

Pronoun resolution (:mod:`toolkit.quotes.speakers`) only uses this to rule candidates out: a person
with no evidence stays compatible with any pronoun. The evidence, strongest first: a title
or role written with the name ("Ms.", "Mr.", "congresswoman", "the first lady"), then the
given name, from a short list of common given names whose use is overwhelmingly one gender.
"""

from __future__ import annotations

from spacy.tokens import Span

FEMALE_TITLES = {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "sister", "mother", "wife",
                 "daughter", "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "councilwoman", "stateswoman",
                 "assemblywoman", "sportswoman", "actress", "baroness", "duchess", "countess", "empress", "grandmother", "aunt",
                 "widow", "girlfriend", "niece", "first lady"}  # fmt: skip
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "brother", "father", "husband", "son", "congressman", "spokesman",
               "chairman", "businessman", "councilman", "statesman", "assemblyman", "sportsman", "baron", "duke",
               "emperor", "grandfather", "uncle", "widower", "boyfriend", "nephew", "pope"}  # fmt: skip
# Common English-language given names whose bearers are overwhelmingly of one gender (and their usual short forms)
FEMALE_NAMES: frozenset[str] = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
    kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
    amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
    alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
    charlotte marie kayla alexis lori hillary hilary claire chelsea anne annie katie kate jane jill tammy tina stacey
    valerie veronica wendy yolanda irene ingrid elena natalia olga liz beth sue peggy maggie nora rose lucy ellen
    eleanor caroline susanne suzanne monica erica erin tara sally
    """.split()  # noqa: SIM905 (a readable word list)
)
MALE_NAMES: frozenset[str] = frozenset(
    """
    james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony mark
    donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
    nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
    jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian
    keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse bryan billy joe bruce gabriel logan
    albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby philip louis bill mike ted chris
    jim tim tom steve bob rick dick chuck mitch ken dan matt tony greg jeff ron don ben sam nick fred harry
    """.split()  # noqa: SIM905 (a readable word list)
)


GIVEN_NAMES: frozenset[str] = MALE_NAMES | FEMALE_NAMES


def title_gender(words: list[str]) -> str | None:
    """ "f", "m" or None from titles and roles written with a name."""
    lowered = [w.lower() for w in words]
    text = " ".join(lowered)
    female = any(w in FEMALE_TITLES for w in lowered) or "first lady" in text
    male = any(w in MALE_TITLES for w in lowered)
    return "f" if female and not male else "m" if male and not female else None


def name_gender(name: str) -> str | None:
    """ "f", "m" or None from a full name's given name."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower().strip(".")
    female, male = first in FEMALE_NAMES, first in MALE_NAMES
    return "f" if female and not male else "m" if male and not female else None


def gender(ent: Span, role: str = "") -> str | None:
    """A person mention's gender evidence: the title just before it or its role, else its given name."""
    before = [t.text for t in ent.doc[max(0, ent.start - 2) : ent.start]]
    return title_gender([*before, *role.split()]) or name_gender(ent.text)
