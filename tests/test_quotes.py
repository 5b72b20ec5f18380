"""Quote attribution patterns, each on sentences of our own, with the real spaCy model."""

import json

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from toolkit.cli import main
from toolkit.quotes import attribute_quotes as quotes
from toolkit.quotes.marks import marks_view, merge_split_quotes, quote_spans


def attributed(nlp, text):
    doc = nlp(text)
    out = []
    for q in quotes(doc):
        referent = text[q["referent_start"] : q["referent_end"]] if q["referent_start"] is not None else None
        out.append((q["kind"], q["text"], q["speaker_text"], referent))
    return out


def test_quote_marks_pair_by_family_and_survive_stray_marks():
    text = 'He said “one” and "two" and «three». A stray ” mark here. She said “four”.\n\nNext “five” paragraph.'
    found = [text[s:e] for q in quote_spans(text) for s, e in q]
    assert found == ["one", "two", "three", "four", "five"]


def test_unbalanced_mark_loses_nothing_else():
    text = 'He called it “unacceptable. Officials said "the plan is ready" on Monday.\n\nShe said “it works”.'
    found = [text[s:e] for q in quote_spans(text) for s, e in q]
    assert "it works" in found and "the plan is ready" in found


def test_multi_paragraph_quote_is_one_quote():
    text = "“The first paragraph of the statement goes on.\n\n“And the second one ends here,” he said."
    spans = quote_spans(text)
    assert len(spans) == 1 and len(spans[0]) == 2


def test_quote_left_open_then_not_reopened_is_dropped_alone():
    text = "He said “this never closes.\n\n“Reopened” is a word here.\n\nA plain paragraph follows.\n\nShe said “fine”."
    found = [[text[s:e] for s, e in q] for q in quote_spans(text)]
    assert found == [["this never closes.", "Reopened"], ["fine"]]
    text = "He said “this never closes.\n\nA plain paragraph with “one” quote.\n\nShe said “two”."
    assert [[text[s:e] for s, e in q] for q in quote_spans(text)] == [["one"], ["two"]]


def test_split_quote_is_merged():
    text = "“We will not give up,” she said, “because the city needs this bridge.”"
    merged = merge_split_quotes(text, quote_spans(text))
    assert len(merged) == 1 and len(merged[0]) == 2


def test_trailing_and_inverted_attribution(nlp):
    result = attributed(nlp, "“The deal is done and we are very happy with it,” said Maria Lopez, the union leader.")
    assert result[0][0] == "direct" and result[0][3] == "Maria Lopez"
    result = attributed(nlp, "“We expect the bridge to open in May next year,” John Carter told reporters.")
    assert result[0][3] == "John Carter"


def test_dash_form(nlp):
    assert attributed(nlp, "“We will rebuild every school before the winter comes.” — Maria Lopez, mayor")[0][3] == "Maria Lopez"


def test_leading_cue_and_colon_forms(nlp):
    result = attributed(nlp, "Anna Berg said: “The budget will be balanced by the end of the decade.”")
    assert result[0][0] == "direct" and result[0][3] == "Anna Berg"
    result = attributed(nlp, "Peter Novak: “We have nothing more to add at this stage of the inquiry.”")
    assert result[0][3] == "Peter Novak"


def test_partial_quote_and_pronoun(nlp):
    text = "Senator Ruth Miles spoke on Monday. She called the proposal “a dangerous gamble” in her speech."
    result = attributed(nlp, text)
    assert ("partial", "a dangerous gamble", "She", "Ruth Miles") in result


def test_indirect_speech_and_according_to(nlp):
    result = attributed(nlp, "Tom Reed said on Thursday that the factory would close by the end of the year.")
    assert result == [("indirect", "the factory would close by the end of the year", "Tom Reed", "Tom Reed")]
    result = attributed(nlp, "According to Lisa Park, the negotiations collapsed after midnight.")
    assert result[0][0] == "indirect" and result[0][1] == "the negotiations collapsed after midnight"
    assert result[0][2] == "Lisa Park"


def test_role_description_and_continuation(nlp):
    text = ("Foreign Minister Elena Ruiz arrived in the capital on Monday.\n\n"
            "The minister stressed that the talks would continue next week.\n\n"
            "“We are close to an agreement,” she said. “Both sides want the same thing in the end.”")  # fmt: skip
    result = attributed(nlp, text)
    assert ("indirect", "the talks would continue next week", "The minister", "Elena Ruiz") in result
    directs = [r for r in result if r[0] == "direct"]
    assert directs == [("direct", "We are close to an agreement Both sides want the same thing in the end.", "she", "Elena Ruiz")]


def test_quote_continuing_in_the_next_paragraph_is_the_same_statement(nlp):
    text = ("“We are close to an agreement,” said Elena Ruiz, the foreign minister.\n\n"
            "“Both sides want the same thing in the end, and both know it.”\n\nThe talks resumed.\n\n"
            "“Nobody expected this outcome at all this week.”")  # fmt: skip
    doc = nlp(text)
    found = [q for q in quotes(doc) if q["kind"] == "direct"]
    assert len(found[0]["fragments"]) == 2 and text[found[0]["referent_start"] : found[0]["referent_end"]] == "Elena Ruiz"
    assert found[1]["text"].startswith("Nobody") and found[1]["speaker_text"] is None  # narration intervened


def test_appositive_and_group_speakers(nlp):
    result = attributed(nlp, "Hugh Hill, a doctor at the clinic, said the new treatment had helped dozens of patients.")
    assert result[0][3] == "Hugh Hill"
    result = attributed(nlp, "Local officials warned that the river could flood the lower town overnight.")
    assert result[0][2] == "Local officials" and result[0][3] is None


