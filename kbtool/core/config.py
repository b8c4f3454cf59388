"""Finding the knowledge base root and reading `kbtool.yml` and the registries."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbtool.core.dates import Interval, parse_interval
from kbtool.core.errors import ConfigError
from kbtool.core.findings import RULES, SEVERITIES
from kbtool.core.model import DOC_TYPES

CONFIG_FILE = "kbtool.yml"


@dataclass(frozen=True)
class Config:
    """Where things are and how strict to be; every value has a default."""

    root: Path
    articles_dir: str = "kb"
    sops_dir: str = "sops"
    owners_file: str = "meta/owners.yml"
    tags_file: str = "meta/tags.yml"
    synonyms_file: str = "meta/synonyms.yml"
    schema_file: str = "schema/front-matter.schema.json"
    state_dir: str = ".kbtool"
    relevance_dir: str = "tests/relevance"  # query files `kbtool evaluate` reads by default
    review_every: dict[str, Interval] = field(
        default_factory=lambda: {"article": Interval(6, "m"), "sop": Interval(12, "m")}
    )
    # `kbtool freshness` calls a review "due soon" from this long before it is due.
    review_due_within: Interval = Interval(30, "d")
    rules: dict[str, str] = field(default_factory=dict)
    max_file_size: int = 1_000_000
    search_log: bool = False  # record searches for `kbtool gaps` (opt-in: queries can hold callers' details)
    log_mask: bool = True  # mask e-mail addresses and long digit runs before a query is logged
    log_retention_days: int = 90  # logged searches older than this are dropped
    default_synonyms: bool = True  # use the service-desk synonyms shipped with kbtool beside the knowledge base's own
    # `site: {edit_url_template: ...}`: where "fix it" links go; {path} and {id} are filled in.
    edit_url_template: str | None = None

    def content_dirs(self) -> dict[str, Path]:
        return {"article": self.root / self.articles_dir, "sop": self.root / self.sops_dir}

    def path(self, relative: str) -> Path:
        return self.root / relative

    @property
    def state_path(self) -> Path:
        """Where the index and search log live: `state_dir` in the repository, or the user's cache when that is read-only."""
        preferred = self.root / self.state_dir
        return preferred if _writable(preferred) else self.fallback_state_path

    @property
    def fallback_state_path(self) -> Path:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cache / "kbtool" / hashlib.sha1(str(self.root).encode()).hexdigest()[:16]

    @property
    def state_is_fallback(self) -> bool:
        return self.state_path != self.root / self.state_dir

    def relative(self, path: Path | str) -> str:
        """`path` relative to the root, with forward slashes (as given when outside the root)."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


_STRING_KEYS = ("articles_dir", "sops_dir", "owners_file", "tags_file", "synonyms_file", "schema_file", "state_dir", "relevance_dir")


def _writable(folder: Path) -> bool:
    """True when `folder` can be written, or created (its nearest existing parent can be written)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return os.access(candidate, os.W_OK | os.X_OK) and candidate.is_dir()
    return False


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding kbtool.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ConfigError(
        f"no {CONFIG_FILE} found in {here} or any parent folder",
        hint=f"run kbtool inside a knowledge base, pass --root, or create {CONFIG_FILE} (see docs/configuration.md)",
    )


def read_yaml_file(path: Path, what: str) -> Any:
    """Parse a YAML file the user maintains, turning every failure into a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found", hint="create it, or point kbtool.yml at it") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read {what}: {error}") from None
    from kbtool.core.yamlio import YamlProblem, load_fast  # loaded only when a file must be parsed

    conflict = next((number for number, line in enumerate(text.splitlines(), start=1) if line.startswith("<<<<<<< ")), None)
    if conflict is not None:
        raise ConfigError(f"{path}:{conflict}: a merge conflict was left unresolved in {what} (`<<<<<<<` ... `>>>>>>>`)", hint="keep the lines that should stay, delete the conflict markers and commit")
    try:
        return load_fast(text, unique_keys=True)
    except YamlProblem as problem:
        raise ConfigError(f"{path}:{problem.line}: invalid YAML in {what}: {problem.message}") from None


def load_config(root: Path | None = None) -> Config:
    """Read kbtool.yml from `root` (found from the current folder when None)."""
    root = find_root() if root is None else Path(root).resolve()
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        raise ConfigError(
            f"no {CONFIG_FILE} found in {root}",
            hint=f"point --root at a knowledge base, or create {CONFIG_FILE} there (see docs/configuration.md)",
        )
    data = _settings_data(config_path)
    if not isinstance(data, dict):
        raise ConfigError(f"{config_path}: must be a mapping of settings")
    values: dict[str, Any] = {"root": root}
    for key, value in data.items():
        where = f"{config_path}: `{key}`"
        if key in _STRING_KEYS:
            values[key] = _inside(root, value, where)
        elif key == "review_every":
            values[key] = _review_defaults(value, where)
        elif key == "review_due_within":
            values[key] = _interval(value, where)
        elif key == "rules":
            values[key] = _rule_severities(value, where)
        elif key == "max_file_size":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{where} must be a positive number of bytes")
            values[key] = value
        elif key == "search":
            values.update(_search_settings(value, where))
        elif key == "site":
            values["edit_url_template"] = _site_settings(value, where)
        else:
            raise ConfigError(f"{where} is not a known setting", hint="see docs/configuration.md for the settings")
    config = Config(**values)
    _check_layout(config, config_path)
    return config


def _check_layout(config: Config, config_path: Path) -> None:
    """Folders and files that kbtool writes must not be ones it reads, git's own, or each other."""
    content = {"articles_dir": config.articles_dir, "sops_dir": config.sops_dir}
    files = {key: getattr(config, key) for key in ("owners_file", "tags_file", "synonyms_file", "schema_file")}

    def within(path: str, folder: str) -> bool:
        return folder in (".", "") or path == folder or path.startswith(folder.rstrip("/") + "/")

    for key, value in {**content, **files, "state_dir": config.state_dir, "relevance_dir": config.relevance_dir}.items():
        if within(value, ".git") or value in (".", ""):
            raise ConfigError(f"{config_path}: `{key}: {value}` is git's own folder or the whole repository", hint="name a folder or file of its own")
    for key, folder in content.items():
        if within(config.state_dir, folder) or within(folder, config.state_dir):
            raise ConfigError(f"{config_path}: `state_dir: {config.state_dir}` overlaps `{key}: {folder}`", hint="keep the index and search log in a folder of their own (the default is .kbtool)")
    for key, path in files.items():
        if within(path, config.state_dir):
            raise ConfigError(f"{config_path}: `{key}: {path}` is inside `state_dir`", hint="keep the index and search log in a folder of their own (the default is .kbtool)")
    schema = config.schema_file
    others = {CONFIG_FILE, *(path for key, path in files.items() if key != "schema_file")}
    if not schema.endswith(".json") or schema in others or any(within(schema, folder) for folder in content.values()):
        raise ConfigError(
            f"{config_path}: `schema_file: {schema}` must be a .json file of its own, outside the content folders",
            hint="`kbtool schema --write` overwrites it; the default is schema/front-matter.schema.json",
        )


