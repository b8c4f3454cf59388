"""All git access: plain lists and dataclasses back, no git objects leak out.

Every git process kbtool starts runs here (`run_git`, `batched`);
`kbtool.core.githistory` builds histories on top. Paths given and returned
are relative to the knowledge base's root (which may be a sub-folder of the
repository), with forward slashes. Every function runs a fixed number of git
processes, never one per file: blobs, for instance, come in one batch
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
# Large batches are split over this many git processes running at once.
_PROCESSES = max(1, min(4, os.cpu_count() or 1))
_T = TypeVar("_T")


class GitError(KbError):
    """A git command failed in a way the user has to look at (for example a failing commit hook)."""


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


def git_text(data: bytes) -> str:
    """git's output as text; bytes that are not UTF-8 (in paths) survive as surrogates."""
    return data.decode("utf-8", errors="surrogateescape")


def run_git(info: RepoInfo, *args: str) -> bytes:
    """The output of one git command in `info`'s repository."""
    with _open(info.root) as repo:
        return _run(repo, *args)


def batched(info: RepoInfo, command: list[str], lines: list[str], parse: Callable[[bytes], _T], smallest: int = 500) -> list[_T]:
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
                head = git_text(_run(repo, "rev-parse", "--verify", "-q", "HEAD")).strip()
            except git.GitCommandError:
                return RepoInfo(root, "the repository has no commits yet", toplevel, prefix)
            branch = None if repo.head.is_detached else repo.head.ref.name
            lines = git_text(_run(repo, "rev-parse", "--is-shallow-repository", "--git-path", "shallow")).splitlines()
            shallow: frozenset[str] = frozenset()
            if lines and lines[0] == "true":
                shallow_file = toplevel / lines[1]
                shallow = frozenset(shallow_file.read_text(encoding="ascii").split()) if shallow_file.is_file() else frozenset()
            try:
                object_format = git_text(_run(repo, "rev-parse", "--show-object-format")).strip() or "sha1"
            except git.GitCommandError:
                object_format = "sha1"
            return RepoInfo(root, "", toplevel, prefix, head, branch, shallow, object_format)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return RepoInfo(root, "not a git repository")
    except (git.GitError, OSError, ValueError) as error:
        return RepoInfo(root, f"git cannot read the repository: {error}")


def tracked_blobs(info: RepoInfo, folders: list[str]) -> dict[str, str]:
    """Path -> blob id of every file under `folders` in HEAD's tree."""
    with _open(info.root) as repo:
        output = git_text(_run(repo, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", *[info.to_git(f) for f in folders]))
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
        output = git_text(_run(repo, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", *[info.to_git(path) for path in paths]))
    return {path for name in output.split("\0") if name and (path := info.from_git(name)) is not None}


def staged_files(info: RepoInfo) -> set[str]:
    """Every path staged for the next commit, relative to the top level (works before the first commit too)."""
    with _open(info.root) as repo:
        output = git_text(_run(repo, "diff", "--cached", "--name-only", "-z", "--no-renames") if info.head else _run(repo, "ls-files", "-z"))
    return {name for name in output.split("\0") if name}


def read_blobs(info: RepoInfo, blobs: set[str]) -> dict[str, bytes]:
    """The contents of `blobs`, read in one batch (`git cat-file --batch`, split over a few processes); missing ones are left out."""
    wanted = sorted(blob for blob in blobs if blob and blob != NO_BLOB)
    if not wanted:
        return {}
    contents: dict[str, bytes] = {}
    for part in batched(info, ["cat-file", "--batch"], wanted, _parse_blobs):
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
            return git_text(_run(repo, "rev-parse", "HEAD")).strip()
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
            output = git_text(_run(repo, "log", "--all", "--diff-filter=D", "--name-only", "--pretty=format:", "--", str(folder)))
    except git.GitError:
        return []
    return [line.strip() for line in output.splitlines() if line.strip()]


def files_git_knows(root: Path, folder: Path) -> list[str]:
    """Paths under `folder` that git knows of: deleted in any commit, in HEAD, or staged in the index.

    A deletion that is staged but not committed still leaves the path in HEAD,
    so an id is never handed out again just because its file was `git rm`-ed.
    """
    info = repo_info(root)
    if not info.usable:
        return []
    import git

    try:
        with _open(root) as repo:
            names = git_text(_run(repo, "ls-files", "--", str(folder))).splitlines()
            if repo.head.is_valid():
                names += git_text(_run(repo, "ls-tree", "-r", "--name-only", "HEAD", "--", str(folder))).splitlines()
    except git.GitError:
        return []
    return sorted({name.strip() for name in names if name.strip()} | set(deleted_files(root, folder)))


def user_email(root: Path) -> str:
    """git's user.email as seen from `root`, or "" when unset or unavailable."""
    try:
        import git

        with _open(root) as repo:
            return str(repo.config_reader().get_value("user", "email", ""))
    except (ImportError, git.GitError, OSError):
        return ""


# --- Comparing two states (kbtool changes) ------------------------------------
def resolve_commit(info: RepoInfo, ref: str) -> str | None:
    """The commit `ref` names (a branch, tag, `origin/main`, a sha), or None when it names none here."""
    import git

    try:
        return git_text(run_git(info, "rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}")).strip() or None
    except git.GitCommandError:
        return None


def merge_base(info: RepoInfo, first: str, second: str) -> str | None:
    """The newest commit both histories share (where a branch left its base); None when git finds none."""
    import git

    try:
        return git_text(run_git(info, "merge-base", first, second)).strip() or None
    except git.GitCommandError:
        return None


def commit_day(info: RepoInfo, sha: str) -> datetime.date:
    """The day `sha` was committed, in its committer's own time zone."""
    return datetime.date.fromisoformat(git_text(run_git(info, "log", "-1", "--format=%cs", sha)).strip())


def untracked_files(info: RepoInfo, paths: list[str]) -> list[str]:
    """Files at or under `paths` that git does not track and does not ignore, root-relative."""
    output = git_text(run_git(info, "ls-files", "--others", "--exclude-standard", "-z", "--", *[info.to_git(path) for path in paths]))
    return sorted(path for name in output.split("\0") if name and (path := info.from_git(name)) is not None)


def export_tree(info: RepoInfo, sha: str, destination: Path) -> Path:
    """Write the knowledge base as it is in commit `sha` into `destination`; the knowledge base's root there.

    `git archive` reads the commit without touching the working tree, the
    index or the repository's list of worktrees. A member that would land
    outside `destination` (a link out of the repository) is left out.
    """
    import io
    import tarfile

    data = run_git(info, "archive", "--format=tar", sha, *([info.prefix.rstrip("/")] if info.prefix else []))
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            try:
                if hasattr(tarfile, "data_filter"):
                    archive.extract(member, destination, filter="data")
                elif not member.issym() and not member.islnk():  # pragma: no cover - Python without extraction filters
                    archive.extract(member, destination)
            except (tarfile.TarError, OSError):
                continue
    return destination / info.prefix if info.prefix else destination
