"""`kbtool index`: build and incrementally update the Whoosh search index.

Layout under `.kbtool/index/`: one folder per full build (`gen-...`) and a
`CURRENT` file naming the one in use. A full build writes a new folder and
then replaces `CURRENT` atomically, so a search running meanwhile, or a build
killed half-way, always finds a complete index. Incremental updates commit
through Whoosh, which switches to a new table of contents only once every
segment file is written.

Each folder also holds `manifest.json` (path -> mtime, size, digest): a cache
that makes "is the index up to date?" a matter of `stat` calls. The index's
own stored digests stay the truth; a stale manifest costs a little re-hashing,
never a wrong answer.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kbtool.config import Config
from kbtool.documents import Document, read_document, relative_name, walk
from kbtool.errors import KbError

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.json"
FINGERPRINT = "fingerprint"
# Many documents: let Whoosh index with two processes and keep their segments.
MULTIPROCESS_THRESHOLD = 2000


@dataclass
class IndexChanges:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # stat changed, content did not

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.deleted)


@dataclass
class IndexResult:
    full: bool
    documents: int
    changes: IndexChanges
    skipped: list[str]  # files that could not be parsed
    seconds: float
    location: str


def index_root(config: Config) -> Path:
    return config.state_path / "index"


def current_generation(config: Config) -> Path | None:
    """The folder of the index in use, or None when there is no complete index."""
    root = index_root(config)
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    folder = root / name
    if not name or "/" in name or not (folder / MANIFEST).is_file():
        return None
    return folder


def _stat_files(config: Config) -> dict[str, tuple[int, int, str]]:
    """Relative path -> (mtime_ns, size, path) of every Markdown file under the content folders.

    String paths: this runs before every search, and pathlib objects cost
    more than the `stat` calls themselves.
    """
    prefix = len(str(config.root)) + 1
    files: dict[str, tuple[int, int, str]] = {}
    for entry, _ in walk(config):
        try:
            if entry.is_dir():
                continue
            stat = entry.stat()
        except OSError:
            continue
        files[entry.path[prefix:].replace(os.sep, "/")] = (stat.st_mtime_ns, stat.st_size, entry.path)
    return files


def _read_manifest(folder: Path) -> dict[str, list]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    from kbtool.analysis import INDEX_FORMAT

    if data.get("format") != INDEX_FORMAT:
        return {}
    return data.get("files", {})


def _write_atomic(path: Path, text: str) -> None:
    """Replace `path` atomically: readers see the old file or the new one, never half."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _write_json(path: Path, data: object) -> None:
    _write_atomic(path, json.dumps(data))


def _fingerprint(stats: Iterable[tuple[str, int, int]]) -> str:
    """One hash of every (path, mtime, size): comparing it is cheaper than reading the manifest."""
    from kbtool.analysis import INDEX_FORMAT

    digest = hashlib.sha1(str(INDEX_FORMAT).encode())
    for name, mtime, size in sorted(stats):
        digest.update(f"{name}\0{mtime}\0{size}\n".encode())
    return digest.hexdigest()


def _write_manifest(folder: Path, files: dict[str, list]) -> None:
    from kbtool.analysis import INDEX_FORMAT

    _write_json(folder / MANIFEST, {"format": INDEX_FORMAT, "files": files})
    _write_atomic(folder / FINGERPRINT, _fingerprint((name, entry[0], entry[1]) for name, entry in files.items()))


def read_vocabulary(folder: Path) -> dict[str, int]:
    """Word -> number of documents it was indexed from (for spelling suggestions)."""
    try:
        data = json.loads((folder / VOCABULARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _spellable(fields: dict[str, object]) -> set[str]:
    from kbtool.analysis import spelling_words

    return spelling_words(*(str(fields[name]) for name in ("title", "summary", "keywords", "body")))


def is_fresh(config: Config) -> bool:
    """True when an index exists and no content file changed since it was written."""
    folder = current_generation(config)
    if folder is None:
        return False
    try:
        recorded = (folder / FINGERPRINT).read_text(encoding="utf-8")
    except OSError:
        return False
    files = _stat_files(config)
    return recorded == _fingerprint((name, mtime, size) for name, (mtime, size, _) in files.items())


def _document_fields(document: Document) -> dict[str, object]:
    from kbtool.analysis import codes_in, plain_text

    meta = document.meta
    tags = [tag for tag in meta.get("tags") or [] if isinstance(tag, str)] if isinstance(meta.get("tags"), list) else []
    keywords = [k for k in meta.get("keywords") or [] if isinstance(k, (str, int))] if isinstance(meta.get("keywords"), list) else []
    keyword_text = "\n".join(str(k) for k in keywords)
    summary = str(meta.get("summary") or "")
    title = document.title or document.path
    body = plain_text(document.body)
    codes = codes_in("\n".join([document.id, title, summary, keyword_text, body]))
    stored_meta = {key: str(value) for key, value in meta.items() if key in ("kind", "audience", "reviewed", "review_every", "version", "created")}
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
        "codes": " ".join(codes),
        "digest": document.digest,
        "meta": stored_meta,
    }


def build(config: Config, progress: Callable[[int], None] | None = None) -> IndexResult:
    """Build a complete new index beside the current one, then switch to it."""
    from whoosh import index as whoosh_index

    from kbtool.analysis import index_schema

    started = time.perf_counter()
    root = index_root(config)
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"gen-{time.strftime('%Y%m%d%H%M%S')}-", dir=root))
    cancel: Callable[[], None] | None = None
    try:
        files = _stat_files(config)
        ix = whoosh_index.create_in(str(folder), index_schema())
        many = len(files) >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1
        writer = ix.writer(limitmb=512, procs=2, multisegment=True, batchsize=250) if many else ix.writer(limitmb=1024)
        cancel = writer.cancel  # stops worker processes if anything below fails
        manifest: dict[str, list] = {}
        skipped: list[str] = []
        changes = IndexChanges()
        vocabulary: Counter[str] = Counter()
        for name, (mtime, size, path) in sorted(files.items()):
            document = _load(config, path)
            if document is None:
                skipped.append(name)
            else:
                fields = _document_fields(document)
                writer.add_document(**fields)
                vocabulary.update(_spellable(fields))
                changes.added.append(name)
            manifest[name] = [mtime, size, document.digest if document else ""]
            if progress:
                progress(1)
        cancel = None
        writer.commit()
        _write_json(folder / VOCABULARY, dict(vocabulary))
        _write_manifest(folder, manifest)
        _switch_to(root, folder)
    except BaseException:
        if cancel is not None:
            cancel()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _remove_old_generations(root, keep={folder.name})
    return IndexResult(True, len(changes.added), changes, skipped, time.perf_counter() - started, relative_name(config, folder))


