"""Building and incrementally updating the Whoosh search index.

A full build fills a new generation folder (`generations.py`) and switches to
it when complete. An incremental update re-indexes only files whose content
hash changed, through Whoosh, which switches to a new table of contents only
once every segment file is written. Whether anything changed at all is
answered by `staleness.py` from `stat` calls.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kbtool.core.config import Config
from kbtool.core.discovery import doc_type_of
from kbtool.core.documents import Document, read_document
from kbtool.core.errors import KbError
from kbtool.core.findings import Finding, make_finding
from kbtool.core.model import type_of_id
from kbtool.search.generations import current_generation, new_generation, switch_to
from kbtool.search.spelling import read_vocabulary, write_vocabulary
from kbtool.search.staleness import Manifest, is_current, read_left_out, read_manifest, stat_files, write_left_out, write_manifest

_NO_PROBLEM = Finding("", 0, "", "", "", "")
# Many documents: let Whoosh index with two processes and keep their segments.
MULTIPROCESS_THRESHOLD = 2000
# Segments below this many documents are folded into each incremental commit.
SMALL_SEGMENT = 1000


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
    left_out: list[Finding]  # every file the index holds no document for, and why
    seconds: float
    location: str  # the generation folder, relative to the root when inside it
    read_only_root: bool = False  # the repository is read-only: the index lives in the user's cache

    @property
    def did_work(self) -> bool:
        return self.full or bool(self.changes.count)

    exit_code = 0


def build(config: Config, progress: Callable[[int], None] | None = None) -> IndexResult:
    """Build a complete new index beside the current one, then switch to it."""
    from whoosh import index as whoosh_index

    from kbtool.search.fields import document_fields, index_schema, spellable_words

    started = time.perf_counter()
    folder = new_generation(config)
    cancel: Callable[[], None] | None = None
    try:
        files = stat_files(config)
        ix = whoosh_index.create_in(str(folder), index_schema())
        many = len(files) >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1
        writer = ix.writer(limitmb=512, procs=2, multisegment=True, batchsize=250) if many else ix.writer(limitmb=1024)
        cancel = writer.cancel  # stops worker processes if anything below fails
        manifest: Manifest = {}
        left_out: dict[str, Finding] = {}
        changes = IndexChanges()
        vocabulary: Counter[str] = Counter()
        for name, (mtime, size, path) in sorted(files.items()):
            document, problem = _load(config, path)
            if document is None:
                left_out[name] = problem
            else:
                fields = document_fields(document)
                writer.add_document(**fields)
                vocabulary.update(spellable_words(fields))
                changes.added.append(name)
            manifest[name] = [mtime, size, document.digest if document else ""]
            if progress:
                progress(1)
        cancel = None
        writer.commit()
        write_vocabulary(folder, vocabulary)
        write_left_out(folder, left_out.values())
        write_manifest(folder, manifest)
        switch_to(config, folder)
    except BaseException:
        if cancel is not None:
            cancel()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return IndexResult(True, len(changes.added), changes, sorted(left_out.values(), key=lambda f: f.path), time.perf_counter() - started, config.relative(folder), config.state_is_fallback)


def _load(config: Config, path: str) -> tuple[Document | None, Finding]:
    """The document, or None and the finding that says why it cannot be read."""
    document, findings = read_document(config, Path(path), doc_type_of(config, Path(path)) or "article")
    if document is not None and document.id and type_of_id(document.id) != document.doc_type:
        # A copy of an SOP under kb/ (or the reverse) would answer for the real one: left out, as validate reports it.
        folder = config.articles_dir if document.doc_type == "article" else config.sops_dir
        return None, make_finding("id-format", document.path, document.line_of("id"), f"id `{document.id}` does not belong under {folder}/ (this file is under the {document.doc_type} folder)")
    return document, findings[0] if document is None else findings[0] if findings else _NO_PROBLEM


def update(config: Config, full: bool = False, progress: Callable[[int], None] | None = None) -> IndexResult:
    """Bring the index up to date: only added, changed and deleted files are touched."""
    folder = current_generation(config)
    manifest = read_manifest(folder) if folder else {}
    if full or folder is None or not manifest:
        return build(config, progress)
    from whoosh import index as whoosh_index
    from whoosh.index import LockError

    from kbtool.search.fields import document_fields, spellable_words

    started = time.perf_counter()
    files = stat_files(config)
    changes = IndexChanges()
    new_manifest: Manifest = {}
    pending: list[Document] = []
    left_out = {finding.path: finding for finding in read_left_out(folder)}
    newly_left_out: list[str] = []
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
        document, problem = _load(config, path)
        if document is None:
            left_out[name] = problem
            newly_left_out.append(name)
        else:
            left_out.pop(name, None)
            pending.append(document)
            (changes.changed if old else changes.added).append(name)
        new_manifest[name] = [mtime, size, document.digest if document else ""]
    changes.deleted = sorted(set(manifest) - set(files))
    for name in changes.deleted:
        left_out.pop(name, None)
    if changes.count or newly_left_out:
        ix = whoosh_index.open_dir(str(folder))
        try:
            writer = ix.writer(timeout=10.0)
        except LockError:
            raise KbError("the index is being updated by another kbtool process", hint="wait for it to finish, then run the command again") from None
        for name in changes.deleted + newly_left_out:
            writer.delete_by_term("path", name)
        vocabulary = read_vocabulary(folder)
        for document in pending:
            fields = document_fields(document)
            writer.update_document(**fields)
            # Words only ever join the list between full builds; the speller
            # checks a suggestion still occurs before offering it.
            for word in spellable_words(fields):
                vocabulary[word] = vocabulary.get(word, 0) + 1
            if progress:
                progress(1)
        writer.commit(mergetype=merge_small_segments)
        write_vocabulary(folder, vocabulary)
    # Always rewritten: a manifest (or its fingerprint) from an interrupted
    # or older run is what made this update necessary.
    write_left_out(folder, left_out.values())
    write_manifest(folder, new_manifest)
    count = sum(1 for entry in new_manifest.values() if entry[2])
    return IndexResult(False, count, changes, sorted(left_out.values(), key=lambda f: f.path), time.perf_counter() - started, config.relative(folder), config.state_is_fallback)


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
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


def open_index(config: Config, mapped: bool = True) -> Any:
    """The current Whoosh index; raises KbError when there is none.

    `mapped`: read its files through memory maps, the fastest for many
    queries. Whoosh copies each mapped file into memory as it opens it
    (tens of milliseconds at 10,000 documents), so a single search reads
    through plain files instead.
    """
    from whoosh.filedb.filestore import FileStorage

    folder = current_generation(config)
    if folder is None:
        raise KbError("there is no search index yet", hint="run `kbtool index`")
    return FileStorage(str(folder), supports_mmap=mapped).open_index()


def bring_up_to_date(config: Config) -> IndexResult | None:
    """Update the index when content changed since it was written; None when it was current."""
    if is_current(config):
        return None
    return update(config)
