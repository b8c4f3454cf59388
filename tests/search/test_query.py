"""Query planning: phrases, codes, question words, synonyms, corrections as a new plan."""
from __future__ import annotations

from kbtool.search.query import Concept, build, corrected, plan
from kbtool.search.synonyms import parse_groups

SYNONYMS = parse_groups([["pw", "password"], ["mfa", "multi factor authentication"]], "test")


def test_plan_splits_phrases_codes_and_words() -> None:
    result = plan('how do I fix "access denied" 0x80070005 pw', SYNONYMS)
    assert result.phrases == [("access", "denied")] and result.codes == ["0x80070005"]
    assert [c.surface for c in result.concepts] == [("fix",), ("pw",)]
    assert result.concepts[1].alternatives == (("password",),)


def test_question_words_are_kept_when_nothing_else_is_left() -> None:
    assert [c.surface for c in plan("how do i", SYNONYMS).concepts] == [("how",), ("do",), ("i",)]


def test_unbalanced_quotes_are_just_text() -> None:
    result = plan('"vpn keeps', SYNONYMS)
    assert result.phrases == [] and [c.surface for c in result.concepts] == [("vpn",)]


def test_corrected_returns_a_new_plan_and_leaves_the_original() -> None:
    original = plan("pasword reset", SYNONYMS)
    fixed = corrected(original, is_known=lambda word: word != "pasword", suggest=lambda word: "password", synonyms=SYNONYMS)
    assert original.concepts[0] == Concept(("pasword",))
    assert fixed.concepts[0].correction == "password" and fixed.concepts[0].alternatives == (("pw",),)
    assert fixed.corrected_text() == "password reset"


def test_nothing_searchable_builds_no_query() -> None:
    assert build(plan("the a of", SYNONYMS)) is None