def _load(config: Config, path: str) -> Document | None:
    from kbtool.documents import doc_type_of

    document, _ = read_document(config, Path(path), doc_type_of(config, Path(path)) or "article")
    return document


def _switch_to(root: Path, folder: Path) -> None:
    _write_atomic(root / CURRENT, folder.name + "\n")


# A superseded build is kept this long, in case a search still reads it; an
# unfinished one (no manifest) this long, in case another build is writing it.
SUPERSEDED_GRACE = 60
UNFINISHED_GRACE = 3600


def _remove_old_generations(root: Path, keep: set[str]) -> None:
    """Delete superseded builds and the leftovers of builds that were killed."""
    now = time.time()
    for child in root.iterdir():
        if not child.name.startswith("gen-") or child.name in keep:
            continue
        try:
            grace = SUPERSEDED_GRACE if (child / MANIFEST).exists() else UNFINISHED_GRACE
            if child.stat().st_mtime < now - grace:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


def update(config: Config, full: bool = False, progress: Callable[[int], None] | None = None) -> IndexResult:
    """Bring the index up to date: only added, changed and deleted files are touched."""
    folder = current_generation(config)
    manifest = _read_manifest(folder) if folder else {}
    if full or folder is None or not manifest:
        return build(config, progress)
    from whoosh import index as whoosh_index
    from whoosh.index import LockError

    started = time.perf_counter()
    files = _stat_files(config)
    changes = IndexChanges()
    new_manifest: dict[str, list] = {}
    pending: list[Document] = []
    skipped: list[str] = []
    for name, (mtime, size, path) in sorted(files.items()):
        old = manifest.get(name)
        if old and old[0] == mtime and old[1] == size:
            new_manifest[name] = old
            continue
        digest = _digest(path)
        if old and old[2] == digest and digest:
            changes.touched.append(name)
            new_manifest[name] = [mtime, size, digest]
            continue
        document = _load(config, path)
        if document is None:
            skipped.append(name)
        else:
            pending.append(document)
            (changes.changed if old else changes.added).append(name)
        new_manifest[name] = [mtime, size, document.digest if document else ""]
    changes.deleted = sorted(set(manifest) - set(files))
    if changes.count or skipped:
        ix = whoosh_index.open_dir(str(folder))
        try:
            writer = ix.writer(timeout=10.0)
        except LockError:
            raise KbError("the index is being updated by another kbtool process", hint="wait for it to finish, then run the command again") from None
        for name in changes.deleted + skipped:
            writer.delete_by_term("path", name)
        vocabulary = read_vocabulary(folder)
        for document in pending:
            fields = _document_fields(document)
            writer.update_document(**fields)
            # Words only ever join the list between full builds; the search
            # checks a suggestion still occurs before offering it.
            for word in _spellable(fields):
                vocabulary[word] = vocabulary.get(word, 0) + 1
            if progress:
                progress(1)
        writer.commit(mergetype=merge_small_segments)
        _write_json(folder / VOCABULARY, vocabulary)
    # Always rewritten: a manifest (or its fingerprint) from an interrupted
    # or older run is what made this update necessary.
    _write_manifest(folder, new_manifest)
    count = sum(1 for entry in new_manifest.values() if entry[2])
    return IndexResult(False, count, changes, skipped, time.perf_counter() - started, relative_name(config, folder))


# Segments below this many documents are folded into each incremental commit.
SMALL_SEGMENT = 1000


def merge_small_segments(writer, segments):  # type: ignore[no-untyped-def]
    """Whoosh merge policy: fold every small segment into the new one.

    Whoosh's default policy lets one-document segments pile up after many
    small updates, and every segment adds matcher set-up to every query.
    Folding those under SMALL_SEGMENT documents costs milliseconds.
    """
    from whoosh.reading import SegmentReader

    keep = []
    for segment in segments:
        if segment.doc_count_all() < SMALL_SEGMENT:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            keep.append(segment)
    return keep


def _digest(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return hashlib.sha1(stream.read()).hexdigest()
    except OSError:
        return ""


def open_index(config: Config):  # type: ignore[no-untyped-def]
    """The current Whoosh index; raises KbError when there is none."""
    from whoosh import index as whoosh_index

    folder = current_generation(config)
    if folder is None:
        raise KbError("there is no search index yet", hint="run `kbtool index`")
    return whoosh_index.open_dir(str(folder))


def ensure_fresh(config: Config) -> IndexResult | None:
    """Update the index when content changed since it was written; None when it was current."""
    if is_fresh(config):
        return None
    return update(config)
