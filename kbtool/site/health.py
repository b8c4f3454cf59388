"""The knowledge-health page, made at build time: counts, reviews by owner, links, searches that found nothing, a chart."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kbtool.site.catalogue import Catalogue, SiteDocument
from kbtool.site.chart import Series, stacked_bars
from kbtool.site.markup import link, text
from kbtool.site.urls import relative_url

HEALTH = "health.md"
STATES = ("fresh", "due-soon", "changed", "overdue", "unknown")
STATE_LABELS = {"fresh": "Fresh", "due-soon": "Due soon", "changed": "Changed since review", "overdue": "Overdue", "unknown": "Unknown"}
COLOURS = {"fresh": "#2e7d32", "due-soon": "#b26a00", "changed": "#6a1b9a", "overdue": "#c62828", "unknown": "#546e7a"}
TOP_LINKED = 10


@dataclass(frozen=True)
class Reviewed:
    """One published document's review facts, as the health page lists them."""

    source: SiteDocument
    owner_id: str
    owner: str  # name and team
    name: str  # the owner's name alone (chart labels)
    state: str  # one of STATES
    due: str  # YYYY-MM-DD or ""
    days: int  # days overdue (positive) or until due (negative)


@dataclass(frozen=True)
class SearchGap:
    query: str
    searches: int


@dataclass(frozen=True)
class Flagged:
    """A published document agents flagged since its last edit (`kbtool feedback`)."""

    id: str
    owner: str
    flags: int
    latest: str  # the newest flag's message
    when: str  # its day, YYYY-MM-DD


def health_page(
    catalogue: Catalogue,
    status_counts: Counter[tuple[str, str]],
    reviews: list[Reviewed],
    incoming: Counter[str],
    gaps: list[SearchGap] | None,
    flagged: list[Flagged],
) -> str:
    """`gaps`: the most frequent zero-result searches, or None when the search log is off; `flagged`: open flags."""
    day = catalogue.options.day.isoformat()
    parts = ['---\ntitle: "Knowledge health"\nsearch:\n  exclude: true\n---\n', f"Built on {day}: the state of the knowledge base as agents see it.\n"]
    parts.append("## Documents by type and status\n\n" + _status_table(status_counts))
    parts.append("## Reviews by owner\n\n" + _chart(reviews) + "\n\n" + _owner_table(reviews))
    parts.append("## Overdue and due soon\n\n" + _attention(reviews))
    parts.append("## Flagged by agents\n\nProblems agents flagged since the document last changed (`kbtool feedback` lists every flag).\n\n" + _flagged(catalogue, flagged))
    parts.append("## Most linked\n\nDocuments other pages link to most (`[[ID]]` references and `related`).\n\n" + _linked(catalogue, incoming))
    parts.append("## Orphans\n\nPublished documents no other page links to: agents only reach them by search.\n\n" + _orphans(catalogue, incoming))
    parts.append("## Searches that found nothing\n\n" + _gaps(gaps))
    return "\n".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def _status_table(counts: Counter[tuple[str, str]]) -> str:
    statuses = ("published", "draft", "archived")
    rows = []
    for doc_type, label in (("article", "Articles"), ("sop", "SOPs")):
        cells = [counts.get((doc_type, status), 0) for status in statuses]
        rows.append([label, *(str(cell) for cell in cells), str(sum(cells))])
    totals = [sum(counts.get((t, s), 0) for t in ("article", "sop")) for s in statuses]
    rows.append(["<strong>All</strong>", *(f"<strong>{cell}</strong>" for cell in totals), f"<strong>{sum(totals)}</strong>"])
    return _table(["Type", "Published", "Draft", "Archived", "All"], rows)


def _by_owner(reviews: list[Reviewed]) -> dict[str, list[Reviewed]]:
    groups: dict[str, list[Reviewed]] = {}
    for review in sorted(reviews, key=lambda r: (r.owner, r.source.id)):
        groups.setdefault(review.owner, []).append(review)
    return groups


