"""Where documents used to be: their earlier paths, from git history, so the old addresses can redirect.

Read from the branch's daily history (`core/githistory.daily_history`, the
reading `kbtool freshness` uses), newest day first: a rename (`R`) maps the
old path to the new one, and chains of renames are followed to where the
file is now. A file deleted on the day another was added under a new name
(git did not pair them because the text changed too much) is matched by
the id at the start of its file name, which a rename keeps (rule
`filename-id`). Outside a git repository, or without history, there are
no earlier paths.
"""
from __future__ import annotations

from kbtool.core.config import Config
from kbtool.core.model import ID_IN_FILE_NAME


def moved_paths(config: Config, current: dict[str, str]) -> dict[str, str]:
    """Earlier repository path -> id, for documents whose page is now elsewhere. `current`: path -> id of each page."""
    from kbtool.core.githistory import daily_history
    from kbtool.core.gitrepo import repo_info

    info = repo_info(config.root)
    if not info.usable:
        return {}
    renamed: dict[str, str] = {}  # old path -> the path it was renamed to (the newest rename wins)
    deleted: set[str] = set()
    for period in daily_history(info, [config.articles_dir, config.sops_dir]):
        for change in period.changes.values():
            if change.status == "R" and change.old_path != change.path:
                renamed.setdefault(change.old_path, change.path)
            elif change.status == "D":
                deleted.add(change.path)
    ids_now = {_id_of(path): doc_id for path, doc_id in current.items() if _id_of(path)}
    found: dict[str, str] = {}
    for old in set(renamed) | deleted:
        if old in current:
            continue  # a path in use again is that document's own page
        path, seen = old, {old}
        while path in renamed and renamed[path] not in seen:
            path = renamed[path]
            seen.add(path)
        doc_id = current.get(path) or ids_now.get(_id_of(old))
        if doc_id:
            found[old] = doc_id
    return found


def _id_of(path: str) -> str:
    match = ID_IN_FILE_NAME.match(path.rsplit("/", 1)[-1])
    return f"{match.group(1).upper()}-{match.group(2)}" if match else ""  # as written: KB-0007, KB-00042
