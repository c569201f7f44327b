"""Polarity and modality: what a sentence says of an act (done, negated, to come, or not real), and what
the event coder makes of it. Sentences written for these tests."""

from datetime import date

import pytest

from dashboard.ingest.fields import make_article
from dashboard.nlp.modality import Status, assess
from dashboard.nlp.parse import parse
from dashboard.nlp.tree import Sentence


def status_of(text: str, verb: str) -> Status:
    (doc,) = parse([text])
    with Sentence(doc, text) as sentence:
        (word,) = [w for w in sentence if w.text == verb]
        return assess(word)


@pytest.mark.parametrize(
    "text, verb, expected",
    [
        ("Russian troops attacked the border post on Monday.", "attacked", Status.DONE),
        ("Russian troops did not attack the border post.", "attack", Status.NEGATED),
        # no one did it: not a refusal by anyone either
        ("Nobody attacked the embassy in Lima.", "attacked", Status.UNREAL),
        ("No troops were deployed to the border.", "deployed", Status.UNREAL),
        ("Neither Chile nor Peru has signed the treaty.", "signed", Status.NEGATED),
        ("She has never held an office where she was accused of fraud.", "accused", Status.UNREAL),
        # denial, refusal, failure: the embedded act is not real
        ("Russia denied that its troops had entered Georgia.", "entered", Status.UNREAL),
        ("The rebels refused to release the hostages.", "release", Status.UNREAL),
        ("The talks failed to produce a ceasefire.", "produce", Status.UNREAL),
        ("The government has yet to sign the treaty.", "sign", Status.UNREAL),
        # possibility, condition, question
        ("Officials said the militia could have attacked the convoy.", "attacked", Status.UNREAL),
        ("If the talks collapse, Ethiopia will close the border.", "collapse", Status.UNREAL),
        ("Did Serbia recall its ambassador?", "recall", Status.UNREAL),
        # purposes, aims, claims and plans are not deeds
        ("Kenya deployed police officers to fight gangs in Haiti.", "fight", Status.UNREAL),
        ("Its main purpose was supporting the Malian army.", "supporting", Status.UNREAL),
        ("Prosecutors examined claims the minister bribed officials.", "bribed", Status.UNREAL),
        ("They debated the decision of sending troops abroad.", "sending", Status.UNREAL),
        ("Algeria stormed the compound without firing a shot.", "firing", Status.UNREAL),
        # acts to come
        ("Chile will send aid to Bolivia.", "send", Status.FUTURE),
        ("Peru said it would recognise the new government.", "recognise", Status.FUTURE),  # reported will
        ("The envoy is expected to visit Kabul next week.", "visit", Status.INTENDED),
        # verbs that carry the act: the act is done
        ("Parliament voted to lift the sanctions.", "lift", Status.DONE),
        ("The army began to withdraw from the town.", "withdraw", Status.DONE),
    ],
)
def test_modality_of_an_act(text, verb, expected):
    assert status_of(text, verb) is expected


@pytest.fixture(scope="module")
def pipeline():
    from dashboard.pipeline import Pipeline

    return Pipeline()


def events(pipeline, text, published="2023-05-10"):
    extraction = pipeline(make_article(text, published=published))
    actors = {a.id: a for a in extraction.actors}
    return extraction.events, actors


@pytest.mark.parametrize(
    "text",
    [
        "Russia denied that its troops had entered Georgia.",
        "Officials said Iranian drones could strike Israeli ships.",
        "If Serbia attacks Kosovo, NATO will respond.",
        "Did Turkey shell Kurdish positions in Syria?",
        "Pakistan has yet to sign the agreement with India.",
        "Kenya deployed police officers to Haiti to help fight gangs.",
    ],
)
def test_acts_that_did_not_happen_are_never_coded_as_the_act(pipeline, text):
    found, _ = events(pipeline, text)
    hostile = {"ASSAULT", "COERCE"}
    assert not [e for e in found if e.type in hostile and e.confidence >= 0.6], found
    if "help fight" in text:  # the deployment is the act, not an attack on Haiti
        assert not [e for e in found if e.type == "ASSAULT"]
        assert [e for e in found if e.type == "MOBILIZE"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The rebels refused to release the hostages held in Gao.", "REJECT"),  # a refusal is REJECT
        ("Serbia will not recognise Kosovo's independence, the president said.", "REJECT"),
        ("North Korea threatened to strike South Korea.", "THREATEN"),  # a threat is THREATEN
        ("Iran warned it would retaliate against Israel.", "THREATEN"),
        ("Chile pledged to send aid to Bolivia.", "AGREE"),  # a promise is AGREE
        ("Egypt will host talks between Israel and Hamas.", "AGREE"),  # a future meeting too
    ],
)
def test_refusals_threats_and_promises_are_plover_types(pipeline, text, expected):
    found, _ = events(pipeline, text)
    assert found and found[0].type == expected, found


