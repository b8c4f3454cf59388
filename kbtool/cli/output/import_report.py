"""`kbtool import` in a terminal: what was imported where, what was set aside and why, and what is left to finish.

Files are listed with the notes that need a person (a missing image, a link
to a page not imported, an added section); conversions that simply worked
are counted. A dry run lists every file with the id and path it would get.
"""
from __future__ import annotations

from kbtool.cli.output.style import Style
from kbtool.core.findings import ERROR
from kbtool.importers.report import ImportedFile, ImportReport


def render_import(report: ImportReport, style: Style) -> str:
    lines = [_headline(report, style)]
    for imported in report.imported:
        attention = [note for note in imported.notes if note.needs_attention]
        if report.dry_run or attention:
            lines.append(_file_line(imported, style))
            lines += [f"    {'line ' + str(note.line) + ': ' if note.line else ''}{note.message}" for note in attention]
    if report.skipped:
        lines += ["", style(f"Not imported ({len(report.skipped)}):", bold=True)]
        lines += [f"  {item.source}: {item.reason}" for item in report.skipped]
    if report.left_in_place:
        lines += ["", style(f"Imported earlier, no longer in the source, left in place ({len(report.left_in_place)}):", bold=True)]
        lines += [f"  {item.source} → {item.id} {item.path}" for item in report.left_in_place]
    lines += _registries(report, style)
    counts = report.note_counts()
    if counts:
        lines += ["", style("Conversions and notes (files):", bold=True), "  " + " · ".join(f"{code} {count:,}" for code, count in counts.items())]
    if report.problems:
        lines += ["", style(f"Validation problems in the imported files ({len(report.problems)}):", bold=True)]
        for problem in report.problems:
            label = style(problem.severity, fg="red" if problem.severity == ERROR else "yellow")
            lines.append(f"  {problem.path}:{problem.line}: {label} [{problem.rule}] {problem.message}")
    return "\n".join(lines)


def _headline(report: ImportReport, style: Style) -> str:
    actions: dict[str, int] = {}
    for imported in report.imported:
        actions[imported.action] = actions.get(imported.action, 0) + 1
    done = ", ".join(f"{count:,} {action}" for action, count in sorted(actions.items())) or "nothing"
    verb = "Would import" if report.dry_run else "Imported"
    where = f"{report.source_dir} ({report.profile}) into {report.folder}/"
    return style(f"{verb} {len(report.imported):,} file(s) from {where}: {done}; {len(report.skipped):,} not imported; {report.seconds:.1f} s", bold=True)


def _file_line(imported: ImportedFile, style: Style) -> str:
    return f"{imported.source} → {style(imported.id, bold=True)} {imported.path} ({imported.action}, {imported.kind})"


def _registries(report: ImportReport, style: Style) -> list[str]:
    lines = []
    verb = "would be added" if report.dry_run else "added"
    if report.owners_added:
        lines.append(f"Owners {verb} to the registry ({len(report.owners_added)}): {', '.join(report.owners_added)}")
    if report.tags_added:
        lines.append(f"Tags {verb} to the vocabulary ({len(report.tags_added)}): {', '.join(report.tags_added)}")
    if report.authors_defaulted:
        named = ", ".join(f"{author} ({count:,})" for author, count in report.authors_defaulted.items())
        lines.append(f"Authors not in the registry or the map, given the default owner: {named}")
    if report.tags_as_keywords:
        named = ", ".join(f"{tag} ({count:,})" for tag, count in report.tags_as_keywords.items())
        lines.append(f"Source tags no map entry names, kept as keywords ({len(report.tags_as_keywords)}): {named}")
    return ["", *lines] if lines else []
