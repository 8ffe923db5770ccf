"""A tiny layout-neutral description of a document, so one content builder feeds every writer.

The same report is written as .docx, as an HTML ".doc", as a text PDF and as a scanned PDF; the
builders in ``docs.py`` emit these blocks once and each writer renders them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass
class P:
    """One paragraph of text."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    size: float = 13.0
    indent: float = 0.0  # first-line indent, in points
    underline_rule: bool = False  # a short rule under the line (quốc hiệu, agency name)


@dataclass
class Table:
    """A bordered table; the first row is the header when ``header`` is true."""

    rows: list[list[str]]
    widths: list[float]  # relative column widths
    header: bool = True
    size: float = 12.0


@dataclass
class Stamp:
    """A round red seal pressed over the signature area (scans only)."""

    ring: str  # text around the ring, e.g. "ỦY BAN NHÂN DÂN XÃ VĨNH LINH"
    side: Literal["left", "right"] = "right"


@dataclass
class Cols:
    """Two borderless columns side by side: the document header or the signature blocks."""

    left: list[P]
    right: list[P]
    widths: tuple[float, float] = (0.45, 0.55)
    stamp: Stamp | None = None
    sign: Literal["left", "right", "both", "none"] = "none"


Block = P | Table | Cols


@dataclass
class Doc:
    """One document of a dossier file (a report, a tờ trình, a biên bản)."""

    kind: str
    blocks: list[Block] = field(default_factory=list)