def test_an_act_that_never_happened_is_no_refusal(pipeline):
    found, _ = events(pipeline, "Morocco and Israel never established full diplomatic relations.")
    assert not [e for e in found if e.type == "REJECT"]


def test_dates_come_from_the_verb_s_own_expression_and_keep_their_precision(pipeline):
    found, _ = events(pipeline, "Bolivia expelled the Chilean ambassador in 2009.", published="2023-05-10")
    assert (found[0].date, found[0].date_precision) == (date(2009, 1, 1), "year")
    # a year elsewhere in the sentence is background, not the date of a present act
    text = "Bolivia, which broke with Chile in 1978, expelled the Chilean ambassador on Tuesday."
    found, _ = events(pipeline, text)
    expelled = [e for e in found if e.type == "SANCTION"]
    assert expelled and (expelled[0].date, expelled[0].date_precision) == (date(2023, 5, 9), "day")
    # "the 2018 World Cup" names a thing, not the act's time (and sport is no event anyway)
    found, _ = events(pipeline, "Bolivia recalled its ambassador over the 2018 agreement.")
    assert found and found[0].date_precision == "article"


def test_an_act_placed_before_the_story_has_no_date_when_the_text_gives_none(pipeline):
    found, _ = events(pipeline, "Bolivia had expelled the Chilean ambassador.")
    assert found and found[0].date is None and found[0].date_precision == ""


@pytest.mark.parametrize(
    "text, verb, expected",
    [
        ("The Kenyan president said that Ethiopia must withdraw its troops.", "withdraw", Status.DEMANDED),
        ("Germany insisted that Russia should release the activists.", "release", Status.DEMANDED),
        # not a demand of another: obliging oneself, a reproach, a guess, a condition
        ("Russia said it must defend its borders.", "defend", Status.UNREAL),
        ("Officials said the army should have acted sooner.", "acted", Status.UNREAL),
        ("Analysts said Iran must have known of the plot.", "known", Status.UNREAL),
        ("Kenya must withdraw its troops, analysts believe.", "withdraw", Status.UNREAL),
    ],
)
def test_an_obligation_in_reported_words_about_another_is_a_demand(text, verb, expected):
    assert status_of(text, verb) is expected


def test_a_demand_in_reported_words_is_the_speaker_s_request_of_the_other(pipeline):
    found, actors = events(pipeline, "The Kenyan president said that Ethiopia must withdraw its troops.")
    main = found[0]
    assert main.type == "REQUEST" and main.mode == "retreat"
    assert actors[main.source_actor].country == "KEN" and actors[main.target_actor].name == "Ethiopia"
    assert not [e for e in found if e.type in ("RETREAT", "CONCEDE")]  # the act itself is not done


@pytest.mark.parametrize(
    "text",
    [
        "The AA warned that there would be long delays on the M25.",
        "The World Food Programme warned that millions of Somalis face famine.",
    ],
)
def test_a_warning_of_what_no_actor_does_is_a_forecast_not_a_threat(pipeline, text):
    extraction = pipeline(make_article(text))
    assert "THREATEN" not in {e.type for e in extraction.events}


def test_a_warning_of_the_speaker_s_own_act_is_a_threat(pipeline):
    extraction = pipeline(make_article("North Korea warned that its army would strike first."))
    assert [e.type for e in extraction.events] == ["THREATEN"]