# kbtool.yml's parsed data is kept in the default state folder, keyed by a hash
# of the file: a search that finds the index current then loads no YAML parser
# (about 20 ms of every command-line search). The data is checked every time.
KEPT_SETTINGS = "settings.json"


def _settings_data(config_path: Path) -> Any:
    try:
        raw = config_path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{config_path}: cannot read configuration: {error.strerror or error}") from None
    from kbtool.core.files import keep, read_kept

    key = hashlib.sha1(raw).hexdigest()
    kept = config_path.parent / Config.state_dir / KEPT_SETTINGS
    data = read_kept(kept, key)
    if data is None:
        data = read_yaml_file(config_path, "configuration") or {}
        keep(kept, key, data)
    return data


def _inside(root: Path, value: Any, where: str) -> str:
    """A configured path, which must stay inside the repository (nothing outside it is read or written)."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a relative path")
    text = value.strip().rstrip("/")
    candidate = root / text
    # Both as written (`..`) and as the file system resolves it (a link out of the repository).
    if os.path.isabs(text) or not is_inside(Path(os.path.normpath(candidate)), root) or not is_inside(candidate.resolve(), root.resolve()):
        raise ConfigError(f"{where}: `{value}` leads outside the repository", hint="give a path relative to the folder holding kbtool.yml, without `..`")
    return text


def _review_defaults(value: Any, where: str) -> dict[str, Interval]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must map `article` and `sop` to intervals such as 6m")
    defaults = dict(Config.__dataclass_fields__["review_every"].default_factory())  # type: ignore[misc]
    for doc_type, text in value.items():
        interval = parse_interval(text)
        if doc_type not in DOC_TYPES or interval is None:
            raise ConfigError(f"{where}: `{doc_type}: {text}` is not valid", hint="use `article: 6m` and `sop: 12m` style entries: a number and d, w, m or y, at most 10 years")
        defaults[doc_type] = interval
    return defaults


def _interval(value: Any, where: str) -> Interval:
    interval = parse_interval(value)
    if interval is None:
        raise ConfigError(f"{where}: `{value}` is not an interval", hint="write a number and a unit: 30d, 4w, 1m or 1y, at most 10 years")
    return interval


def _rule_severities(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must map rule ids to error, warning or off")
    for rule_id, severity in value.items():
        if rule_id not in RULES:
            raise ConfigError(f"{where}: unknown rule `{rule_id}`", hint="`kbtool rules` lists the rule ids")
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: `{rule_id}` must be one of {', '.join(SEVERITIES)}")
    return dict(value)


_SEARCH_SETTINGS = {"log": ("search_log", bool), "mask": ("log_mask", bool), "retention_days": ("log_retention_days", int), "default_synonyms": ("default_synonyms", bool)}


def _search_settings(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping such as `log: true`", hint=f"the keys are {', '.join(_SEARCH_SETTINGS)}")
    settings: dict[str, Any] = {}
    for key, setting in value.items():
        if key not in _SEARCH_SETTINGS:
            raise ConfigError(f"{where}: `{key}` is not a search setting", hint=f"the keys are {', '.join(_SEARCH_SETTINGS)}")
        name, kind = _SEARCH_SETTINGS[key]
        if not isinstance(setting, kind) or (kind is int and (isinstance(setting, bool) or setting < 1)):
            raise ConfigError(f"{where}: `{key}` must be {'true or false' if kind is bool else 'a whole number of days, 1 or more'}")
        settings[name] = setting
    return settings


def _site_settings(value: Any, where: str) -> str | None:
    if not isinstance(value, dict) or set(value) - {"edit_url_template"}:
        raise ConfigError(f"{where} must be a mapping such as `edit_url_template: https://git.example/kb/edit/main/{{path}}`")
    template = value.get("edit_url_template")
    if template is None:
        return None
    if not isinstance(template, str) or not template.startswith(("https://", "http://")):
        raise ConfigError(f"{where}: `edit_url_template` must be an http(s) address", hint="use {path} and {id} for the document's file and id")
    return template


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` (resolved) lies within `folder` (resolved)."""
    try:
        return os.path.commonpath([path, folder]) == str(folder)
    except ValueError:
        return False
