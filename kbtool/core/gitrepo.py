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
from typing import Any, Callable, Iterator, NamedTuple, TypeVar

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


class Change(NamedTuple):  # a tuple: tens of thousands are made while reading a history
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
    last: str  # the commit holding the state at the end of the day
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


def _raw_entry(tokens: list[str], index: int, info: RepoInfo) -> tuple[Change | None, int]:
    """The `:mode mode blob blob status` entry of `--raw -z` output at `tokens[index]`, and the index after its paths.

    None for a file outside the knowledge base.
    """
    _, _, old_blob, blob, status = tokens[index][1:].split(" ")
    if status[0] in "RC":
        old_name, name, index = tokens[index + 1], tokens[index + 2], index + 3
    else:
        old_name = name = tokens[index + 1]
        index += 2
    path, old_path = info.from_git(name), info.from_git(old_name)
    if path is None:
        return None, index
    return Change(status[0], path, old_path if old_path is not None else path, old_blob, blob), index


class DailyHistory:
    """The changes to files under `folders`, one period per day with commits, newest first.

    `periods(since)` compares the branch's state at the end of each day with
    the end of the day before, in one pass of `git diff-tree` (split over a
    few processes running at once): per-commit diffs of a folder with
    thousands of files cost git a walk of the whole folder per commit, and
    reviews are dated by the day anyway. Days up to `since` are not read
    (the newest of them is the starting state), and a day already read is
    not read again. A day is the committer's date, in first-parent order, so
    a merged branch counts on the day it was merged.
    """

    def __init__(self, info: RepoInfo, folders: list[str]) -> None:
        self.info = info
        self.command = ["diff-tree", "--stdin", "-r", "-M", "--raw", "--no-abbrev", "-z", "--", *[info.to_git(f) for f in folders]]
        with _open(info.root) as repo:
            output = _text(_run(repo, "log", "--first-parent", "--format=%H %T %cs", "HEAD"))
        self.runs: list[tuple[str, str, str, str]] = []  # (day, newest commit, its tree, oldest commit)
        for line in output.splitlines():
            sha, tree, day = line.split(" ")
            if self.runs and self.runs[-1][0] == day:
                self.runs[-1] = (day, self.runs[-1][1], self.runs[-1][2], sha)
            else:
                self.runs.append((day, sha, tree, sha))
        self._read: dict[int, dict[str, Change]] = {}  # run index -> its changes

    def _pair(self, index: int) -> tuple[str, str] | None:
        """The trees to compare for run `index`; None at the start of a shallow clone (the day before is unknown)."""
        if index + 1 < len(self.runs):
            return self.runs[index + 1][2], self.runs[index][2]
        if self.runs[index][3] in self.info.shallow:
            return None
        return _EMPTY_TREE.get(self.info.object_format, _EMPTY_TREE["sha1"]), self.runs[index][2]

    def _cut(self, since: datetime.date | None) -> int:
        """How many runs are after `since` (all of them without one)."""
        limit = since.isoformat() if since is not None else ""
        return next((index for index, run in enumerate(self.runs) if run[0] <= limit), len(self.runs))

    def read_next(self, count: int, since: datetime.date | None = None) -> bool:
        """Read up to `count` more days after `since`, newest first; False when none are left to read."""
        indexes = [index for index in range(self._cut(since)) if index not in self._read][:count]
        self._read_runs(indexes)
        return bool(indexes)

    def _read_runs(self, indexes: list[int]) -> None:
        missing = {index: pair for index in indexes if (pair := self._pair(index))}
        found: dict[tuple[str, str], list[Change]] = {}
        lines = [f"{old} {new}" for old, new in dict.fromkeys(missing.values())]
        for part in _batched(self.info, self.command, lines, lambda output: _parse_pair_output(_text(output), self.info), smallest=100):
            found.update(part)
        for index, pair in missing.items():
            self._read[index] = {change.path: change for change in found.get(pair, [])}

    def periods(self, since: datetime.date | None = None) -> list[Period]:
        """Every day after `since`, newest first, reading those not read yet."""
        cut = self._cut(since)
        self._read_runs([index for index in range(cut) if index not in self._read])
        return [
            Period(datetime.date.fromisoformat(day), last, self._read.get(index, {}), complete=index in self._read)
            for index, (day, last, _, _) in enumerate(self.runs[:cut])
        ]


def daily_history(info: RepoInfo, folders: list[str], since: datetime.date | None = None) -> list[Period]:
    """`DailyHistory(info, folders).periods(since)`: each day's changes, newest first."""
    return DailyHistory(info, folders).periods(since)


def _parse_pair_output(output: str, info: RepoInfo) -> dict[tuple[str, str], list[Change]]:
    """`diff-tree --stdin -z` output: an `old new` line per pair, then its `:meta\0path\0[path\0]` entries."""
    found: dict[tuple[str, str], list[Change]] = {}
    tokens = output.split("\0")
    current: list[Change] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        while token and token[0] != ":":  # pair lines end with a newline, not a NUL; empty pairs come one after another
            line, _, token = token.partition("\n")
            old, new = line.split(" ")
            current = found.setdefault((old, new), [])
        if not token:
            index += 1
            continue
        tokens[index] = token
        change, index = _raw_entry(tokens, index, info)
        if change is not None:
            current.append(change)
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
        tokens = rest.lstrip("\n").split("\0")
        change = _raw_entry(tokens, 0, info)[0] if tokens[0].startswith(":") else None  # a merge shows no change
        if change is not None:
            history.append((_parse_commit(header), change))
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
    """The contents of `blobs`, read in one batch (`git cat-file --batch`, split over a few processes); missing ones are left out."""
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
    info = repo_info(root)
    if not info.usable:
        return []
    import git

    try:
        with _open(root) as repo:
            output = _text(_run(repo, "log", "--all", "--diff-filter=D", "--name-only", "--pretty=format:", "--", str(folder)))
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
