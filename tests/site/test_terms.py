from __future__ import annotations

from kbtool.core.documents import parse_text
from kbtool.search.synonyms import parse_groups
from kbtool.site.terms import TermFinder

DOCUMENT = """---
id: KB-0001
title: Reset a forgotten password
summary: Self-service reset.
keywords: [sspr, forgot pw]
---

Open the multi-factor authentication prompt, then the password page.
""".split("\n")


def test_keywords_and_the_synonyms_of_its_words() -> None:
    document, _ = parse_text("kb/kb-0001.md", "article", DOCUMENT)
    finder = TermFinder(parse_groups([["pw", "password", "passcode"], ["mfa", "multi-factor authentication"], ["printer", "mfp"]], "test"))
    keywords, synonyms = finder.terms(document)
    assert keywords == "sspr forgot pw"
    assert synonyms.split() == ["passcode", "mfa"]  # "pw" is already there (a keyword); the printer group is unrelated