def test_trailing_cue_stops_at_the_paragraph(nlp):
    text = "Mary Stone spoke first. “We will rebuild the school before winter comes.”\n\nCritics said the plan was rushed."
    result = attributed(nlp, text)
    direct = [r for r in result if r[0] == "direct"]
    assert direct and direct[0][2] != "Critics"


def test_scare_quotes_are_not_statements(nlp):
    assert attributed(nlp, "The so-called “smart” meters were installed across the region last year.") == []


def test_quotes_command_jsonl(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    text = "“We are ready to talk,” Vladimir Zelensky said. Zelensky added that talks could start soon. “It is late.”\n\nThey said it was over."
    source.write_text(json.dumps({"id": "x1", "text": text}) + "\n")
    assert main(["quotes", str(source), "--out", str(target)]) == 0
    record = json.loads(target.read_text())
    assert record["id"] == "x1"
    first = record["quotes"][0]
    assert text[first["quote_start"] : first["quote_end"]] == "We are ready to talk,"
    assert first["speaker"] == "Vladimir Zelensky" and first["speaker_resolved"] == "Volodymyr Zelenskyy"
    assert any(q["kind"] == "indirect" for q in record["quotes"])
    assert "NaN" not in target.read_text()
    assert all(q["speaker_resolved"] is None or isinstance(q["speaker_resolved"], str) for q in record["quotes"])


@pytest.mark.parametrize("marks", ['"' * 3000, "“" * 3000, "”“" * 1500])
def test_thousands_of_marks_finish(nlp, marks):
    assert isinstance(quotes(nlp("He said " + marks + " and left.")), list)


def test_lead_in_cue_on_the_previous_line(nlp):
    text = "The mayor, Ana Lind, said:\n\n“The budget is balanced and the schools will reopen in September.”"
    result = attributed(nlp, text)
    assert result[0][0] == "direct" and result[0][3] == "Ana Lind"


def test_commitments_name_calling_and_relative_speakers(nlp):
    assert ("indirect", "to cut taxes for small firms", "Paul Berg", "Paul Berg") in attributed(nlp, "Paul Berg pledged to cut taxes for small firms.")
    result = attributed(nlp, "The protesters marched to the hall, calling the new law a disgrace to the city.")
    assert result[0][1] == "the new law a disgrace to the city"
    result = attributed(nlp, "They met Karen Holt, who said the mine would close next year.")
    assert result[0][1] == "the mine would close next year" and result[0][3] == "Karen Holt"


def test_pronouns_skip_names_inside_quotes_and_prefer_main_subjects(nlp):
    text = ("“Nobody listens to Peter Hall any more,” said Joan Baker.\n\n"
            "Tom Grant left the room when Mary Lee arrived. He said that the vote would be delayed.")  # fmt: skip
    result = attributed(nlp, text)
    assert result[0][3] == "Joan Baker"
    assert ("indirect", "the vote would be delayed", "He", "Tom Grant") in result


def test_nouns_are_not_cues_and_misparsed_subjects_are_found(nlp):
    result = attributed(nlp, "“The evidence cannot prove guilt beyond doubt,” state attorney Dave Aronberg said on Friday.")
    assert result[0][3] == "Dave Aronberg"
    result = attributed(nlp, "“What if the mayor had taken lessons in public speaking?” the 43-year-old asked in the video.")
    assert result[0][2] is not None and "43" in result[0][2]


def test_quoted_words_never_name_the_speaker(nlp):
    text = "Weaver seemed unimpressed on Tuesday, telling reporters, “A lot of people said the governor should step down.”"
    assert attributed(nlp, text)[0][2] == "Weaver"
    text = "The result does not surprise pollster Dana Shaw: “Lesser-known candidates often gain the most after early wins.”"
    assert attributed(nlp, text)[0][3] == "Dana Shaw"


def test_reported_clause_keeps_its_quoted_fragment(nlp):
    text = "Mayor Ruth Olsen said the project could be a “costly failure” if the council cannot find new funding."
    result = attributed(nlp, text)
    assert ("indirect", "the project could be a “costly failure” if the council cannot find new funding", "Ruth Olsen", "Ruth Olsen") in result
    assert any(r[0] == "partial" and r[1] == "costly failure" for r in result)


def test_two_character_and_mismatched_marks():
    text = "Why? ''They pay us well,'' he said. Then ``this one'' and “a curly one closed straight,\" she said."
    found = [text[s:e] for q in quote_spans(marks_view(text)) for s, e in q]
    assert found == ["They pay us well,", "this one", "a curly one closed straight,"]
    assert marks_view(text).count("''") == 0 and len(marks_view(text)) == len(text)
    assert marks_view("the 1990''s and rock 'n' roll") == "the 1990''s and rock 'n' roll"


def test_a_straight_quote_closed_curly_is_one_quote_and_the_next_one_is_found():
    text = '"We will win,” she said, "and the vote is ours.” Then she left.'
    assert [text[s:e] for q in quote_spans(text) for s, e in q] == ["We will win,", "and the vote is ours."]


def test_quote_introduced_without_a_comma_is_direct_when_it_ends_the_sentence(nlp):
    result = attributed(nlp, "Mayor Ana Cruz spoke in the square. She said “we worked hard for this city.”")
    assert result == [("direct", "we worked hard for this city.", "She", "Ana Cruz")]
    result = attributed(nlp, "Mayor Ana Cruz said “hard work” pays off in the end.")
    assert ("partial", "hard work") in [r[:2] for r in result] and "direct" not in [r[0] for r in result]


def test_split_quote_takes_the_cue_between_its_fragments(nlp):
    text = 'They met.\n\n"By signing first," Mr. Tom Hale said, "we allowed the others to follow us."'
    assert attributed(nlp, text) == [("direct", "By signing first, we allowed the others to follow us.", "Tom Hale", "Tom Hale")]


def test_inverted_speaker_is_never_a_subject_inside_the_quote(nlp):
    text = '"If it lacks the weapons now, it will have them soon," said James Acton, a physicist in Washington.'
    assert attributed(nlp, text)[0][2] == "James Acton"


def test_horizontal_bar_names_the_speaker(nlp):
    text = "Readers wrote in.\n“The most unqualified person to ever run for the office.” ― Francisco Herrero"
    assert attributed(nlp, text)[0][2] == "Francisco Herrero"


def test_interrupting_attribution_keeps_the_clause_subject_but_not_an_adverbial(nlp):
    result = attributed(nlp, "The museum, Mr. Tom Hale said, would make visitors face uncomfortable truths.")
    assert result == [("indirect", "The museum would make visitors face uncomfortable truths", "Tom Hale", "Tom Hale")]
    result = attributed(nlp, "Without help from the council, Ana Ruiz said, the project would never have been finished.")
    assert [r[:3] for r in result] == [("indirect", "the project would never have been finished", "Ana Ruiz")]


def test_pronoun_goes_to_a_person_of_its_gender(nlp):
    text = "Tom Reed praised Mary Lopez at the meeting on Monday.\n\n“The plan works for everyone,” she said."
    assert attributed(nlp, text)[0][2:] == ("she", "Mary Lopez")
    text = "Mary Whitfield thanked Mr. Okafor after the vote.\n\n“The plan works for everyone,” he said."
    assert attributed(nlp, text)[0][2:] == ("he", "Okafor")


def test_reported_clause_choice_adjective_heads_and_purpose_clauses(nlp):
    result = attributed(nlp, "Writing for a panel that agreed Lee won, Mark Hale noted that the way Lee spoke was critical to his success.")
    assert [r[1] for r in result if r[0] == "indirect"] == ["the way Lee spoke was critical to his success"]
    result = attributed(nlp, "Ana Ruiz says the council’s plan to close the library was “reckless, even for them.”")
    assert any(r[0] == "indirect" and r[1].startswith("the council’s plan to close the library was") for r in result)
    result = attributed(nlp, "Spokesman Tom Hale says that the mayor called the family on Friday to express gratitude for their help.")
    assert [r[1] for r in result] == ["the mayor called the family on Friday to express gratitude for their help"]


def test_quoted_fragment_in_the_predicate_keeps_its_clause_but_not_in_the_subject(nlp):
    result = attributed(nlp, "Senator Ana Ruiz said that it was “deeply unfair” to ask farmers to pay more.")
    assert ("indirect", "it was “deeply unfair” to ask farmers to pay more", "Ana Ruiz", "Ana Ruiz") in result
    assert any(r[:2] == ("partial", "deeply unfair") for r in result)
    result = attributed(nlp, "The ministry insists that its “red lines” must be respected by everyone.")
    assert [r[:2] for r in result] == [("partial", "red lines")]


def test_condition_with_a_speech_verb_stays_in_the_reported_clause(nlp):
    result = attributed(nlp, "Tom Hale said that he has “no idea” if he would have told the board.")
    assert ("indirect", "he has “no idea” if he would have told the board") in [r[:2] for r in result]


def test_clause_subject_parsed_as_the_verbs_object_is_kept(nlp):
    result = attributed(nlp, "Ukrainian officials have emphasised the talks will not include territorial concessions.")
    assert [r[:3] for r in result] == [("indirect", "the talks will not include territorial concessions", "Ukrainian officials")]


def test_titles_and_markup_values_are_not_quotes(nlp):
    assert attributed(nlp, "She told ABC’s “Good Morning America” on Monday that the tone was fine.") == [("indirect", "the tone was fine", "She", None)]
    markup = '<tweet author="JaneDoe" id="1">We are all safe tonight.</tweet>\n\n“We stayed home,” she said.'
    assert [r[1] for r in attributed(nlp, markup)] == ["We stayed home"]
    chant = "Fans chanted “USA! USA!” as the mayor said “we did it” to the crowd."
    assert ("partial", "USA! USA!") in [r[:2] for r in attributed(nlp, chant)]


def test_speech_reported_by_its_topic(nlp):
    result = attributed(nlp, "The senator called for an independent inquiry into the deal on Monday.")
    assert [r[:3] for r in result] == [("indirect", "an independent inquiry into the deal", "The senator")]
    result = attributed(nlp, "The council condemned the attack on the city hall.")
    assert [r[:2] for r in result] == [("indirect", "the attack on the city hall")]
    result = attributed(nlp, "The mayor called on residents of the flooded district to stay indoors.")
    assert [r[:2] for r in result] == [("indirect", "to stay indoors")]
    assert attributed(nlp, "She praised it. He criticized Ann’s absence.") == []


def test_long_subjects_the_parser_lost(nlp):
    result = attributed(nlp, "About 4 in 10 say they want the next mayor to have more liberal policies.")
    assert [r[:2] for r in result] == [("indirect", "they want the next mayor to have more liberal policies")]
    assert result[0][2] is not None
    result = attributed(nlp, "Majorities of Democrats in five states going to the polls Tuesday say they would be satisfied with both candidates.")
    assert [r[:3] for r in result] == [("indirect", "they would be satisfied with both candidates", "Majorities of Democrats in five states")]


def test_content_clauses_the_parser_hung_elsewhere(nlp):
    result = attributed(nlp, "Adelson said earlier on Friday during a news conference that he may wait until the primaries to decide.")
    assert [r[:3] for r in result] == [("indirect", "he may wait until the primaries to decide", "Adelson")]
    result = attributed(nlp, "He said legalizing it could put thousands of people to work in upstate New York.")
    assert [r[:2] for r in result] == [("indirect", "legalizing it could put thousands of people to work in upstate New York")]
    assert attributed(nlp, "She spoke at the rally that drew thousands of people.") == []


def test_topic_with_a_possessive_is_not_a_quote(nlp):
    result = attributed(nlp, "The Wisconsin Republican criticized the president’s foreign policy.")
    assert [r[:2] for r in result] == [("indirect", "the president’s foreign policy")]
    assert [r[:2] for r in attributed(nlp, "The senator praised the “bold and necessary” reform of the tax code.")] == [("partial", "bold and necessary")]


def test_every_topic_cue_is_a_speech_verb():
    from toolkit.quotes.reported import TOPIC_CUES, TOPIC_PREPOSITIONS
    from toolkit.quotes.speech_verbs import SPEECH_VERBS

    assert set(TOPIC_CUES) | set(TOPIC_PREPOSITIONS) <= SPEECH_VERBS  # a topic is only looked for after a verb of saying


def test_a_colon_after_any_verb_introduces_its_subject(nlp):
    result = attributed(nlp, "Mara Lindqvist waved at the crowd, then leaned in and boomed: “We will win this county by ten points in November.”")
    assert result[0][:2] == ("direct", "We will win this county by ten points in November.") and result[0][3] == "Mara Lindqvist"
    text = "When the factory closed, Governor Ellen Price released the following statement:\n\n“Our thoughts are with every family that relied on it.”"
    assert attributed(nlp, text)[0][3] == "Ellen Price"


def test_according_to_before_or_after_a_quotation(nlp):
    assert attributed(nlp, "According to the agency, “the river will reach its highest level since records began.”")[0][2] == "the agency"
    text = "“The river will reach its highest level since records began,” according to Hanna Kovac of the weather agency."
    assert attributed(nlp, text)[0][2] == "Hanna Kovac"
    text = "A man asked for a picture and Price said, “as long as nobody here breaks any rules.”\n\nAccording to state law, nobody may campaign there."
    assert attributed(nlp, text)[0][2] != "state law"  # "according to" on the next paragraph attributes nothing before it


def test_a_name_the_parser_left_without_a_role_still_speaks():
    """The parse of "“...,” Halvorsen answers." as the small model sometimes gives it: the name a
    compound of the verb, so the verb has no subject; the name between the quotation and its cue speaks."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from toolkit.quotes.cues import speaker_beside_cue
    from toolkit.quotes.view import ArticleView

    words = ["“", "Nothing", "at", "all", ",", "”", "Halvorsen", "answers", "."]
    heads = [7, 7, 3, 1, 7, 7, 7, 7, 7]
    deps = ["punct", "dep", "advmod", "advmod", "punct", "punct", "compound", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "ADV", "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = Doc(Vocab(), words=words, spaces=[False, True, True, False, False, True, True, False, False], heads=heads, deps=deps, pos=pos)
    view = ArticleView(doc)
    start, end = doc.text.index("Nothing"), doc.text.index("”")
    view.set_quoted([(start, end)])
    speaker = speaker_beside_cue(view, [(start, end)], doc[7])
    assert speaker is not None and (speaker.text, speaker.i) == ("Halvorsen", 6)


def test_a_name_right_before_a_cue_without_subject_speaks():
    """ "Rep. Ada Moss (D-NY) said: “...”" parsed with "Moss" hanging off the parenthesis: the name
    written right before the cue, past the parenthesis, is the speaker."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from toolkit.quotes.cues import speaker_beside_cue
    from toolkit.quotes.view import ArticleView

    words = ["Rep.", "Ada", "Moss", "(", "D-NY", ")", "said", ":", "“", "We", "won", ".", "”"]
    heads = [2, 2, 4, 4, 6, 4, 6, 6, 10, 10, 6, 10, 10]
    deps = ["compound", "compound", "compound", "punct", "npadvmod", "punct", "ROOT", "punct", "punct", "nsubj", "ccomp", "punct", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"]
    spaces = [True, True, True, False, False, True, False, True, False, True, False, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    view = ArticleView(doc)
    start = doc.text.index("We")
    view.set_quoted([(start, len(doc.text) - 1)])
    speaker = speaker_beside_cue(view, [(start, len(doc.text) - 1)], doc[6])
    assert speaker is not None and speaker.text == "Moss"


def test_a_day_is_never_the_speaker(nlp):
    text = (
        "Monday in Chicago, while on the campaign trail for his brother Republican Senate candidate Mark Ellison, "
        "former governor Sam Ellison said his brother was ready to serve in Washington at this time."
    )  # the parse gives "said" no subject and hangs "Monday" off it
    result = attributed(nlp, text)
    assert result and result[0][0] == "indirect" and result[0][2] == "Sam Ellison"


def test_questions_and_demands_report_their_clause(nlp):
    result = attributed(nlp, "He asked voters if they planned to attend the meeting on Thursday.")
    assert result and result[0][:3] == ("indirect", "they planned to attend the meeting on Thursday", "He")
    result = attributed(nlp, "Former minister Ada Moss is calling for the United States to step up its efforts against smuggling.")
    assert result and result[0][1].startswith("the United States to step up") and result[0][3] == "Ada Moss"
    result = attributed(nlp, "Tom Reed is thanking his supporters for delivering a clear win in the state on Saturday.")
    assert result and result[0][1] == "delivering a clear win in the state on Saturday" and result[0][3] == "Tom Reed"


def test_a_headline_name_before_a_colon_speaks(nlp):
    text = "Lindqvist: ‘We Will Win This County by Ten Points’\n\nMara Lindqvist spoke to supporters in Des Moines on Monday."
    result = attributed(nlp, text)
    assert result[0][:2] == ("direct", "We Will Win This County by Ten Points") and result[0][2] == "Lindqvist"
    text = "Lindqvist on Taxes: ‘Nobody Here Will Pay a Cent More’\n\nMara Lindqvist spoke to supporters in Des Moines on Monday."
    assert attributed(nlp, text)[0][2] == "Lindqvist"
    text = "Breaking News: ‘Nobody Here Will Pay a Cent More’\n\nMara Lindqvist spoke to supporters in Des Moines on Monday."
    assert attributed(nlp, text)[0][2] != "News"  # a title-case word the article never uses as a name speaks for nobody


def test_a_quote_mark_glued_to_the_speakers_name_is_split_off(nlp):
    text = "“The plan will not survive the winter,”Marta Kowalski said.\n\nThe minister replied:“We will see about that.”"
    assert [t.text for t in nlp.tokenizer("winter,”Marta")] == ["winter", ",", "”", "Marta"]
    found = attributed(nlp, text)
    assert [q[1:3] for q in found] == [("The plan will not survive the winter", "Marta Kowalski"), ("We will see about that.", "The minister")]


def test_a_participle_after_a_comma_or_opening_a_sentence_keeps_the_speaker(nlp):
    text = (
        "Singer Dora Vance announced the tour on her website on Monday, writing “We cannot wait to play for you again.”\n\n"
        "Later, the organiser Piet Hals said the venue was “almost sold out.” Adding, “Nobody expected this many people to come.”"
    )
    found = attributed(nlp, text)
    speakers = {q[1]: q[2] for q in found if q[0] == "direct"}
    assert speakers["We cannot wait to play for you again."] == "Dora Vance"
    assert speakers["Nobody expected this many people to come."] == "Piet Hals"


def test_a_phrase_holding_a_governed_fragment_is_reported_but_not_a_noun_phrase(nlp):
    text = (
        "The coach asked his players to show “more heart” in the second half.\n\n"
        "The mayor accused the council of running a “shameful campaign” against the library.\n\n"
        "The envoy expressed “cautious hope” about the talks. She described the offer as “a first step” toward peace."
    )
    reported = [q[1] for q in attributed(nlp, text) if q[0] == "indirect"]
    assert reported == ["to show “more heart” in the second half", "of running a “shameful campaign” against the library"]


def test_a_name_calling_clause_stops_before_a_second_verb(nlp):
    text = "Rosa Lind called the two councillors “reckless” and said the vote would be repeated."
    reported = [q[1] for q in attributed(nlp, text) if q[0] == "indirect"]
    assert reported == ["the two councillors “reckless”", "the vote would be repeated"]


def test_a_name_calling_clause_runs_through_a_list_of_quoted_names(nlp):
    text = "Ada Moss called the plan a “costly mistake,” a “gift to developers” and “doomed.”"
    reported = [q[1] for q in attributed(nlp, text) if q[0] == "indirect"]
    assert reported == ["the plan a “costly mistake,” a “gift to developers” and “doomed.”"]


def test_a_clause_whose_verb_was_tagged_as_a_noun_is_still_reported(nlp):
    text = "Mayor Lena Ortiz said the recent wave of floods and storms demands that every town build new defences."
    reported = [(q[1], q[3]) for q in attributed(nlp, text) if q[0] == "indirect"]
    assert ("the recent wave of floods and storms demands that every town build new defences", "Lena Ortiz") in reported


def test_a_participle_on_a_thing_speaks_for_the_subject_above_it(nlp):
    text = "Mayor Ana Lind spoke at a news conference announcing that the bridge would reopen in May."
    reported = [(q[1], q[3]) for q in attributed(nlp, text) if q[0] == "indirect"]
    assert reported == [("the bridge would reopen in May", "Ana Lind")]  # not "a news conference"


def test_a_quoted_verb_above_a_participle_still_gives_its_subject_outside_the_quote(nlp):
    text = "After saying the bridge was “far too old to repair,” Ana Lind was “ushered out” of the hall."
    speakers = {(q[0], q[1]): q[2] for q in attributed(nlp, text)}
    assert speakers[("partial", "far too old to repair")] == "Ana Lind"
    assert speakers[("indirect", "the bridge was “far too old to repair,”")] == "Ana Lind"


def test_a_name_ending_right_before_a_cue_whose_parse_went_wrong_is_the_speaker(nlp):
    # the parse the small model gave a real sentence of this shape: the title's first word taken
    # for a verb, the cue for a conjunct of the verb inside the quotation
    words = ["“", "We", "will", "find", "the", "boat", ",", "”", "Harbour", "police", "Chief", "Dana", "Holt", "said", "Monday", "."]
    spaces = [False, True, True, True, True, False, False, True, True, True, True, True, True, True, False, False]
    tags = ["``", "PRP", "MD", "VB", "DT", "NN", ",", "''", "VB", "NN", "NNP", "NNP", "NNP", "VBD", "NNP", "."]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    heads = [3, 3, 3, 3, 5, 3, 3, 3, 3, 10, 8, 12, 10, 3, 13, 3]
    deps = ["punct", "nsubj", "aux", "ROOT", "det", "dobj", "punct", "punct", "dep", "compound", "dobj", "compound", "appos", "conj", "npadvmod", "punct"]
    ents = ["O"] * 11 + ["B-PERSON", "I-PERSON", "O", "B-DATE", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, heads=heads, deps=deps, ents=ents)
    assert [(q["kind"], q["cue"], q["speaker_text"]) for q in quotes(doc)] == [("direct", "said", "Dana Holt")]


def test_a_quote_ending_in_an_inner_quotation_and_a_space_finds_its_cue(nlp):
    text = "\"I've never liked the phrase 'harbour renewal,' \" she told the council."
    assert [(q[0], q[2]) for q in attributed(nlp, text)] == [("direct", "she")]


def test_a_quote_without_a_cue_continues_the_reported_speech_before_it(nlp):
    text = "Mayor Ana Lind said the vote had been close. “We counted every ballot twice before we announced the result.”\n\nA new paragraph starts here."
    result = attributed(nlp, text)
    assert [(q[0], q[2]) for q in result] == [("indirect", "Ana Lind"), ("direct", "Ana Lind")]
    far = "Mayor Ana Lind said the vote had been close.\n\nThe count ran late.\n\n“We counted every ballot twice before we announced the result.”"
    assert [(q[0], q[2]) for q in attributed(nlp, far)] == [("indirect", "Ana Lind"), ("direct", None)]  # two paragraphs away: no one


def test_quoted_words_of_the_reporting_speaker_inside_reported_speech_are_one_statement(nlp):
    def partials(text):
        return [(q["text"], q["cue"], q["speaker_text"]) for q in quotes(nlp(text)) if q["kind"] == "partial"]

    # the fragment hangs from "offer" and "accept" inside the clause, and its speaker is Lind: one statement, said
    assert partials("Mayor Ana Lind said she would offer “a prayer” for the new council.") == [("a prayer", "said", "Ana Lind")]
    clause = "Ana Lind said the council had been willing to accept a study of the “harbour question” before the vote."
    assert partials(clause) == [("harbour question", "said", "Ana Lind")]
    # someone else's words inside the clause stay theirs
    assert partials("Mayor Ana Lind said the drivers had called the plan “a disgrace” on Monday.") == [("a disgrace", "called", "the drivers")]
    # outside reported speech a fragment keeps its own cue
    assert partials("Ana Lind will offer “a prayer” for the new council.")[0][1:] == ("offer", "Ana Lind")


def test_a_name_given_at_the_end_of_a_sentence_is_a_fragment_not_direct_speech(nlp):
    def kinds(text):
        return [(q["kind"], q["text"]) for q in quotes(nlp(text))]

    assert kinds("Mayor Ana Lind backs what she calls “real progress.”") == [("partial", "real progress.")]
    assert kinds("Mayor Ana Lind said “we will build it.”") == [("direct", "we will build it.")]  # a verb of saying: direct speech


def test_a_topic_keeps_its_phrase_hung_on_the_verb_but_not_a_date(nlp):
    text = "The union praised Ortega for his support on Friday.\n\nThe mayor criticized Lamb for her remarks about the budget."
    reported = [q[1] for q in attributed(nlp, text) if q[0] == "indirect"]
    assert reported == ["Ortega for his support", "Lamb for her remarks about the budget"]


def test_an_impersonal_it_reports_nobody(nlp):
    text = "It is alleged that the mayor hid the report.\n\nIt's worth noting that the bridge is old.\n\nIt's hard to describe how loud it was."
    assert attributed(nlp, text) == []
    assert attributed(nlp, "The ministry said it expected the bridge to reopen in May.")[0][2] == "The ministry"


def test_a_whole_sentence_quoted_after_said_comma_is_not_the_next_sentences(nlp):
    for cue in ("said,", "said:"):
        found = attributed(nlp, f"Mayor Anna Berg {cue} “We will win the vote.” Tom Smith told reporters that the count was close.")
        assert found[0][:3] == ("direct", "We will win the vote.", "Anna Berg")
        assert found[1][2] == "Tom Smith"
    found = attributed(nlp, "“We will win the vote,” Tom Smith told reporters.")  # a comma inside: the trailing cue
    assert found[0][2] == "Tom Smith"


def test_a_dash_the_parser_took_for_a_noun_is_never_a_subject(nlp):
    text = (
        "When Berg noted that Smith had paid nothing in taxes ― as was true for the years his returns were made public ― Smith boasted, “That makes me smart.”"
    )
    assert [q[2] for q in attributed(nlp, text) if q[0] == "direct"] == ["Smith"]


def test_a_reported_clause_ending_in_a_quoted_fragment_holds_the_whole_fragment(nlp):
    text = "Mayor Anna Berg told the council on Monday that the new budget “shows real ambition.”"
    [indirect] = [q for q in quotes(nlp(text)) if q["kind"] == "indirect"]
    [partial] = [q for q in quotes(nlp(text)) if q["kind"] == "partial"]
    assert indirect["text"].endswith("ambition.”") and indirect["start"] <= partial["start"] < partial["end"] <= indirect["end"]


def test_a_clause_with_words_of_its_own_around_a_fragment_is_reported_but_a_fragment_alone_is_not(nlp):
    found = attributed(nlp, "Berg said the plan was “a very expensive and badly designed mistake.”")
    assert [q[1].split(" “")[0] for q in found if q[0] == "indirect"] == ["the plan was"]  # most of it quoted, yet a statement
    found = attributed(nlp, "Berg said she’s “very happy with the result.”")
    assert [q[0] for q in found] == ["partial"]  # one word besides the fragment: the fragment is the statement
    found = attributed(nlp, "Berg told the council that waterboarding is “peanuts,” compared to what the militants do.")
    assert [q[0] for q in found] == ["indirect", "partial"]  # two words of its own: a statement


def test_a_speech_verb_in_an_as_clause_attributes_the_statement_after_it(nlp):
    found = attributed(nlp, "As the Harbour Times noted, the council raised its budget for the tram network by a third.")
    assert found == [("indirect", "the council raised its budget for the tram network by a third", "the Harbour Times", None)]


def test_an_accusation_is_reported_by_what_it_accuses_of(nlp):
    found = attributed(nlp, "The mayor accused the council of wasting money on the new tram depots.")
    assert [(q[0], q[1], q[2]) for q in found] == [("indirect", "wasting money on the new tram depots", "The mayor")]


def test_a_quoted_subject_alone_is_the_statement_but_quoted_words_elsewhere_keep_the_clause(nlp):
    found = attributed(nlp, "Berg said that the town’s “only plan for the river” was a “hopeless” attempt to stop the floods.")
    assert any(q[0] == "indirect" and q[1].startswith("the town’s “only plan") for q in found)  # two fragments: a statement
    found = attributed(nlp, "Lind said the report “wrongly and unfairly” claims that the harbour is unsafe for ferries.")
    assert any(q[0] == "indirect" and q[1].startswith("the report “wrongly") for q in found)  # the fragment only modifies
    found = attributed(nlp, "The ministry insists that its “red lines” must be respected by everyone.")
    assert [q[0] for q in found] == ["partial"]  # the quoted words are the subject noun: the fragment is the statement


def test_a_closing_mark_typed_at_a_words_start_opens_the_quote(nlp):
    text = "Readers wrote in.\n\n”The tram is late every day. Fix it.” ― Maria Gonzalez\n“It works for me.” ― Piet Berg"
    assert [text[s:e] for q in quote_spans(text) for s, e in q] == ["The tram is late every day. Fix it.", "It works for me."]
    assert [q[2] for q in attributed(nlp, text)] == ["Maria Gonzalez", "Piet Berg"]
    text = "He said “one” and then ” two” was a typo."  # after an open quote it still closes nothing new
    assert [text[s:e] for q in quote_spans(text) for s, e in q] == ["one"]


def test_an_entity_never_starts_with_the_dash_before_it(nlp):
    text = "Readers wrote in.\n“I’m so tired of the tram works. When will it end?”\xa0― Ana Ruiz\xa0\n“It works.” ― Piet Berg"
    doc = nlp(text)
    assert all(not ent[0].is_punct and not ent[-1].is_punct for ent in doc.ents)  # the model tags "― Ana" here
    assert [q[2][0] for q in attributed(nlp, text)] == ["A", "P"]  # each quote's speaker is a name, not a dash


def test_a_quotation_after_that_comma_is_part_of_the_reported_clause(nlp):
    found = attributed(nlp, "Lind said that, “Of course the council will defend itself” against what she sees as a campaign.")
    kinds = {q[0]: q for q in found}
    assert kinds["partial"][1] == "Of course the council will defend itself"
    assert kinds["indirect"][1] == "“Of course the council will defend itself” against what she sees as a campaign"


def test_a_reported_clause_keeps_the_marks_of_a_fragment_at_its_edges(nlp):
    found = attributed(nlp, "Retired Gen. Ana Ruiz said Piet Berg was “absolutely right” when he said the navy was far too small.")
    assert "Piet Berg was “absolutely right”" in [q[1] for q in found if q[0] == "indirect"]
    found = attributed(nlp, "Lind said that, “Of course the council will defend itself” against a campaign.")
    assert all(q[1].count("“") == q[1].count("”") for q in found)


def test_a_speaker_description_never_ends_in_a_conjunction(nlp):
    text = "On the radio, the former secretary of state and current Democratic presidential nominee said she wanted to talk."
    assert not attributed(nlp, text)[0][2].endswith(" and")


def hand_parsed(words, spaces, heads, deps, tags, pos, lemmas, ents) -> Doc:
    """A Doc with a parse written by hand: the wrong parse a rule must survive, which the small
    model gives only sometimes on invented names."""
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, ents=ents)


def test_a_participle_right_after_a_persons_name_is_that_persons_speech():
    """ "The ad uses footage of Ana Lind asking, “...”" parsed with "asking" on "uses": not the ad's words."""
    words = ["The", "ad", "uses", "footage", "of", "Ana", "Lind", "asking", ",", "“", "Why", "are", "we", "behind", "?", "”"]
    heads = [1, 2, 2, 2, 3, 6, 4, 2, 7, 11, 11, 7, 11, 11, 11, 11]
    deps = ["det", "nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "xcomp", "punct", "punct", "advmod", "ccomp", "nsubj", "advmod", "punct", "punct"]
    tags = ["DT", "NN", "VBZ", "NN", "IN", "NNP", "NNP", "VBG", ",", "``", "WRB", "VBP", "PRP", "RB", ".", "''"]
    pos = ["DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT", "PUNCT", "SCONJ", "AUX", "PRON", "ADV", "PUNCT", "PUNCT"]
    lemmas = ["the", "ad", "use", "footage", "of", "Ana", "Lind", "ask", ",", "“", "why", "be", "we", "behind", "?", "”"]
    ents = ["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", *["O"] * 9]
    spaces = [True, True, True, True, True, True, True, False, True, False, True, True, True, False, False, False]
    doc = hand_parsed(words, spaces, heads, deps, tags, pos, lemmas, ents)
    assert [(q["kind"], q["speaker_text"]) for q in quotes(doc)] == [("direct", "Ana Lind")]


def test_a_speech_verb_in_a_clause_after_an_introduced_quote_is_not_its_cue(nlp):
    text = "The spot ends with footage of Piet Berg saying last week, “The plan is fine,” when Ana Ruiz blasted him for it."
    assert attributed(nlp, text)[0][2] == "Piet Berg"


def test_an_agreement_reports_what_was_agreed_unless_it_failed(nlp):
    found = attributed(nlp, "The harbour company agreed to pay for the new tram depot.")
    assert [(q[0], q[1]) for q in found] == [("indirect", "to pay for the new tram depot")]
    assert attributed(nlp, "The two sides failed to agree to halt the works on the tram depot.") == []


def test_a_concession_holding_a_second_speech_act_is_not_part_of_the_first(nlp):
    text = "He claimed that closing the old depot was wise, although he again refused to publish the council's figures."
    reported = [q[1] for q in attributed(nlp, text) if q[0] == "indirect"]
    assert "closing the old depot was wise" in reported


def test_a_paragraph_after_a_line_ending_in_a_speech_verb_and_a_colon_is_a_block_quote(nlp):
    text = (
        "Mayor Ana Cruz spoke on the radio.\n\nThe mayor added:\n\n"
        "It is typical of the council. They said “we will build it” and nothing more. As you pointed out, nobody asked us.\n\n"
        "The council did not respond."
    )
    found = attributed(nlp, text)
    assert [(q[0], q[2], q[3]) for q in found] == [("direct", "The mayor", "Ana Cruz")]
    assert found[0][1].startswith("It is typical") and found[0][1].endswith("nobody asked us.")  # one quote, nested marks inside
    text = "Lind listed her demands:\n\nMore trams, more buses and fewer cars in the town centre."
    assert attributed(nlp, text) == []  # no speech verb before the colon


def test_a_verb_the_parse_hung_on_a_pronouns_clause_speaks_for_the_noun_before_it(nlp):
    found = attributed(nlp, "That's a small part of the minimum $30 million engineers say it costs to build a bridge.")
    assert found[0][2].endswith("engineers")


def test_a_finite_conjunct_of_a_modal_verb_belongs_to_the_clause_above(nlp):
    text = (
        "Prime Minister Ana Lind said this week that the country would formally declare its intention to leave the union"
        " by March and suggested that it would withdraw from the single market."
    )
    speakers = {q[1]: q[2] for q in attributed(nlp, text)}
    assert speakers["it would withdraw from the single market"] == "Ana Lind"


def test_a_quoted_fragment_whose_verb_lost_its_subject_takes_the_person_just_before():
    """ "When rioters riot, Ana Lind and Piet Berg call them “lone wolves”" as the small model sometimes
    parses it: the names hung on the clause before the comma, so "call" has no subject."""
    words = ["When", "rioters", "riot", ",", "Ana", "Lind", "and", "Piet", "Berg", "call", "them", "“", "lone", "wolves", "”", "."]
    heads = [2, 2, 9, 9, 5, 1, 5, 8, 5, 9, 9, 13, 13, 9, 9, 9]
    deps = ["advmod", "nsubj", "advcl", "punct", "compound", "conj", "cc", "compound", "conj", "ROOT", "dobj", "punct", "amod", "oprd", "punct", "punct"]
    tags = ["WRB", "NNS", "VBP", ",", "NNP", "NNP", "CC", "NNP", "NNP", "VBP", "PRP", "``", "JJ", "NNS", "''", "."]
    pos = ["SCONJ", "NOUN", "VERB", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PRON", "PUNCT", "ADJ", "NOUN", "PUNCT", "PUNCT"]
    lemmas = ["when", "rioter", "riot", ",", "Ana", "Lind", "and", "Piet", "Berg", "call", "they", "“", "lone", "wolf", "”", "."]
    ents = ["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"]
    spaces = [True, True, False, True, True, True, True, True, True, True, True, False, True, False, False, False]
    doc = hand_parsed(words, spaces, heads, deps, tags, pos, lemmas, ents)
    found = [(q["kind"], q["text"], q["speaker_text"]) for q in quotes(doc)]
    assert ("partial", "lone wolves", "Piet Berg") in found


def test_the_search_for_speech_cues_skips_only_tokens_that_cannot_be_cues(nlp):
    from toolkit.quotes.grammar import is_speech_verb, possible_cues
    from toolkit.quotes.reported import CUE_FORMS

    doc = nlp(
        "Ana Lind, the harbour master, said on Monday that the ferries would run late. According to the Harbour Herald, "
        "the council announced new fares. The state attorney's call was brief; the mayor insisted it was fair, and warned of delays."
    )
    positions = set(possible_cues(doc, CUE_FORMS))
    cues = {t.i for t in doc if is_speech_verb(t) or t.lower_ == "according"}
    assert cues and cues <= positions  # every cue is looked at
    assert {t.i for t in doc if t.text in ("said", "announced", "insisted", "warned", "According")} <= positions
    assert len(positions) < len(doc) / 3  # and most tokens are not
    assert possible_cues(nlp(""), CUE_FORMS) == []
