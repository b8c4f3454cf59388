"""An import from start to end: read, plan, convert, write, validate, report."""
from __future__ import annotations

import datetime
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kbtool.core import inline
from kbtool.core import markdown as md
from kbtool.core.config import Config, is_inside
from kbtool.core.errors import UsageError
from kbtool.core.registries import load_registries
from kbtool.importers import metadata
from kbtool.importers.convert import Collection, Conversion
from kbtool.importers.frontmatter import FrontMatter, split, text_list
from kbtool.importers.generic import INCLUDE, PAGE, Profile
from kbtool.importers.mapfile import ImportMap, read_map
from kbtool.importers.owners import OwnerResolver
from kbtool.importers.plan import earlier_imports, place
from kbtool.importers.profiles import choose
from kbtool.importers.render import article_text
from kbtool.importers.report import ImportedFile, ImportReport, Note, SkippedFile
from kbtool.importers.sources import SourceFile, find_markdown, read_source
from kbtool.importers.kinds import arrange
from kbtool.importers.tags import TagResolver
from kbtool.importers.verify import problems_in
from kbtool.lifecycle.create import allocating_ids, slugify


@dataclass
class Page:
    source: SourceFile
    front: FrontMatter
    title: str  # as the source has it (may be longer than kbtool allows)
    owner: str | None = None


