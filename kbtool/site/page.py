"""One document's page: its title, a facts header, banners, the body with references linked, related documents, change log.

The page is Markdown for MkDocs to render. Everything kbtool adds is raw HTML
built from escaped values; the author's body is kept as Markdown (the safety
checks in the catalogue have already left out anything unsafe).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from kbtool.site.catalogue import Catalogue, SiteDocument
from kbtool.site.markup import link, markdown_text, text
from kbtool.site.references import rewrite_references
from kbtool.site.urls import markdown_link, page_url, relative_url
from kbtool.view import DocumentView

KIND_LABELS = {"troubleshooting": "Troubleshooting article", "howto": "How-to article", "guide": "Guide", "sop": "Standard operating procedure"}
AUDIENCE_LABELS = {"agent": "Service desk agents", "customer": "Customers and staff"}


@dataclass(frozen=True)
class Banner:
    level: str  # an admonition type: danger, warning, info
    title: str
    message: str

    def html(self) -> str:
        return (
            f'<div class="admonition {self.level} kb-banner" role="note" data-pagefind-ignore data-search-exclude>\n'
            f'<p class="admonition-title">{text(self.title)}</p>\n<p>{text(self.message)}</p>\n</div>'
        )


@dataclass(frozen=True)
class DocumentPage:
    site_path: str
    content: str  # Markdown with front matter: the author's body, related documents, change log
    header: str  # HTML put before the rendered body: title, banners, facts, hidden search words
    problems: list[str]
    links_to: list[str]  # ids this page links to
    banners: list[Banner]


def tag_path(tag: str) -> str:
    return f"tags/{tag}.md"


def id_url(doc_id: str) -> str:
    """The stable address of a document: /KB-0007/ redirects to its page."""
    return f"{quote(doc_id)}/"


def document_page(source: SiteDocument, view: DocumentView, catalogue: Catalogue, banners: list[Banner], search_terms: tuple[str, str] = ("", "")) -> DocumentPage:
    """The page's Markdown and the HTML header kbtool puts above it once rendered.

    The header is added after Markdown has run (`SitePlan.finish_page`): raw HTML
    inside Markdown goes through Python's HTML parser, a third of the
    Markdown time of a page.
    """
    document = source.document
    rewritten = rewrite_references(source, catalogue)
    meta = document.meta
    title = document.title or document.id
    front = {"title": text(title), "description": text(meta.get("summary") or "")}
    header = [f'<h1 id="{text(document.id.lower())}">{text(title)}</h1>', *(banner.html() for banner in banners), _facts(source, view, catalogue)]
    # Words a caller or agent uses that the text may not: its keywords and the synonyms of its words.
    # Material's lunr indexes the page, so they go into it, hidden; Pagefind indexes its own copy of
    # the document (`searchindex.search_source`), which carries them weighted.
    if catalogue.options.search == "lunr":
        header.extend(f'<div class="kb-terms" hidden>{text(terms)}</div>' for terms in search_terms if terms)
    parts = [
        "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items()) + "---\n",
        rewritten.body.strip("\n") + "\n",
        _related(source, view, catalogue),
    ]
    if document.doc_type == "sop":
        parts.append(_changelog(meta.get("changelog")))
    problems = rewritten.problems + _related_without_page(source, view, catalogue)
    return DocumentPage(source.site_path, "\n".join(part for part in parts if part), "\n".join(header) + "\n", problems, rewritten.targets + _related_ids(view, catalogue), banners)


def _facts(source: SiteDocument, view: DocumentView, catalogue: Catalogue) -> str:
    document = source.document
    meta = document.meta
    options = catalogue.options
    here = source.site_path
    directory_urls = options.use_directory_urls
    kind = "sop" if document.doc_type == "sop" else str(meta.get("kind") or "")
    rows = [("Id", f'<code>{text(document.id)}</code> · {link(_between(here, id_url(document.id), directory_urls), "permanent link")}')]
    rows.append(("Type", text(KIND_LABELS.get(kind, kind or document.doc_type))))
    if options.customer:
        rows.append(("Maintained by", text(view.owner_team or view.owner_name)))
    else:
        owner = text(view.owner_name) + (f", {text(view.owner_team)}" if view.owner_team else "")
        rows.append(("Owner", owner))
    audience = str(meta.get("audience") or "")
    rows.append(("Audience", text(AUDIENCE_LABELS.get(audience, audience))))
    if document.doc_type == "sop" and meta.get("version"):
        rows.append(("Version", text(meta.get("version"))))
    review = view.review
    rows.append(("Last reviewed", text(review.reviewed.isoformat() if review.reviewed else "unknown")))
    due = review.due.isoformat() if review.due else "unknown"
    rows.append(("Next review", f'<span class="kb-review kb-review-{text(review.state)}">{text(due)}</span>'))
    tags = [tag for tag in meta.get("tags") or () if isinstance(tag, str)]
    if tags:
        rows.append(("Tags", " ".join(link(relative_url(here, tag_path(tag), directory_urls), tag, "kb-tag") for tag in tags)))
    listing = "\n".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    actions = _actions(source, view, catalogue)
    # Neither search indexes the facts (Pagefind: data-pagefind-ignore, Material's lunr: data-search-exclude).
    return f'<div class="kb-facts" data-pagefind-ignore data-search-exclude>\n<dl>\n{listing}\n</dl>\n{actions}</div>\n'


def _actions(source: SiteDocument, view: DocumentView, catalogue: Catalogue) -> str:
    """"Suggest a change" (the edit page in the repository) and "flag a problem" (a configured address); none on a customer site."""
    if catalogue.options.customer:
        return ""
    found = []
    if view.edit_url:
        found.append(link(view.edit_url, "Suggest a change", "kb-edit"))
    template = catalogue.options.flag_url_template
    if template:
        document = source.document
        address = (
            template.replace("{id}", quote(document.id, safe=""))
            .replace("{title}", quote(document.title, safe=""))
            .replace("{path}", quote(document.path, safe="/"))
        )
        found.append(link(address, "Flag a problem", "kb-flag"))
    return f'<p class="kb-actions">{" · ".join(found)}</p>\n' if found else ""


def _between(from_site_path: str, to_url: str, directory_urls: bool) -> str:
    from kbtool.site.urls import between

    return between(page_url(from_site_path, directory_urls), to_url)


def _related_ids(view: DocumentView, catalogue: Catalogue) -> list[str]:
    return [target.id for ref in view.related if (target := catalogue.get(ref)) is not None]


def _related_without_page(source: SiteDocument, view: DocumentView, catalogue: Catalogue) -> list[str]:
    """A `related` entry with no page is reported as a body reference is, so `--strict` fails (agent-only ones on a customer site are expected)."""
    line = source.document.line_of("related")
    return [
        f"{source.document.path}:{line}: `related` entry {ref} has no page: {why}"
        for ref in view.related
        if (why := catalogue.missing_page(ref)) is not None
    ]


def _related(source: SiteDocument, view: DocumentView, catalogue: Catalogue) -> str:
    items = []
    for ref in view.related:
        target = catalogue.get(ref)
        if target is not None:
            items.append(f"- [{markdown_text(target.document.title)}]({markdown_link(source.site_path, target.site_path)}) ({markdown_text(target.id)})")
    return "## Related\n\n" + "\n".join(items) + "\n" if items else ""


def _changelog(entries: object) -> str:
    if not isinstance(entries, list) or not entries:
        return ""
    rows = [
        "| " + " | ".join(markdown_text(entry.get(key, "")) for key in ("version", "date", "summary")) + " |"
        for entry in entries
        if isinstance(entry, dict)
    ]
    return "## Change log\n\n| Version | Date | What changed |\n|---|---|---|\n" + "\n".join(rows) + "\n"
