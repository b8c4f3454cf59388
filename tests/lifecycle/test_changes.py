"""`kbtool changes` as a whole: which findings are kept, the head as a commit, severities, the summary per document."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool import api

from change_examples import CHANGE_DAY, SOP, add_step, make_repo, set_version
from conftest import TODAY, commit_on, edit, git, write


@pytest.fixture
def repo(kb: Path) -> Path:
    return make_repo(kb)


def test_findings_of_documents_the_change_does_not_touch_are_left_to_validate(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, "kb/kb-0003-answering-a-call.md", "owner: ann.agent", "owner: nobody.here")
    commit_on(repo, "2026-11-02", "a problem already on main")
    git(repo, "checkout", "-q", "-B", "change")
    add_step(repo)
    set_version(repo, "3.0.0")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and api.validate(repo, today=TODAY).errors == 1


def test_documents_linking_to_a_changed_one_are_checked(repo: Path) -> None:
    edit(repo, "kb/kb-0002-vpn-keeps-disconnecting.md", "id: KB-0002", "id: KB-0012")
    git(repo, "mv", "kb/kb-0002-vpn-keeps-disconnecting.md", "kb/kb-0012-vpn-keeps-disconnecting.md")
    found = {(f.path, f.rule) for f in api.changes(repo, "main", today=TODAY).findings}
    assert found == {("kb/kb-0012-vpn-keeps-disconnecting.md", "id-changed"), ("kb/kb-0001-reset-a-password.md", "broken-reference")}


def test_a_registry_change_checks_every_document(repo: Path) -> None:
    edit(repo, "meta/owners.yml", "  - id: ann.agent\n    name: Ann Agent\n    email: ann@example.com\n    team: Service Desk\n", "")
    report = api.changes(repo, "main", today=TODAY)
    assert report.everything_checked and ("modified", "meta/owners.yml") in report.other_files
    assert {f.path for f in report.findings if f.rule == "unknown-owner"} == {
        "kb/kb-0002-vpn-keeps-disconnecting.md", "kb/kb-0003-answering-a-call.md", "kb/kb-0004-printer-queue-draft.md", "kb/kb-0005-old-vpn-client.md",
    }


def test_a_head_commit_is_validated_as_committed(repo: Path) -> None:
    add_step(repo)
    commit_on(repo, CHANGE_DAY, "step without a bump")
    set_version(repo, "3.0.0")  # fixed in the working tree only
    assert [f.rule for f in api.changes(repo, "main", head="change", today=TODAY).findings] == ["sop-version-bump"]
    assert api.changes(repo, "main", today=TODAY).findings == []


def test_a_head_commit_missing_kbtool_yml_is_a_configuration_error(repo: Path) -> None:
    from kbtool.core.errors import ConfigError

    git(repo, "rm", "-q", "kbtool.yml")
    commit_on(repo, CHANGE_DAY, "oops")
    write(repo, "kbtool.yml", "")
    with pytest.raises(ConfigError, match="in change: no kbtool.yml found"):
        api.changes(repo, "main", head="change", today=TODAY)


def test_severities_follow_kbtool_yml(repo: Path) -> None:
    edit(repo, "kbtool.yml", "review_every:", "rules:\n  sop-version-bump: warning\nreview_every:")
    commit_on(repo, CHANGE_DAY, "relaxed")
    add_step(repo)
    report = api.changes(repo, "main", today=TODAY)
    assert [(f.rule, f.severity) for f in report.findings] == [("sop-version-bump", "warning")] and report.exit_code == 0


def test_each_document_summarised_for_a_reviewer(repo: Path) -> None:
    add_step(repo)
    set_version(repo, "3.0.0")
    git(repo, "rm", "-q", "kb/kb-0005-old-vpn-client.md")
    api.new(repo, "sop", "Laptop refresh", owner="ann.agent", tags=["accounts"], today=TODAY)
    report = api.changes(repo, "main", today=TODAY)
    by_id = {document.id: document for document in report.documents}
    sop = by_id["SOP-0001"]
    assert (sop.status, sop.owner, sop.owner_name, sop.old_version, sop.version, sop.section) == ("modified", "ivan.identity", "Ivan Identity", "2.1.0", "3.0.0", "Procedure")
    assert sop.changelog.summary == "Manager confirms by email before any reset." and sop.changelog.date == CHANGE_DAY
    assert [(s.kind, s.number) for s in sop.steps] == [("added", 2)]
    assert (by_id["KB-0005"].status, by_id["KB-0005"].title) == ("deleted", "Old AnyConnect VPN client")
    new = by_id["SOP-0002"]
    assert (new.status, new.version, new.changelog.version) == ("added", "0.1.0", "0.1.0") and new.steps
