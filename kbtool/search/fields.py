"""What the index holds: its schema, and how a document becomes index fields."""
from __future__ import annotations

from whoosh import fields

from kbtool.core.documents import Document
from kbtool.core.safety import redact
from kbtool.search.analysis import codes_in, spelling_words, text_analyzer

# The body is indexed twice: without positions for scoring (a posting block
# then decodes three to eight times faster) and with positions, unscored,
# only to check that the words of a phrase stand side by side.
POSITIONS_OF = {"body": "phrases", "about": "about"}
# Front-matter values kept with each hit, for result pages that show them without opening the file.
STORED_META = ("kind", "audience", "reviewed", "review_every", "version", "created")


def index_schema() -> fields.Schema:
    stemmed = text_analyzer()
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        id=fields.ID(stored=True),
        doc_type=fields.ID(stored=True),
        status=fields.ID(stored=True),
        owner=fields.ID(stored=True),
        title=fields.STORED(),
        summary=fields.STORED(),
        keywords=fields.STORED(),
        # What the document is about: title, summary, keywords and tags in one
        # field. Separate fields gave the same ranking (equal weights were
        # best) at two and a half times the matchers per query word.
        about=fields.TEXT(analyzer=stemmed),
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        body=fields.TEXT(analyzer=stemmed, stored=True, phrase=False),
        phrases=fields.TEXT(analyzer=stemmed),
        codes=fields.KEYWORD(lowercase=True, scorable=True),
        digest=fields.STORED(),
        meta=fields.STORED(),
    )


def _strings(value: object) -> list[str]:
    return [str(item) for item in value if isinstance(item, (str, int))] if isinstance(value, list) else []


def document_fields(document: Document) -> dict[str, object]:
    """The index fields of one document."""
    meta = document.meta
    tags = [tag for tag in _strings(meta.get("tags"))]
    # Secrets are masked before anything is stored: a snippet can never show one.
    keyword_text = redact("\n".join(_strings(meta.get("keywords"))))
    summary = redact(str(meta.get("summary") or ""))
    title = redact(document.title or document.path)
    from kbtool.core.markdown import plain_text  # the Markdown reading, only when indexing

    body = redact(plain_text(document.blocks))
    codes = codes_in("\n".join([document.id, title, summary, keyword_text, body]))
    return {
        "path": document.path,
        "id": document.id,
        "doc_type": document.doc_type,
        "status": document.status or "draft",
        "owner": str(meta.get("owner") or ""),
        "title": title,
        "summary": summary,
        "keywords": keyword_text,
        "tags": ",".join(tags),
        "about": "\n".join([title, summary, keyword_text, " ".join(tag.replace("-", " ") for tag in tags)]),
        "body": body,
        "phrases": body,
        "codes": " ".join(codes),
        "digest": document.digest,
        "meta": {key: str(value) for key, value in meta.items() if key in STORED_META},
    }


def spellable_words(fields: dict[str, object]) -> set[str]:
    """The words of a document that spelling suggestions may offer."""
    return spelling_words(*(str(fields[name]) for name in ("title", "summary", "keywords", "body")))
