"""Owners for imported articles (`kbtool.importers.owners`)."""
from __future__ import annotations

from kbtool.core.registries import Owner
from kbtool.importers.owners import OwnerResolver, owner_id_for

REGISTRY = {"ann.agent": Owner("ann.agent", "Ann Agent", "ann@example.com", "Desk")}


def resolver(**options: object) -> OwnerResolver:
    settings: dict[str, object] = {"mapped": {}, "default": None, "add_unknown": True, "collection": "docs"} | options
    return OwnerResolver(REGISTRY, **settings)  # type: ignore[arg-type]


def test_map_then_registry_by_id_name_or_email() -> None:
    owners = resolver(mapped={"cloud-writer": "ann.agent"})
    assert [owners.resolve([name]) for name in ("Cloud-Writer", "ann.agent", "ANN AGENT", "ann@example.com")] == ["ann.agent"] * 4
    assert owners.added == {}


def test_unknown_authors_are_added_or_given_the_default() -> None:
    adding = resolver()
    assert adding.resolve(["Steven Spencer", "Other"]) == "steven.spencer" and adding.resolve(["steven spencer"]) == "steven.spencer"
    assert list(adding.added) == ["steven.spencer"]
    defaulting = resolver(default="ann.agent", add_unknown=False)
    assert defaulting.resolve(["helenclu"]) == "ann.agent" and dict(defaulting.defaulted) == {"helenclu": 1}
    assert resolver().resolve([]) is None


def test_a_mapped_owner_missing_from_the_registry_is_added() -> None:
    owners = resolver(mapped={"lena": "lena.kowalski"}, add_unknown=False)
    assert owners.resolve(["Lena"]) == "lena.kowalski" and owners.added["lena.kowalski"].name == "Lena"


def test_owner_ids() -> None:
    assert owner_id_for("Chris \"Stack\" Stackpole") == "chris.stack.stackpole"
    assert owner_id_for("@fromoz") == "fromoz" and owner_id_for("Ézequiel Bruni") == "ezequiel.bruni" and owner_id_for("日本") == "unknown.author"
