"""Fairness at a glance: one bar chart per indicator, rendered by matplotlib as inline SVG.

Each chart shows the batch and every submitting unit (bars grouped by award level) against the
office's policy line (the threshold of ``data/policy/fairness.yaml``, landed with each row). SVG
keeps the page self-contained and sharp in print; text stays text (``svg.fonttype: none``) so a
reader can search and copy it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reports import _labels as L
from reports._gather import FairnessRow

BATCH_SCOPES = {"batch", "all", "toan_dot"}
_LEVEL_ORDER = ["all", "co_so", "tinh", "trung_uong", "khac"]
_COLOURS = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#937860"]


@dataclass
class Chart:
    indicator: str
    title: str
    svg: str
    rows: list[FairnessRow]


def _scope_label(scope: str) -> str:
    return "Toàn đợt" if scope in BATCH_SCOPES else scope


def _svg(rows: list[FairnessRow], title: str) -> str:
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "tdkt"}):
        return _draw(rows, title)


def _draw(rows: list[FairnessRow], title: str) -> str:
    from matplotlib.figure import Figure  # the object-oriented API: no pyplot state between reports

    scopes = sorted({r.scope for r in rows}, key=lambda s: (s not in BATCH_SCOPES, s))
    levels = sorted({r.award_level for r in rows}, key=lambda v: _LEVEL_ORDER.index(v) if v in _LEVEL_ORDER else 9)
    fig = Figure(figsize=(6.4, 1.4 + 0.35 * len(scopes) * max(1, len(levels))), dpi=96)
    ax = fig.add_subplot()
    height = 0.8 / max(1, len(levels))
    for k, level in enumerate(levels):
        ys, xs = [], []
        for i, scope in enumerate(scopes):
            row = next((r for r in rows if r.scope == scope and r.award_level == level), None)
            if row is not None and row.value is not None:
                ys.append(i + k * height - 0.4 + height / 2)
                xs.append(100 * row.value)
        ax.barh(ys, xs, height=height * 0.9, color=_COLOURS[k % len(_COLOURS)],
                label=L.words().get("award_levels", level))
    thresholds = sorted({r.threshold for r in rows if r.threshold is not None})
    for t in thresholds:
        ax.axvline(100 * t, color="#b00", linestyle="--", linewidth=1.5)
    if thresholds:
        ax.plot([], [], color="#b00", linestyle="--", label="Ngưỡng chính sách")
    ax.set_yticks(range(len(scopes)), [_scope_label(s) for s in scopes])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # inline: no XML declaration or doctype
    # a fixed width would overflow a printed page: let CSS size it, keep the aspect ratio
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="chart" role="img"', svg, count=1)


def fairness_charts(rows: list[FairnessRow]) -> list[Chart]:
    """One chart per indicator present in the run's fairness rows; none when the table is empty."""
    words = L.words()
    out: list[Chart] = []
    for indicator in sorted({r.indicator for r in rows}):
        these = sorted((r for r in rows if r.indicator == indicator),
                       key=lambda r: (r.scope not in BATCH_SCOPES, r.scope,
                                      _LEVEL_ORDER.index(r.award_level) if r.award_level in _LEVEL_ORDER else 9))
        title = words.get("fairness_indicators", indicator)
        out.append(Chart(indicator=indicator, title=title, svg=_svg(these, title), rows=these))
    return out