def import_collection(
    config: Config,
    source_dir: Path,
    *,
    profile: str = "auto",
    map_file: Path | None = None,
    owner: str | None = None,
    base_url: str | None = None,
    into: str | None = None,
    dry_run: bool = False,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    started = time.perf_counter()
    today = today or datetime.date.today()
    source_dir, folder = _where(config, Path(source_dir), into, base_url)
    import_map = read_map(map_file)
    files, skipped = find_markdown(source_dir)
    chosen = choose(profile, source_dir, files)
    report = ImportReport(str(source_dir), config.relative(folder), chosen.name, dry_run, skipped=skipped)
    pages, includes = _read(config, source_dir, files, chosen, report, progress)
    registries = load_registries(config)
    owners = _owner_resolver(config, registries.owners, import_map, owner, source_dir.name)
    for page in pages:
        page.owner = owners.resolve(text_list_of(page.front, chosen.author_keys))
    _require_owners(pages, owner)
    tags = TagResolver(registries.tags, import_map, source_dir.name)
    # Ids are chosen and their files written under the lock `kbtool new` takes, so neither hands out an id the other took.
    with nullcontext() if dry_run else allocating_ids(config):
        collection, texts = _convert_all(config, folder, pages, includes, chosen, tags, import_map, base_url, today, report, progress)
        report.owners_added = sorted(owners.added)
        report.tags_added = sorted(tags.added)
        report.authors_defaulted = dict(owners.defaulted.most_common())
        report.tags_as_keywords = dict(tags.as_keywords.most_common())
        report.skipped.sort(key=lambda item: item.source)
        if dry_run:
            report.problems = problems_in(config, folder, texts, registries, owners.added, tags.added, today)
        else:
            from kbtool.importers.writer import extend_registries, write_folder

            extend_registries(config, list(owners.added.values()), tags.added)
            actions = write_folder(folder, texts, {dest: source_dir / src for src, dest in collection.assets.items()})
            for imported in report.imported:
                imported.action = actions[imported.path.rsplit("/", 1)[-1]]
    if not dry_run:
        report.problems = problems_in(config, folder, None, registries, {}, {}, today)
    report.seconds = time.perf_counter() - started
    return report


def _where(config: Config, source_dir: Path, into: str | None, base_url: str | None) -> tuple[Path, Path]:
    """The source folder and the import folder, checked."""
    source_dir = source_dir.resolve()
    if not source_dir.is_dir():
        raise UsageError(f"{source_dir} is not a folder", hint="give the folder holding the collection's Markdown files")
    folder = config.content_dirs()["article"] / slugify(into or source_dir.name)
    if is_inside(folder.resolve(), source_dir) or is_inside(source_dir, folder.resolve()):
        raise UsageError(f"the source {source_dir} and the target {config.relative(folder)} overlap", hint="import from a folder outside the knowledge base's article folder")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url `{base_url}` is not an http(s) address", hint="e.g. --base-url https://learn.microsoft.com/en-us")
    return source_dir, folder


def _convert_all(
    config: Config, folder: Path, pages: list[Page], includes: list[str], profile: Profile, tags: TagResolver,
    import_map: ImportMap, base_url: str | None, today: datetime.date, report: ImportReport, progress: Callable[[int], None] | None,
) -> tuple[Collection, dict[str, str]]:
    """Ids and files planned, every page converted: (the collection, file name -> article text)."""
    earlier = earlier_imports(config, folder)
    placements = place(config, [(page.source.path, page.title) for page in pages], earlier)
    not_imported = {item.source: item.reason for item in report.skipped} | {path: "an include file, inlined where it is used" for path in includes}
    collection = Collection(Path(report.source_dir), profile, {path: placement.file_name for path, placement in placements.items()}, not_imported, base_url)
    texts: dict[str, str] = {}
    for page in pages:
        placement = placements[page.source.path]
        notes = list(page.source.notes) + list(page.front.notes)
        previous = earlier.get(page.source.path)
        text, kind, title = _convert(page, placement.id, collection, profile, tags, import_map, today, notes, previous.dates if previous else None)
        texts[placement.file_name] = text
        action = "create" if not placement.existing else "unchanged" if _current_text(folder / placement.file_name) == text else "update"
        report.imported.append(ImportedFile(page.source.path, placement.id, config.relative(folder / placement.file_name), action, kind, title, notes))
        if progress:
            progress(1)
    for path in includes:
        uses = collection.includes_used[path]
        report.skipped.append(SkippedFile(path, f"include file: inlined into {uses} page(s)" if uses else "include file used by no imported page"))
    seen = {page.source.path for page in pages}
    gone = Note("source-gone", "no longer in the source folder: left as it is")
    report.left_in_place = [ImportedFile(item.source, item.id, config.relative(folder / item.file_name), "left in place", "", item.title, [gone]) for item in earlier.values() if item.source not in seen]
    return collection, texts


def _current_text(path: Path) -> str | None:
    """An earlier import's file as it is now (None when it cannot be read): a re-import that changes nothing says so."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def text_list_of(front: FrontMatter, keys: tuple[str, ...]) -> list[str]:
    return [item for key in keys for item in text_list(front.meta.get(key))]


def _read(config: Config, source_dir: Path, files: list[Path], profile: Profile, report: ImportReport, progress: Callable[[int], None] | None) -> tuple[list[Page], list[str]]:
    """Pages to import and include files; everything else set aside in the report with its reason."""
    pages: list[Page] = []
    includes: list[str] = []
    known = profile.known_keys()
    for path in files:
        item = read_source(source_dir, path, config.max_file_size)
        verdict = ""
        if isinstance(item, SkippedFile):
            report.skipped.append(item)
        else:
            front = split(item.text, known)
            verdict = profile.classify(source_dir, item.path, front)
            if verdict == PAGE and not _has_content(front.body):
                report.skipped.append(SkippedFile(item.path, "no content: the page has no text besides its title"))
            elif verdict == PAGE:
                pages.append(Page(item, front, metadata.full_title(front, profile, item.path, item.notes)))
            elif verdict == INCLUDE:
                includes.append(item.path)
            else:
                report.skipped.append(SkippedFile(item.path, verdict))
        if progress and verdict != PAGE:
            progress(1)
    return pages, includes


def _has_content(body: str) -> bool:
    return any(block.kind != md.HEADING or block.level > 1 for block in md.parse(body) if block.plain() or block.kind == md.CODE)


def _owner_resolver(config: Config, registry: dict, import_map: ImportMap, owner: str | None, collection: str) -> OwnerResolver:  # type: ignore[type-arg]
    default = owner
    if default is None:
        from kbtool.lifecycle.create import default_owner

        try:
            default = default_owner(config)
        except UsageError:
            default = None
    elif default not in registry:
        raise UsageError(f"--owner `{default}` is not in {config.owners_file}", hint=f"choose one of: {', '.join(sorted(registry))}")
    add_unknown = (import_map.unknown_authors or ("default" if owner else "add")) == "add"
    return OwnerResolver(registry, import_map.owners, default, add_unknown, collection)


def _require_owners(pages: list[Page], owner: str | None) -> None:
    orphans = [page.source.path for page in pages if page.owner is None]
    if orphans:
        raise UsageError(
            f"{len(orphans)} file(s) name no author that maps to an owner, e.g. {orphans[0]}",
            hint="give a default owner with --owner (an id from the owners registry), or map their authors in --map",
        )


def _convert(
    page: Page, doc_id: str, collection: Collection, profile: Profile, tags: TagResolver, import_map: ImportMap,
    today: datetime.date, notes: list[Note], earlier_dates: tuple[datetime.date, datetime.date] | None,
) -> tuple[str, str, str]:
    """The article's text, kind and title."""
    front, path = page.front, page.source.path
    conversion = Conversion(collection, path)
    body = conversion.close_open_blocks(conversion.body(front.body, path, front.body_line))
    notes.extend(sorted(conversion.notes, key=lambda note: note.line or 0))
    if not _has_content(body):  # all it held was an include or a directive that could not be brought in
        body = "The original page held nothing that could be imported: write this article's content.\n"
        notes.append(Note("empty-after-conversion", "nothing was left after conversion; the article says so and needs writing"))
    title = metadata.title_fields(page.title, notes)
    body = _heading(body, title, page.title)
    kind, body = arrange(body, profile.environment(front.meta), notes)
    root = profile.content_root(collection.source_dir)
    folder_tags = profile.folder_tags(path, root)
    tag_list, extra_keywords = tags.resolve(folder_tags, text_list_of(front, profile.tag_keys))
    keywords = list(dict.fromkeys(text_list_of(front, profile.keyword_keys) + extra_keywords))
    created, reviewed = metadata.dates(front, profile, today, notes, earlier_dates)
    meta: dict[str, object] = {
        "id": doc_id,
        "title": title,
        "summary": metadata.summary(front, profile, body, path, notes),
        "status": import_map.status,
        "owner": page.owner,
        "audience": import_map.audience,
        "kind": kind,
        "tags": tag_list,
    }
    if keywords:
        meta["keywords"] = keywords
    meta.update({"created": created, "reviewed": reviewed, "source": metadata.source_field(path, front)})
    return article_text(meta, body), kind, title


def _heading(body: str, title: str, full_title: str) -> str:
    """The body without a first heading that repeats the title; with the full title on top when the title was shortened."""
    lines = body.split("\n")
    heading = metadata.first_heading_block(body)
    text = " ".join(inline.to_plain(heading.text).split()).casefold() if heading else ""
    if heading and text == " ".join(title.split()).casefold():
        underline = heading.line < len(lines) and not lines[heading.line - 1].lstrip().startswith("#")
        del lines[heading.line - 1 : heading.line + (1 if underline else 0)]
    elif title != full_title and text != " ".join(full_title.split()).casefold():
        lines = [f"# {full_title}", ""] + lines
    return "\n".join(lines).strip("\n")
