"""Converting a body's links and images so every one of them works in the knowledge base.

Links between imported files point at the new files; links and images to
other files that exist in the source are copied into `assets/` beside the
articles; site-root links (`/exchange/...`) become absolute under the base
URL; anything else that cannot work (a missing image, a page not imported, a
path leaving the source folder) is turned into its text and noted, so the
imported article passes `kbtool validate` and the report says what to finish.
The profile converts its own syntax afterwards (`Profile.convert_syntax`).
"""
from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from kbtool.core import markdown as md
from kbtool.core.config import is_inside
from kbtool.importers.frontmatter import split
from kbtool.importers.generic import Profile
from kbtool.importers.report import Note
from kbtool.importers.sources import is_markdown

ASSETS = "assets"
MAX_INCLUDE_DEPTH = 4

# A link or image: text, target (in <...>, or plain, where spaces are allowed
# as many real files have them: `(img/my shot.png)`), optional title.
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^)\s]*(?:[ \t]+[^)\s\"'(][^)\s]*)*)((?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?)\s*\)")
_REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)(.*)$")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(\"[^\"]*\"|'[^']*')[^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]")  # wider than kbtool's [[ID]] references


@dataclass
class Collection:
    """What conversion knows about the whole import."""

    source_dir: Path
    profile: Profile
    targets: dict[str, str]  # source path of each imported page -> its new file name in the import folder
    not_imported: dict[str, str]  # source path of a Markdown file not imported -> why
    base_url: str | None = None
    assets: dict[str, str] = field(default_factory=dict)  # source path -> path inside the import folder
    includes_used: Counter[str] = field(default_factory=Counter)


def fence_roles(lines: list[str]) -> list[str]:
    """Each line's part in fenced code: "open", "code", "close" or "" (outside), at any indentation.

    A fence opened inside a list item also ends where the item does (a
    non-blank line indented less than the fence), as CommonMark has it, so
    one unclosed fence does not turn the rest of the page into code.
    """
    roles: list[str] = []
    fence: str | None = None
    indent = 0
    for line in lines:
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip()[len(match.group(1)) :].strip():
                fence = None
                roles.append("close")
                continue
            if not line.strip() or len(line) - len(line.lstrip()) >= indent:
                roles.append("code")
                continue
            fence = None  # the list item holding the fence has ended
        fence = match.group(1) if match else None
        indent = len(line) - len(line.lstrip())
        roles.append("open" if match else "")
    return roles


def code_lines(lines: list[str]) -> list[bool]:
    """Which lines are fenced code (fences included), as the one Markdown reading sees them: never rewritten."""
    verbatim = md.verbatim_lines(md.parse("\n".join(lines)), (md.CODE,))
    return [index + 1 in verbatim for index in range(len(lines))]


def outside_code_spans(line: str, change) -> str:  # type: ignore[no-untyped-def]
    """`change` applied to `line` with its `code spans` hidden, so their text is never rewritten.

    Spans are masked, not cut out, so a link whose text is code
    (``[`New-MoveRequest`](/powershell/...)``) is still seen as a link.
    """
    if "`" not in line:
        return change(line)
    spans: list[str] = []

    def hide(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    changed = change(_CODE_SPAN.sub(hide, line))
    return re.sub("\x00(\\d+)\x00", lambda match: spans[int(match.group(1))], changed)


def _join_split_links(lines: list[str]) -> list[str]:
    """A link whose target starts on the next line (`[text](` then `/path)`) joined onto one line."""
    if not any(line.rstrip().endswith("](") for line in lines):
        return lines
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].rstrip().endswith("](") and line.strip():
            joined[-1] = joined[-1].rstrip() + line.strip()
        else:
            joined.append(line)
    return joined


def align_closing_fences(lines: list[str]) -> list[str]:
    """Each closing fence indented like its opening fence.

    Inside a list item a closing fence may sit a space deeper than its
    opening; renderers accept that, but kbtool's reading (validation, search)
    would run the code block on to the end of the page.
    """
    opening = ""
    for index, role in enumerate(fence_roles(lines)):
        if role == "open":
            opening = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        elif role == "close":
            lines[index] = opening + lines[index].lstrip()
    return lines


