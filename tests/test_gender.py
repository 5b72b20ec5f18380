"""Gender evidence for person names: titles and roles first, then common given names, else none."""

from toolkit.entities.gender import name_gender, title_gender


def test_titles_and_roles():
    assert title_gender(["Ms."]) == "f" and title_gender(["Mr."]) == "m"
    assert title_gender(["the", "congresswoman"]) == "f" and title_gender(["spokesman"]) == "m"
    assert title_gender(["first", "lady"]) == "f"
    assert title_gender(["Senator"]) is None and title_gender(["Mr.", "and", "Mrs."]) is None


def test_given_names_only_when_unambiguous():
    assert name_gender("Mary Lopez") == "f" and name_gender("Tom Reed") == "m"
    assert name_gender("Lopez") is None  # a surname alone says nothing
    assert name_gender("Okonkwo Adeyemi") is None
