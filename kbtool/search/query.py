"""Turning what an agent types into a Whoosh query.

Agents type fragments, typos, codes and questions, not query syntax, so
there is no query language to get wrong: quoted text is a phrase (when the
quotes balance), ids and error codes match exactly, every other character is
just text. Nothing a user types can raise a syntax error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from whoosh import query as q

from kbtool.core.model import ID_SPELLING, spelled_ids
from kbtool.search.analysis import codes_in, stem, words
from kbtool.search.synonyms import Synonyms

# Title, summary, keywords and tags are searched as fields of their own beside
# the body, so a word in the title already scores twice. Extra boosts on top
# lowered MRR@10 on the relevance set (title x1.5: 0.958 -> 0.933; x3: 0.892),
# as BM25 saturation predicts; see docs/search.md.
FIELD_WEIGHTS = {"about": 1.0, "body": 1.0}
CODE_WEIGHT = 4.0
SYNONYM_WEIGHT = 0.3
CORRECTION_WEIGHT = 0.9
# Words that shape a question but not its subject ("how do I ...").
QUESTION_WORDS = frozenset(
    "how do does did why what whats when where who which can cant could i im ive my me we our you your "
    "is are was were the a an to for of in on at with get getting got help need needs want please "
    "keeps keep still again anymore any wont dont doesnt didnt isnt cannot not".split()
)
_QUOTED = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class Concept:
    """One thing the agent typed (a word or synonym phrase) and what else it may be written as."""

    surface: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    correction: str | None = None


@dataclass(frozen=True)
class QueryPlan:
    text: str
    concepts: list[Concept] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # document ids typed in any spelling, canonical

    @property
    def meaningful(self) -> int:
        """How many things the query asks for: word concepts and phrases (codes and ids are exact)."""
        return len(self.concepts) + len(self.phrases)

    def highlight_forms(self) -> set[str]:
        forms: set[str] = set(self.codes)
        for concept in self.concepts:
            for phrase in (concept.surface, *concept.alternatives, *(((concept.correction,),) if concept.correction else ())):
                for word in phrase:
                    forms.add(word)
                    stemmed = stem(word)
                    if stemmed and len(stemmed) >= 3:
                        forms.add(stemmed)
        for phrase in self.phrases:
            forms.update(phrase)
        return forms

    def corrected_text(self) -> str | None:
        """The query with each corrected word replaced, when any word was corrected."""
        replacements = {c.surface[0]: c.correction for c in self.concepts if c.correction}
        if not replacements:
            return None
        return " ".join(replacements.get(word, word) for word in words(self.text))


def plan(text: str, synonyms: Synonyms, is_id: Callable[[str], bool] = lambda doc_id: False) -> QueryPlan:
    """Split the input into ids, phrases, codes and word concepts (synonyms attached).

    An id typed in any common spelling (`KB-0007`, `kb7`, `sop 3`) that
    `is_id` knows is taken out of the words: it pins its document first, and
    as a code it still finds the documents that mention it.
    """
    typed = text
    ids: list[str] = []

    def take_id(match: re.Match[str]) -> str:
        canonical = next((doc_id for doc_id in spelled_ids(match.group(1), match.group(2)) if is_id(doc_id)), None)
        if canonical is None:
            return match.group(0)
        if canonical not in ids:
            ids.append(canonical)
        return " "

    text = ID_SPELLING.sub(take_id, text)
    phrases: list[tuple[str, ...]] = []
    if text.count('"') % 2 == 0:
        for phrase in _QUOTED.findall(text):
            tokens = tuple(words(phrase))
            if len(tokens) > 1:
                phrases.append(tokens)
        text = _QUOTED.sub(lambda m: " " if len(words(m.group(1))) > 1 else m.group(1), text)
    codes = [doc_id.lower() for doc_id in ids] + [code for code in codes_in(text) if code not in {doc_id.lower() for doc_id in ids}]
    code_words = {word for code in codes for word in words(code)}
    tokens = [word for word in words(text) if word not in code_words]
    meaningful = [word for word in tokens if word not in QUESTION_WORDS]
    tokens = meaningful or tokens
    concepts: list[Concept] = []
    position = 0
    while position < len(tokens):
        length, alternatives = synonyms.match(tokens, position)
        concepts.append(Concept(tuple(tokens[position : position + length]), alternatives))
        position += length
    return QueryPlan(typed, concepts, phrases, codes, ids)


def corrected(plan: QueryPlan, is_known: Callable[[str], bool], suggest: Callable[[str], str | None], synonyms: Synonyms) -> QueryPlan:
    """A new plan where each unknown single word also searches its correction and the correction's synonyms."""
    concepts = []
    for concept in plan.concepts:
        if len(concept.surface) == 1 and not concept.alternatives and not is_known(concept.surface[0]):
            correction = suggest(concept.surface[0])
            if correction:
                concept = replace(concept, correction=correction, alternatives=synonyms.match([correction], 0)[1])
        concepts.append(concept)
    return replace(plan, concepts=concepts)


