"""Where documents used to be: their earlier paths, from git history, so the old addresses can redirect.

Renames come from `core/githistory.renamed_paths` (one `git log -M` over the
content folders, chains followed to the path in HEAD, a file deleted later
left out). A file deleted in the commit that added its successor under a
new name, with too much text rewritten for git to call it a rename, is
matched by the id its file name starts with, which a rename keeps (rule
`filename-id`). Outside a git repository there are no earlier paths.
"""
from __future__ import annotations

from kbtool.core.config import Config
from kbtool.core.model import ID_IN_FILE_NAME


def moved_paths(config: Config, current: dict[str, str]) -> dict[str, str]:
    """Earlier repository path -> id, for documents whose page is now elsewhere. `current`: path -> id of each page."""
    from kbtool.core.githistory import renamed_paths
    from kbtool.core.gitrepo import deleted_files, repo_info

    info = repo_info(config.root)
    if not info.usable:
        return {}
    found: dict[str, str] = {}
    for old, now in renamed_paths(info, [config.articles_dir, config.sops_dir]):
        if old not in current and now in current:
            found[old] = current[now]
    ids_now = {_id_of(path): doc_id for path, doc_id in current.items() if _id_of(path)}
    for folder in (config.articles_dir, config.sops_dir):
        for name in deleted_files(config.root, config.root / folder):
            old = info.from_git(name)
            if old and old not in current and old not in found and (doc_id := ids_now.get(_id_of(old))):
                found[old] = doc_id
    return found


def _id_of(path: str) -> str:
    match = ID_IN_FILE_NAME.match(path.rsplit("/", 1)[-1])
    return f"{match.group(1).upper()}-{match.group(2)}" if match else ""  # as written: KB-0007, KB-00042
