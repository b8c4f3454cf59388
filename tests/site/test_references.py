from __future__ import annotations

from pathlib import Path

from conftest import write
from kbtool.core.config import load_config
from kbtool.site.catalogue import load_catalogue
from kbtool.site.options import SiteOptions
from kbtool.site.references import rewrite_references

BODY = """---
id: KB-0003
title: Answering a support call
summary: The greeting.
status: published
owner: ann.agent
audience: customer
kind: guide
tags: [call-handling]
created: 2023-05-01
reviewed: 2026-09-15
---

See [[KB-0002]] and [[ sop-0001 | the MFA reset ]], not `[[KB-0002]]`.

```
[[KB-0001]] in a code block stays
```

Drafts: [[KB-0004]]. Archived: [[KB-0005]]. Missing: [[KB-0404]].
"""


def _rewritten(kb: Path, options: SiteOptions):  # type: ignore[no-untyped-def]
    write(kb, "kb/kb-0003-answering-a-call.md", BODY)
    catalogue = load_catalogue(load_config(kb), options)
    source = catalogue.documents["KB-0003"]
    return rewrite_references(source, catalogue)


def test_references_become_links_to_the_target_page(kb: Path) -> None:
    result = _rewritten(kb, SiteOptions())
    assert "See [VPN keeps disconnecting](kb-0002-vpn-keeps-disconnecting.md)" in result.body
    assert "[the MFA reset](../sops/sop-0001-mfa-reset.md)" in result.body
    assert result.targets == ["KB-0002", "SOP-0001"]


def test_references_in_code_are_left_as_written(kb: Path) -> None:
    body = _rewritten(kb, SiteOptions()).body
    assert "`[[KB-0002]]`" in body
    assert "[[KB-0001]] in a code block stays" in body


def test_references_without_a_page_are_reported_with_file_line_and_why(kb: Path) -> None:
    result = _rewritten(kb, SiteOptions())
    assert "Drafts: KB\\-0004. Archived: KB\\-0005. Missing: KB\\-0404." in result.body
    assert result.problems == [
        "kb/kb-0003-answering-a-call.md:20: reference [[KB-0004]] has no page: a draft (unpublished)",
        "kb/kb-0003-answering-a-call.md:20: reference [[KB-0005]] has no page: archived",
        "kb/kb-0003-answering-a-call.md:20: reference [[KB-0404]] has no page: no document has this id",
    ]


def test_a_customer_site_drops_links_to_agent_pages_quietly(kb: Path) -> None:
    result = _rewritten(kb, SiteOptions(audience="customer"))
    assert "See VPN" not in result.body and "See KB\\-0002" in result.body
    assert not any("KB-0002" in problem for problem in result.problems)
    assert any("KB-0404" in problem for problem in result.problems)


def test_a_reference_after_indented_code_is_still_linked(kb: Path) -> None:
    body = BODY.split("---\n\n", 1)[0] + "---\n\nExample:\n\n    [[KB-0001]] as typed\n\nThen see [[KB-0002]].\n"
    write(kb, "kb/kb-0003-answering-a-call.md", body)
    catalogue = load_catalogue(load_config(kb), SiteOptions())
    rewritten = rewrite_references(catalogue.documents["KB-0003"], catalogue)
    assert "    [[KB-0001]] as typed" in rewritten.body
    assert "Then see [VPN keeps disconnecting](kb-0002-vpn-keeps-disconnecting.md)." in rewritten.body
