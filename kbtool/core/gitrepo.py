"""All git access: plain lists and dataclasses back, no git objects leak out.

Paths given and returned are relative to the knowledge base's root (which
may be a sub-folder of the repository), with forward slashes. Every function
runs a fixed number of git processes, never one per file: histories for all
documents come from one pass (`daily_history`), blobs from one batch
(`read_blobs`).
"""
from __future__ import annotations

import datetime
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from kbtool.core.errors import KbError

NO_BLOB = "0" * 40
_EMPTY_TREE = {"sha1": "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "sha256": "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"}
# Fields of one commit in `git log --format`; \x1e starts a commit, \x1f separates fields.
_COMMIT_FORMAT = "%x1e%H%x1f%T%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s"
# Large batches are split over this many git processes running at once.
_PROCESSES = max(1, min(4, os.cpu_count() or 1))
_T = TypeVar("_T")


class GitError(KbError):
    """A git command failed in a way the user has to look at (for example a failing commit hook)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: datetime.datetime
    committed: datetime.datetime  # in the committer's own time zone: its date is the day it landed
    subject: str = ""

    @property
    def day(self) -> datetime.date:
        return self.committed.date()


@dataclass(frozen=True)
class Change:
    """One file's change between two states: A added, M modified, D deleted, R renamed, T type changed."""

    status: str
    path: str  # the path after the change (before it, for a deletion)
    old_path: str  # the path before the change (the same unless renamed)
    old_blob: str  # NO_BLOB when added
    blob: str  # NO_BLOB when deleted


@dataclass(frozen=True)
class Period:
    """What the branch received on one day: the changes from the end of the previous day with commits."""

    day: datetime.date
    last: Commit  # the state at the end of the day
    changes: dict[str, Change]  # by path at the end of the day (old path for deletions)
    complete: bool = True  # False at the start of a shallow clone: the state before it is unknown


@dataclass(frozen=True)
class RepoInfo:
    """Whether and how the repository around a knowledge base can be read."""

    root: Path
    problem: str = ""  # why history cannot be read; "" when it can
    toplevel: Path | None = None
    prefix: str = ""  # the knowledge base's root relative to the top level: "" or "docs/kb-root/"
    head: str | None = None
    branch: str | None = None  # None when HEAD is detached (or there are no commits)
    shallow: frozenset[str] = frozenset()  # the commits a shallow clone's history stops at
    object_format: str = "sha1"

    @property
    def usable(self) -> bool:
        return not self.problem

    def to_git(self, path: str) -> str:
        return self.prefix + path

    def from_git(self, path: str) -> str | None:
        """The root-relative form of a top-level-relative path; None outside the knowledge base."""
        return path[len(self.prefix) :] if path.startswith(self.prefix) else None


@contextmanager
def _open(root: Path) -> Iterator[Any]:
    import git

    repo = git.Repo(root, search_parent_directories=True)
    try:
        yield repo
    finally:
        repo.close()


def _run(repo: Any, *args: str, stdin: bytes | None = None) -> bytes:
    """Output of one git command as bytes (decoded by the caller: paths may not be UTF-8)."""
    command = [repo.git.GIT_PYTHON_GIT_EXECUTABLE, *args]
    if stdin is None:
        return repo.git.execute(command, stdout_as_string=False, strip_newline_in_stdout=False)
    with tempfile.TemporaryFile() as handle:  # a file, not a pipe: large inputs and outputs cannot deadlock
        handle.write(stdin)
        handle.seek(0)
        return repo.git.execute(command, istream=handle, stdout_as_string=False, strip_newline_in_stdout=False)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


def _batched(info: RepoInfo, command: list[str], lines: list[str], parse: Callable[[bytes], _T], smallest: int = 500) -> list[_T]:
    """`command` fed `lines` on standard input, split over several git processes running at once when there are many.

    Each part's output is parsed in its own thread, while the other parts'
    git processes still run. The parts are returned in order.
    """
    if not lines:
        return []
    count = max(1, min(_PROCESSES, len(lines) // smallest))
    size = -(-len(lines) // count)
    parts = [lines[start : start + size] for start in range(0, len(lines), size)]

    def run(part: list[str]) -> _T:
        with _open(info.root) as repo:
            return parse(_run(repo, *command, stdin="".join(line + "\n" for line in part).encode()))

    if len(parts) == 1:
        return [run(parts[0])]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        return list(pool.map(run, parts))


def repo_info(root: Path) -> RepoInfo:
    """What `root`'s repository allows: never raises; `problem` says what is missing."""
    try:
        import git
    except ImportError:  # GitPython refuses to import when no git executable exists
        return RepoInfo(root, "git is not installed")
    try:
        with _open(root) as repo:
            if repo.bare or repo.working_tree_dir is None:
                return RepoInfo(root, "the repository has no working tree")
            toplevel = Path(repo.working_tree_dir).resolve()
            prefix = Path(root).resolve().relative_to(toplevel).as_posix()
            prefix = "" if prefix == "." else prefix + "/"
            try:
                head = _text(_run(repo, "rev-parse", "--verify", "-q", "HEAD")).strip()
            except git.GitCommandError:
                return RepoInfo(root, "the repository has no commits yet", toplevel, prefix)
            branch = None if repo.head.is_detached else repo.head.ref.name
            lines = _text(_run(repo, "rev-parse", "--is-shallow-repository", "--git-path", "shallow")).splitlines()
            shallow: frozenset[str] = frozenset()
            if lines and lines[0] == "true":
                shallow_file = toplevel / lines[1]
                shallow = frozenset(shallow_file.read_text(encoding="ascii").split()) if shallow_file.is_file() else frozenset()
            try:
                object_format = _text(_run(repo, "rev-parse", "--show-object-format")).strip() or "sha1"
            except git.GitCommandError:
                object_format = "sha1"
            return RepoInfo(root, "", toplevel, prefix, head, branch, shallow, object_format)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return RepoInfo(root, "not a git repository")
    except (git.GitError, OSError, ValueError) as error:
        return RepoInfo(root, f"git cannot read the repository: {error}")


def _parse_commit(header: str) -> Commit:
    sha, tree, parents, author, email, authored, committed, subject = header.split("\x1f", 7)
    return Commit(
        sha, tree, tuple(parents.split()), author, email,
        datetime.datetime.fromisoformat(authored), datetime.datetime.fromisoformat(committed), subject,
    )


def _parse_raw(tokens: list[str], start: int, info: RepoInfo) -> tuple[list[Change], int]:
    """`:mode mode blob blob status` entries of `--raw -z` output from `tokens[start]` on."""
    changes = []
    index = start
    while index < len(tokens) and tokens[index].startswith(":"):
        _, _, old_blob, blob, status = tokens[index][1:].split(" ")
        if status[0] in "RC":
            old_name, name, index = tokens[index + 1], tokens[index + 2], index + 3
        else:
            old_name = name = tokens[index + 1]
            index += 2
        path, old_path = info.from_git(name), info.from_git(old_name)
        if path is not None:
            changes.append(Change(status[0], path, old_path if old_path is not None else path, old_blob, blob))
    return changes, index


def first_parent_commits(info: RepoInfo) -> list[Commit]:
    """The branch's own commits, newest first (merged branches count on the day they were merged)."""
    with _open(info.root) as repo:
        output = _text(_run(repo, "log", "--first-parent", f"--format={_COMMIT_FORMAT}", "HEAD"))
    return [_parse_commit(chunk.rstrip("\n")) for chunk in output.split("\x1e") if chunk.strip()]


def daily_history(info: RepoInfo, folders: list[str], since: datetime.date | None = None) -> list[Period]:
    """The changes to files under `folders`, one period per day with commits, newest first.

    One `git diff-tree` process compares the branch's state at the end of
    each day with the end of the day before: per-commit diffs of a folder
    with thousands of files cost git a tree walk per commit, and reviews are
    dated by the day. Days up to `since` are not read (the newest of them is
    the starting state). A day is grouped by the committer's date, in
    first-parent order.
    """
    commits = first_parent_commits(info)
    runs: list[list[Commit]] = []
    for commit in commits:
        if runs and runs[-1][0].day == commit.day:
            runs[-1].append(commit)
        else:
            runs.append([commit])
    cut = next((index for index, run in enumerate(runs) if since is not None and run[0].day <= since), len(runs))
    wanted = runs[:cut]
    pairs: list[tuple[str, str]] = []
    starts_unknown = False
    for index, run in enumerate(wanted):
        if index + 1 < len(runs):
            pairs.append((runs[index + 1][0].tree, run[0].tree))
        elif run[-1].sha in info.shallow:
            starts_unknown = True  # the history before this day was not fetched
        else:
            pairs.append((_EMPTY_TREE.get(info.object_format, _EMPTY_TREE["sha1"]), run[0].tree))
    command = ["diff-tree", "--stdin", "-r", "-M", "--raw", "--no-abbrev", "-z", "--", *[info.to_git(f) for f in folders]]
    found: dict[tuple[str, str], list[Change]] = {}
    for part in _batched(info, command, [f"{old} {new}" for old, new in pairs], lambda output: _parse_pair_output(_text(output), info), smallest=100):
        found.update(part)
    periods = []
    for index, run in enumerate(wanted):
        if index < len(pairs):
            changes = {change.path: change for change in found.get(pairs[index], [])}
            periods.append(Period(run[0].day, run[0], changes))
        else:
            periods.append(Period(run[0].day, run[0], {}, complete=not starts_unknown))
    return periods


def _parse_pair_output(output: str, info: RepoInfo) -> dict[tuple[str, str], list[Change]]:
    """`diff-tree --stdin -z` output: an `old new` line per pair, then its raw entries."""
    found: dict[tuple[str, str], list[Change]] = {}
    position = 0
    while position < len(output):
        end = output.index("\n", position)
        old, new = output[position:end].split(" ")
        position = end + 1
        tokens: list[str] = []
        while position < len(output) and output[position] == ":":
            meta_end = output.index("\0", position)
            meta = output[position:meta_end]
            count = 2 if meta.rsplit(" ", 1)[-1][0] in "RC" else 1
            tokens.append(meta)
            position = meta_end + 1
            for _ in range(count):
                name_end = output.index("\0", position)
                tokens.append(output[position:name_end])
                position = name_end + 1
        found[(old, new)] = _parse_raw(tokens, 0, info)[0]
    return found


def file_history(info: RepoInfo, path: str) -> list[tuple[Commit, Change]]:
    """Every commit that changed the file at `path`, newest first, following renames."""
    with _open(info.root) as repo:
        output = _text(_run(repo, "log", "--follow", "-M", "--raw", "--no-abbrev", "-z", f"--format={_COMMIT_FORMAT}", "--", info.to_git(path)))
    history = []
    for chunk in output.split("\x1e"):
        if not chunk.strip():
            continue
        header, _, rest = chunk.partition("\0")
        commit = _parse_commit(header)
        changes, _ = _parse_raw([token for token in rest.lstrip("\n").split("\0")], 0, info)
        history.extend((commit, change) for change in changes[:1])
    return history


def tracked_blobs(info: RepoInfo, folders: list[str]) -> dict[str, str]:
    """Path -> blob id of every file under `folders` in HEAD's tree."""
    with _open(info.root) as repo:
        output = _text(_run(repo, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", *[info.to_git(f) for f in folders]))
    blobs = {}
    for entry in output.split("\0"):
        if entry:
            meta, _, name = entry.partition("\t")
            path = info.from_git(name)
            if path is not None:
                blobs[path] = meta.split(" ")[2]
    return blobs


def changed_files(info: RepoInfo, paths: list[str]) -> set[str]:
    """Files at or under `paths` whose working copy differs from HEAD (staged or not)."""
    with _open(info.root) as repo:
        output = _text(_run(repo, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", *[info.to_git(path) for path in paths]))
    return {path for name in output.split("\0") if name and (path := info.from_git(name)) is not None}


def staged_files(info: RepoInfo) -> set[str]:
    """Every path staged for the next commit, relative to the top level (works before the first commit too)."""
    with _open(info.root) as repo:
        output = _text(_run(repo, "diff", "--cached", "--name-only", "-z", "--no-renames") if info.head else _run(repo, "ls-files", "-z"))
    return {name for name in output.split("\0") if name}


def read_blobs(info: RepoInfo, blobs: set[str]) -> dict[str, bytes]:
    """The contents of `blobs`, read by one `git cat-file --batch`; missing ones are left out."""
    wanted = sorted(blob for blob in blobs if blob and blob != NO_BLOB)
    if not wanted:
        return {}
    contents: dict[str, bytes] = {}
    for part in _batched(info, ["cat-file", "--batch"], wanted, _parse_blobs):
        contents.update(part)
    return contents


def _parse_blobs(output: bytes) -> dict[str, bytes]:
    """`cat-file --batch` output: `<id> <type> <size>` lines, each followed by the object's bytes."""
    contents: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) == 3:
            size = int(header[2])
            contents[header[0].decode()] = output[position : position + size]
            position += size + 1
    return contents


def identity_problem(info: RepoInfo) -> str:
    """Why git could not make a commit here ("" when it can): usually a missing user.name or user.email."""
    import git

    try:
        with _open(info.root) as repo:
            _run(repo, "var", "GIT_AUTHOR_IDENT")
            _run(repo, "var", "GIT_COMMITTER_IDENT")
    except git.GitCommandError as error:
        lines = [line for line in _stderr(error).splitlines() if line.strip()]
        return lines[-1].strip() if lines else "no author identity"
    return ""


def _stderr(error: Any) -> str:
    """What git printed on standard error (GitPython wraps it as `stderr: '...'`)."""
    text = error.stderr.decode("utf-8", "replace") if isinstance(error.stderr, bytes) else str(error.stderr or "")
    text = text.strip()
    if text.startswith("stderr:"):
        text = text[len("stderr:") :].strip()
        text = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text
    return text.strip()


def commit_files(info: RepoInfo, paths: list[str], message: str) -> str:
    """Stage `paths` and commit them (hooks and signing as configured); the new commit's id."""
    import git

    try:
        with _open(info.root) as repo:
            _run(repo, "add", "--", *[info.to_git(path) for path in paths])
            _run(repo, "commit", "-q", "-m", message)
            return _text(_run(repo, "rev-parse", "HEAD")).strip()
    except git.GitCommandError as error:
        detail = _stderr(error)
        raise GitError(f"git commit failed: {detail or error}", hint="the files are changed and staged; fix the problem and commit them yourself") from None


def deleted_files(root: Path, folder: Path) -> list[str]:
    """Paths under `folder` deleted at any point in the history of `root`'s repository.

    Empty when `root` is not in a git repository or git is unavailable.
    """
    try:
        import git
    except ImportError:  # GitPython refuses to import when no git executable exists
        return []
    try:
        repo = git.Repo(root, search_parent_directories=True)
        if not repo.head.is_valid():
            return []
        output = repo.git.log("--all", "--diff-filter=D", "--name-only", "--pretty=format:", "--", str(folder))
    except git.GitError:
        return []
    return [line.strip() for line in output.splitlines() if line.strip()]


def user_email(root: Path) -> str:
    """git's user.email as seen from `root`, or "" when unset or unavailable."""
    try:
        import git

        return str(git.Repo(root, search_parent_directories=True).config_reader().get_value("user", "email", ""))
    except (ImportError, git.GitError, OSError):
        return ""