def _chart(reviews: list[Reviewed]) -> str:
    rows = [(items[0].name, [sum(1 for r in items if r.state == state) for state in STATES]) for items in _by_owner(reviews).values()]
    series = [Series(STATE_LABELS[state], COLOURS[state]) for state in STATES]
    svg = stacked_bars("Published documents by owner and review state", rows, series)
    return f'<figure class="kb-figure">\n{svg}\n<figcaption>Published documents by owner and review state.</figcaption>\n</figure>'


def _owner_table(reviews: list[Reviewed]) -> str:
    rows = []
    for owner, items in _by_owner(reviews).items():
        rows.append([text(owner), *(str(sum(1 for r in items if r.state == state)) for state in STATES), str(len(items))])
    return _table(["Owner", *(STATE_LABELS[state] for state in STATES), "All"], rows)


def _attention(reviews: list[Reviewed]) -> str:
    wanted = [r for r in reviews if r.state in ("overdue", "changed", "due-soon", "unknown")]
    if not wanted:
        return "Nothing is overdue or due soon.\n"
    order = {"overdue": 0, "changed": 1, "unknown": 2, "due-soon": 3}
    rows = []
    for review in sorted(wanted, key=lambda r: (r.owner, order[r.state], -r.days, r.source.id)):
        document = review.source.document
        when = f"{review.days} day(s) overdue" if review.state == "overdue" else (f"due in {-review.days} day(s)" if review.due and review.days <= 0 else "")
        page = link(relative_url(HEALTH, review.source.site_path), document.title or document.id)
        rows.append([text(review.owner), f"<code>{text(document.id)}</code> {page}", text(STATE_LABELS[review.state]), text(review.due or "unknown"), text(when)])
    return f'<div class="kb-attention">\n{_table(["Owner", "Document", "State", "Review due", ""], rows)}</div>\n'


def _linked(catalogue: Catalogue, incoming: Counter[str]) -> str:
    top = [(doc_id, count) for doc_id, count in incoming.most_common() if count and doc_id in catalogue.documents][:TOP_LINKED]
    if not top:
        return "No document links to another yet.\n"
    rows = []
    for doc_id, count in top:
        source = catalogue.documents[doc_id]
        rows.append([f"<code>{text(doc_id)}</code> {link(relative_url(HEALTH, source.site_path), source.document.title or doc_id)}", str(count)])
    return _table(["Document", "Linked from"], rows)


def _orphans(catalogue: Catalogue, incoming: Counter[str]) -> str:
    orphans = [source for doc_id, source in sorted(catalogue.documents.items()) if not incoming.get(doc_id) and not source.draft]
    if not orphans:
        return "None: every published document is linked from another.\n"
    items = "\n".join(f"<li><code>{text(s.id)}</code> {link(relative_url(HEALTH, s.site_path), s.document.title or s.id)}</li>" for s in orphans)
    return f"<p>{len(orphans)} of {len(catalogue.documents)}.</p>\n<ul class=\"kb-orphans\">\n{items}\n</ul>\n"


def _flagged(catalogue: Catalogue, flagged: list[Flagged]) -> str:
    rows = [
        [f"<code>{text(item.id)}</code> {link(relative_url(HEALTH, source.site_path), source.document.title or item.id)}", text(item.owner), str(item.flags), f"{text(item.when)}: {text(item.latest)}"]
        for item in flagged
        if (source := catalogue.documents.get(item.id)) is not None
    ]
    if not rows:
        return "No open flags.\n"
    return _table(["Document", "Owner", "Open flags", "Latest"], rows)


def _gaps(gaps: list[SearchGap] | None) -> str:
    if gaps is None:
        return "The search log is off (`search: {log: true}` in kbtool.yml turns it on; see the configuration docs), so no searches are listed.\n"
    if not gaps:
        return "No logged search found nothing.\n"
    return _table(["Search", "Times searched"], [[text(gap.query), str(gap.searches)] for gap in gaps])
