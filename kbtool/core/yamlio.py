"""All YAML reading and writing goes through this module.

Two loaders, each for one job:

* `load_fast` reads front matter and registries. It uses libyaml through
  PyYAML's C loader (about 3x faster than ruamel.yaml's safe loader on
  front-matter-sized documents, which is what keeps `kbtool validate` over
  10,000 files within a few seconds). Its booleans follow YAML 1.2
  (`true`/`false` only), like ruamel.yaml, so a title such as `No` or `On`
  stays text.
* `load_roundtrip` / `dump_roundtrip` use ruamel.yaml's round-trip mode for any
  command that rewrites a file, so comments, key order and quoting survive.
* `dump_fast` writes plain data with libyaml, for files written whole and
  many at a time (`kbtool import`): ten times ruamel.yaml's speed.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
if _BaseLoader is None:  # pragma: no cover - libyaml is in every PyYAML wheel
    _BaseLoader = yaml.SafeLoader


class _Yaml12BoolLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose implicit booleans are only true/false (YAML 1.2)."""


_Yaml12BoolLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Yaml12BoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass(frozen=True)
class YamlProblem(Exception):
    """YAML that cannot be parsed; `line` is 1-based within the parsed text."""

    line: int
    message: str
    rule: str = "yaml-syntax"  # the validation rule a document with this problem breaks

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


_CONSTRUCT = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:bool": _CONSTRUCT.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCT.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCT.construct_yaml_float,
    "tag:yaml.org,2002:null": _CONSTRUCT.construct_yaml_null,
}


def _build(node: yaml.Node, unique_keys: bool = False) -> Any:
    """Plain Python values from a composed node tree.

    PyYAML's generic constructor costs as much as libyaml's parsing on small
    documents; front matter needs only these few types, so this walk halves
    the time of `load_fast`.
    """
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _hashable(_build(key_node, unique_keys))
            if unique_keys and key in mapping:
                raise YamlProblem(key_node.start_mark.line + 1, f"`{key}` appears twice (YAML would silently keep the last)", "duplicate-key")
            mapping[key] = _build(value_node, unique_keys)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, unique_keys) for item in node.value]
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(_CONSTRUCT, node)
        except ValueError:
            return node.value  # 2026-02-30: reported by the schema check as an invalid date
    construct = _SCALARS.get(tag)
    if construct is None:
        raise YamlProblem(node.start_mark.line + 1, f"the YAML tag {tag} is not supported here; remove it")
    return construct(node)


def _hashable(key: Any) -> Any:
    return key if not isinstance(key, (list, dict)) else str(key)


# Where an anchor (&a) or alias (*a) could start; most text has none, and only
# text that has one pays for a second look at the parser's events.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\]},]", re.MULTILINE)


def _reject_aliases(text: str) -> None:
    """Anchors and aliases are refused: nine levels of `&a [*b, *b]` in 600 bytes expand to gigabytes."""
    if not _MAYBE_ANCHOR.search(text):
        return
    for event in yaml.parse(text, Loader=_Yaml12BoolLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                event.start_mark.line + 1,
                "YAML anchors and aliases (&name, *name) are not allowed here: write each value out",
                "yaml-alias",
            )


def load_fast(text: str, unique_keys: bool = False) -> Any:
    """Parse YAML text for reading only; raises `YamlProblem` on bad input.

    With `unique_keys`, a key repeated in one mapping is a problem too.
    """
    try:
        _reject_aliases(text)
        loader = _Yaml12BoolLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        return None if node is None else _build(node, unique_keys)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or str(error)
        if error.context:
            problem = f"{problem} ({error.context})"
        raise YamlProblem(line, problem) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        raise YamlProblem(1, str(error)) from None


def _roundtrip_yaml():  # type: ignore[no-untyped-def]
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap an author's long summary line
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def load_roundtrip(text: str) -> Any:
    """Parse YAML keeping comments, order and style, for later rewriting."""
    from ruamel.yaml.error import MarkedYAMLError

    try:
        return _roundtrip_yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, error.problem or str(error)) from None


def dump_roundtrip(data: Any) -> str:
    """Serialise data loaded with `load_roundtrip` (or plain data) back to YAML.

    Never with anchors and aliases: equal values (two dates of the same day)
    would otherwise be written as `&id001` / `*id001`, and a later edit of one
    would silently change both.
    """
    stream = io.StringIO()
    handler = _roundtrip_yaml()
    handler.representer.ignore_aliases = lambda *args: True
    handler.dump(data, stream)
    return stream.getvalue()


class FlowList(list):  # type: ignore[type-arg]
    """A list `dump_fast` writes on one line: `tags: [vpn, network]`."""


class BlockText(str):
    """Text `dump_fast` writes as a literal block (`|`) when it can, keeping its lines."""


_BaseDumper = getattr(yaml, "CSafeDumper", None) if yaml.__with_libyaml__ else None
if _BaseDumper is None:  # pragma: no cover - libyaml is in every PyYAML wheel
    _BaseDumper = yaml.SafeDumper


class _FastDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never `&id001` / `*id001`: every value written out where it belongs


_FastDumper.add_representer(FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True))
_FastDumper.add_representer(BlockText, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|"))


def dump_fast(data: Any) -> str:
    """Plain data (mappings, lists, text, numbers, dates) as block YAML, keys in the order given."""
    return yaml.dump(data, Dumper=_FastDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096)
