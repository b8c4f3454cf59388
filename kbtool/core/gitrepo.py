"""All git access: plain lists back, no git objects leak out."""
from __future__ import annotations

from pathlib import Path


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


def files_git_knows(root: Path, folder: Path) -> list[str]:
    """Paths under `folder` that git knows of: deleted in any commit, in HEAD, or staged in the index.

    A deletion that is staged but not committed still leaves the path in HEAD,
    so an id is never handed out again just because its file was `git rm`-ed.
    """
    try:
        import git
    except ImportError:
        return []
    try:
        repo = git.Repo(root, search_parent_directories=True)
        names = repo.git.ls_files("--", str(folder)).splitlines()
        if repo.head.is_valid():
            names += repo.git.ls_tree("-r", "--name-only", "HEAD", "--", str(folder)).splitlines()
    except git.GitError:
        return []
    return sorted({name.strip() for name in names if name.strip()} | set(deleted_files(root, folder)))


def user_email(root: Path) -> str:
    """git's user.email as seen from `root`, or "" when unset or unavailable."""
    try:
        import git

        return str(git.Repo(root, search_parent_directories=True).config_reader().get_value("user", "email", ""))
    except (ImportError, git.GitError, OSError):
        return ""