def word_query(word: str, boost: float = 1.0) -> q.Query | None:
    stemmed = stem(word)
    if stemmed is None:
        return None
    parts: list[q.Query] = [q.Term(name, stemmed, boost=weight * boost) for name, weight in FIELD_WEIGHTS.items()]
    return q.Or(parts)


def phrase_query(phrase: tuple[str, ...], boost: float = 1.0) -> q.Query | None:
    kept = [word for word in phrase if stem(word)]  # stop words are not indexed
    if not kept:
        return None
    if len(kept) == 1:
        return word_query(kept[0], boost)
    stems = [stem(word) for word in kept]
    return q.Or([q.Phrase(name, stems, boost=weight * boost) for name, weight in FIELD_WEIGHTS.items()])


def alternative_query(phrase: tuple[str, ...]) -> q.Query | None:
    """A synonym: one word anywhere, or several words together in the title/summary/keywords.

    Multi-word synonyms are not phrase queries: requiring their words in the
    `about` field ranked as well on the relevance set as phrases in every
    field, and phrase matching is the slowest clause Whoosh scores.
    """
    if len(phrase) == 1:
        return word_query(phrase[0], SYNONYM_WEIGHT)
    stems = [s for s in (stem(word) for word in phrase) if s]
    if not stems:
        return None
    # A phrase stands for one word of the query: its words share the weight.
    return q.And([q.Term("about", s, boost=SYNONYM_WEIGHT / len(stems)) for s in stems])


def concept_query(concept: Concept) -> q.Query | None:
    parts = [phrase_query(concept.surface)]
    parts += [alternative_query(alternative) for alternative in concept.alternatives]
    if concept.correction:
        parts.append(word_query(concept.correction, CORRECTION_WEIGHT))
    usable = [part for part in parts if part is not None]
    if not usable:
        return None
    return usable[0] if len(usable) == 1 else q.Or(usable)


@dataclass(frozen=True)
class QueryParts:
    """A plan's clauses, kept apart so the searcher can tell which of them each document matched."""

    required: list[q.Query]  # quoted phrases: every one must match
    concepts: list[q.Query | None]  # one per concept (None: only stop words)
    codes: list[q.Query]


def parts(plan: QueryPlan) -> QueryParts:
    return QueryParts(
        required=[part for part in (phrase_query(phrase) for phrase in plan.phrases) if part is not None],
        concepts=[concept_query(concept) for concept in plan.concepts],
        codes=[q.Term("codes", code, boost=CODE_WEIGHT) for code in plan.codes],
    )


def build(plan: QueryPlan) -> q.Query | None:
    """The whole plan as one Whoosh query (what the searcher's clause-by-clause scores add up to)."""
    clauses = parts(plan)
    optional: list[Any] = [part for part in clauses.concepts if part is not None] + clauses.codes
    required = clauses.required
    if required:
        must = required[0] if len(required) == 1 else q.And(required)
        return q.AndMaybe(must, q.Or(optional)) if optional else must
    if not optional:
        return None
    return optional[0] if len(optional) == 1 else q.Or(optional)


def filters(
    doc_types: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    statuses: tuple[str, ...] = ("published",),
) -> q.Query | None:
    """Values of one option are alternatives; different options must all hold."""
    clauses = []
    for name, values in (("doc_type", doc_types), ("tags", tags), ("owner", owners), ("status", statuses)):
        if values:
            terms = [q.Term(name, value.lower() if name == "tags" else value) for value in values]
            clauses.append(terms[0] if len(terms) == 1 else q.Or(terms))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else q.And(clauses)
