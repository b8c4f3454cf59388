"""Static SVG charts for the knowledge-health page: drawn at build time, no script, no library fetched."""
from __future__ import annotations

from dataclasses import dataclass

from kbtool.site.markup import text

ROW, BAR, LABEL_WIDTH, PLOT_WIDTH, TOP = 28, 18, 160, 440, 34


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # a fill colour that also reads in print (each bar is labelled with its count too)


def stacked_bars(title: str, rows: list[tuple[str, list[int]]], series: list[Series]) -> str:
    """A horizontal stacked bar per row (label, one count per series), with a legend and counts written on the bars."""
    largest = max((sum(counts) for _, counts in rows), default=0) or 1
    height = TOP + ROW * len(rows) + 4
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" role="img" aria-labelledby="chart-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
        f'<title id="chart-title">{text(title)}</title>',
    ]
    x = LABEL_WIDTH
    for item in series:  # legend
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{item.colour}"/><text x="{x + 16}" y="16">{text(item.name)}</text>')
        x += 24 + 7 * len(item.name)
    for index, (label, counts) in enumerate(rows):
        y = TOP + index * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{text(label)}</text>')
        x = LABEL_WIDTH
        for item, count in zip(series, counts):
            if not count:
                continue
            length = max(round(PLOT_WIDTH * count / largest), 2)
            parts.append(f'<rect x="{x}" y="{y}" width="{length}" height="{BAR}" fill="{item.colour}"><title>{text(label)}: {count} {text(item.name)}</title></rect>')
            if length >= 18:
                parts.append(f'<text x="{x + length / 2:.0f}" y="{y + 13}" text-anchor="middle" fill="#fff">{count}</text>')
            x += length
        parts.append(f'<text x="{x + 6}" y="{y + 13}">{sum(counts)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
