"""The page-metadata benchmark's matching rules (benchmarks/metadata.py), on invented pages."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from cleaning_devset import right_author, same_title, writes_outlet


def test_a_title_with_the_outlet_appended_counts_softly_but_a_paragraph_holding_it_does_not():
    gold = "Northern pier to close for repairs"
    assert same_title("Northern pier to close for repairs | Harbour Gazette", gold)
    assert not same_title("Northern pier to close for repairs | Harbour Gazette", gold, soft=False)
    paragraph = f"{gold}, the harbour authority said on Friday, after divers found that two of its piles had rotted through."
    assert not same_title(paragraph, gold)
    assert not same_title("Pier", gold)  # too short a part of the gold to count


def test_an_author_is_right_when_one_name_holds_the_other_and_joining_words_are_no_names():
    assert right_author("Ana Lind", "By ANA LIND, Harbour Science Writer")
    assert right_author("Ana Lind and Sam Okafor", "Ana Lind; Sam Okafor; Harbour Gazette")
    assert not right_author("Sam Okafor", "Ana Lind")
    assert not right_author(None, "Ana Lind")


def test_a_dump_names_its_outlet_in_any_accepted_spelling_as_whole_words_wherever_it_writes_it():
    lines = ["Home | Sport", "Pier to close", "harbrix GmbH | Quay Str. 1", "Read more at https://northquay.com/2015/pier"]
    assert writes_outlet(lines, "Harbrix", [])  # case folded
    assert writes_outlet(lines, "North Quay", ["NorthQuay"])  # an accepted spelling, in a link
    assert not writes_outlet(lines, "Harbour Gazette", ["HG"])
    assert not writes_outlet(["Support us at harbrixes.example"], "Harbrix", [])  # a word, not a part of one
