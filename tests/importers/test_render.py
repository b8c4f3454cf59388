"""Front matter written for imported articles reads back exactly (`kbtool.importers.render`)."""
from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kbtool.core.documents import parse_text
from kbtool.importers.render import article_text, front_matter

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | text | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text.filter(bool), inner, max_size=3),
    max_leaves=10,
)


@given(title=text.filter(str.strip), keywords=st.lists(text, max_size=4), original=st.dictionaries(text.filter(bool), values, max_size=5), raw=text)
def test_what_is_written_is_read_back(title: str, keywords: list[str], original: dict, raw: str) -> None:  # type: ignore[type-arg]
    day = datetime.date(2024, 1, 30)
    meta = {"id": "KB-0001", "title": title, "tags": ["a"], "keywords": keywords, "created": day, "reviewed": day,
            "source": {"path": "x.md", "front_matter": original, "front_matter_text": raw}}
    document, findings = parse_text("kb/kb-0001-x.md", "article", article_text(meta, "Body").split("\n"))
    assert findings == [] and document is not None
    assert document.meta == meta and document.body.strip() == "Body"


def test_lists_on_one_line_and_no_aliases() -> None:
    day = datetime.date(2024, 1, 30)
    written = front_matter({"tags": ["vpn", "network"], "created": day, "reviewed": day, "source": {"path": "a.md", "front_matter_text": "a: b\nc: d"}})
    assert written == "tags: [vpn, network]\ncreated: 2024-01-30\nreviewed: 2024-01-30\nsource:\n  path: a.md\n  front_matter_text: |-\n    a: b\n    c: d\n"