class Conversion:
    """Converts one page's body, collecting notes on what was done."""

    def __init__(self, collection: Collection, page: str) -> None:
        self.collection = collection
        self.page = page
        self.notes: list[Note] = []
        self.depth = 0

    def note(self, code: str, message: str, line: int | None = None) -> None:
        self.notes.append(Note(code, message, line))

    def body(self, text: str, base: str, first_line: int) -> str:
        """A body (of the page, or of a file it includes) with links and then the profile's syntax converted."""
        lines = align_closing_fences(_join_split_links(text.split("\n")))
        code = code_lines(lines)
        keeps_links = self.collection.profile.keeps_links
        for index, line in enumerate(lines):
            if not code[index] and ("](" in line or "]:" in line or "[[" in line or "<img" in line.lower()) and not keeps_links(line):
                lines[index] = self._line_links(line, base, first_line + index)
        return "\n".join(self.collection.profile.convert_syntax(self, lines, base, first_line))

    def close_open_blocks(self, text: str) -> str:
        """The body with a code block or HTML comment left open at its end closed, so sections added after it stay sections."""
        lines = text.rstrip("\n").split("\n")
        roles = fence_roles(lines)
        if roles and roles[-1] in ("open", "code"):
            opening = max(index for index, role in enumerate(roles) if role == "open")
            fence = _FENCE.match(lines[opening])
            assert fence is not None
            indent = lines[opening][: len(lines[opening]) - len(lines[opening].lstrip())]
            lines.append(indent + fence.group(1))
            self.note("closed-block", "a code block open at the end of the page was closed")
        outside = "\n".join(line for line, role in zip(lines, roles + [""]) if not role)
        if outside.rfind("<!--") > outside.rfind("-->"):
            lines.append("-->")
            self.note("closed-block", "an HTML comment open at the end of the page was closed")
        return "\n".join(lines)

    def _line_links(self, line: str, base: str, number: int) -> str:
        definition = _REFERENCE_DEFINITION.match(line)
        if definition:
            target = definition.group(2).strip("<>")
            new = self.retarget(target, base, number, image=False)
            return "" if new is None else definition.group(1) + new + definition.group(3)

        def links(text: str) -> str:
            if "[[" in text:
                text = _WIKI_LINK.sub(lambda match: self._wiki_link(match, number), text)
            text = _LINK.sub(lambda match: self._link(match, base, number), text)
            return _HTML_IMAGE.sub(lambda match: self._html_image(match, base, number), text) if "<img" in text.lower() else text

        return outside_code_spans(line, links)

    def _link(self, match: re.Match[str], base: str, number: int) -> str:
        bang, text, target, title = match.group(1), match.group(2), match.group(3), match.group(4)
        url = target[1:-1].strip() if target.startswith("<") else target
        if "](" in text:  # an image inside a link's text (`[![alt](img)](url)`): convert it too
            text = _LINK.sub(lambda inner: self._link(inner, base, number), text)
        if not url:
            self.note("empty-link", f"link `{text}` has no target: kept as text", number)
            return text if not bang else ""
        new = self.retarget(url, base, number, image=bool(bang), label=text)
        if new is None:
            return missing_image(text) if bang else text
        return f"{bang}[{text}]({new}{title})"

    def _wiki_link(self, match: re.Match[str], number: int) -> str:
        """`[[Page]]` is an id reference in kbtool; a source's wiki-style links name no kbtool id."""
        text = (match.group(2) or match.group(1)).strip()
        self.note("wiki-link", f"wiki-style link `{match.group(0)}` kept as text", number)
        return text

    def _html_image(self, match: re.Match[str], base: str, number: int) -> str:
        src = match.group(1)[1:-1]
        alt = _HTML_ALT.search(match.group(0))
        new = self.retarget(src, base, number, image=True, label=alt.group(1)[1:-1] if alt else "")
        if new is None:
            return missing_image(alt.group(1)[1:-1] if alt else "")
        return match.group(0).replace(match.group(1), f'"{new}"', 1)

    def retarget(self, url: str, base: str, number: int | None, image: bool, label: str = "") -> str | None:
        """The link's new target, or None when it cannot work (then a note says why)."""
        what = "image" if image else "link"
        if url.startswith("#") or url.startswith("//"):
            return url
        if url.lower().startswith("xref:"):
            self.note("xref-link", f"DocFX cross-reference `{url}` has no equivalent: kept as text", number)
            return None
        if _SCHEME.match(url) and not re.match(r"^[a-zA-Z]:[\\/]", url):
            return url
        if url.startswith("/"):
            base_url = self.collection.base_url
            if base_url:
                self.note("site-root-link-absolute", f"{what} `{url}` now points under {base_url}", number)
                return base_url.rstrip("/") + url
            self.note("site-root-link", f"{what} `{url}` is relative to the old site's root: kept as text (give --base-url to keep it as a link)", number)
            return None
        path, _, fragment = url.partition("#")
        path = path.split("?", 1)[0]
        fragment = "#" + fragment if fragment else ""
        if not path:
            return fragment or None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(path).replace("\\", "/")))
        if joined == ".." or joined.startswith("../"):
            self.note("link-outside", f"{what} `{url}` leads outside the source folder: kept as text", number)
            return None
        page = self._page(joined)
        if page is not None:
            return quote(page) + fragment
        if is_markdown(joined) and joined in self.collection.not_imported:
            self.note("link-not-imported", f"link `{url}` points to {joined}, which is not imported ({self.collection.not_imported[joined]}): kept as text", number)
            return None
        file = self.collection.source_dir / joined
        if file.is_file() and is_inside(file.resolve(), self.collection.source_dir.resolve()):
            self.collection.assets.setdefault(joined, f"{ASSETS}/{joined}")
            return quote(self.collection.assets[joined]) + fragment
        if image:
            shown = f"; its text `{label}` is kept" if label.strip() else "; removed"
            self.note("image-missing", f"image `{url}` does not exist in the source{shown}", number)
        else:
            self.note("broken-link", f"link `{url}` points to {joined}, which does not exist in the source: kept as text", number)
        return None

    def _page(self, joined: str) -> str | None:
        """The new file of an imported page: the path itself, with `.md` added, or a folder's index."""
        targets = self.collection.targets
        for candidate in (joined, joined + ".md", joined.rstrip("/") + "/index.md", joined.rstrip("/") + "/README.md"):
            if candidate in targets:
                return targets[candidate]
        return None

    def include(self, target: str, base: str, number: int) -> list[str] | None:
        """The converted lines of an included file, or None (noted) when it cannot be found."""
        profile, source_dir = self.collection.profile, self.collection.source_dir
        candidates = profile.include_candidates(source_dir, base, target) or [
            posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(target).replace("\\", "/")))
        ]
        found = next((c for c in candidates if not c.startswith("../") and (source_dir / c).is_file()), None)
        if found is None:
            self.note("include-missing", f"included file `{target}` does not exist in the source: left out", number)
            return None
        if self.depth >= MAX_INCLUDE_DEPTH:
            self.note("include-too-deep", f"`{target}` is included more than {MAX_INCLUDE_DEPTH} levels deep: left out", number)
            return None
        try:
            text = (source_dir / found).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        except OSError as error:
            self.note("include-missing", f"included file `{target}` cannot be read ({error.strerror}): left out", number)
            return None
        self.collection.includes_used[found] += 1
        included = split(text)
        self.depth += 1
        try:
            # DocFX resolves an include's links from the include file; MkDocs' macros
            # paste the text into the page first, so its links are the page's.
            link_base = base if profile.include_links_from_page else found
            converted = self.body(included.body.strip("\n"), link_base, number)
        finally:
            self.depth -= 1
        self.note("include-inlined", f"included file {found} inlined", number)
        return converted.split("\n")


def missing_image(label: str) -> str:
    label = " ".join(label.split())
    return f"*(image not available: {label})*" if label else ""
