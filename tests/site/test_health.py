from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from conftest import TODAY, write
from kbtool import api
from kbtool.search.searchlog import log_path


def _health(kb: Path) -> str:
    return api.site(kb, today=TODAY).pages["health.md"]


def test_counts_by_type_and_status(kb: Path) -> None:
    page = _health(kb)
    assert "<tr><td>Articles</td><td>3</td><td>1</td><td>1</td><td>5</td></tr>" in page
    assert "<tr><td>SOPs</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>" in page


def test_overdue_and_due_soon_by_owner_with_the_real_list(kb: Path) -> None:
    page = _health(kb)
    attention = page.split("## Overdue and due soon")[1].split("## Flagged by agents")[0]
    assert "Ann Agent (Service Desk)" in attention
    assert '<code>KB-0002</code> <a href="../kb/kb-0002-vpn-keeps-disconnecting/">VPN keeps disconnecting</a></td><td>Overdue</td><td>2026-05-01</td><td>206 day(s) overdue' in attention
    assert "KB-0001" not in attention  # reviewed 2026-10-01, due 2027-04-01


def test_a_static_svg_chart_of_review_states_by_owner(kb: Path) -> None:
    page = _health(kb)
    svg = page.split('<figure class="kb-figure">\n')[1].split("\n<figcaption>")[0]
    tree = ElementTree.fromstring(svg)
    labels = [element.text for element in tree.iter("{http://www.w3.org/2000/svg}title")]
    assert "Ann Agent: 1 Overdue" in labels and "Ivan Identity: 2 Fresh" in labels
    assert "<script" not in page


def test_most_linked_and_orphans(kb: Path) -> None:
    page = _health(kb)
    linked = page.split("## Most linked")[1].split("## Orphans")[0]
    assert '<code>KB-0002</code> <a href="../kb/kb-0002-vpn-keeps-disconnecting/">VPN keeps disconnecting</a></td><td>1</td>' in linked
    orphans = page.split("## Orphans")[1].split("## Searches")[0]
    assert "KB-0001" in orphans and "KB-0003" in orphans and "SOP-0001" in orphans and "KB-0002" not in orphans


def test_zero_result_searches_only_when_the_log_is_on(kb: Path) -> None:
    assert "The search log is off" in _health(kb)
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    path = log_path(api.config_of(kb))
    path.parent.mkdir(parents=True, exist_ok=True)
    now = "2099-01-01T00:00:00+00:00"  # recent for the retention window whatever today is
    lines = [{"time": now, "query": "printer on fire", "results": 0, "confidence": "none", "ms": 1}] * 3
    lines += [{"time": now, "query": "vpn", "results": 4, "confidence": "strong", "ms": 1}, {"time": now, "query": "teams", "results": 0, "confidence": "none", "ms": 1}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    searches = _health(kb).split("## Searches that found nothing")[1]
    assert "<tr><td>printer on fire</td><td>3</td></tr>" in searches and "<tr><td>teams</td><td>1</td></tr>" in searches
    assert "vpn" not in searches


def test_open_flags_are_listed_with_their_owner_and_latest_message(kb: Path) -> None:
    assert "No open flags." in _health(kb)
    api.flag(kb, "KB-0002", "Step 2 names the old gateway", agent="sam")
    api.flag(kb, "KB-0002", "The screenshot shows Windows 10")
    flagged = _health(kb).split("## Flagged by agents")[1].split("## Most linked")[0]
    assert '<code>KB-0002</code> <a href="../kb/kb-0002-vpn-keeps-disconnecting/">VPN keeps disconnecting</a></td><td>Ann Agent</td><td>2</td>' in flagged
    assert "The screenshot shows Windows 10" in flagged and "sam" not in flagged  # who flagged stays out of the site
    assert "Flagged by agents" not in api.site(kb, today=TODAY, audience="customer").pages.get("health.md", "")
