"""Which files make one submission: the folder a unit sent, else the cover letter the files cite.

Offices send a folder per unit, so by default one inbox folder is one submission. In a flat inbox a
file joins the cover letter whose number it cites (``Tờ trình số 15/TTr-UBND``), else the cover
letter whose list names its nominee for the same award; a file linked to nothing is a submission of
its own (a late cover letter links it on a later night, when the grouping is made again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath

from validators.stage._merge import name_key, same_name


@dataclass(frozen=True)
class FileFacts:
    """What grouping needs of one landed file, read from the warehouse."""

    sha256: str
    path: str
    cover_number: str | None = None
    cover_date: str | None = None
    issuer: str | None = None
    cites: frozenset[str] = frozenset()
    listed: tuple[tuple[str, str | None], ...] = ()  # (folded name, award code) the file's lists name
    reported: tuple[tuple[str, str | None], ...] = ()  # (folded name, award code) of its own reports


@dataclass
class Group:
    submission_id: str
    folder: str
    files: list[FileFacts] = field(default_factory=list)
    linked_by: dict[str, str] = field(default_factory=dict)  # sha256 -> folder | cover | cites | nominee | alone

    @property
    def cover(self) -> FileFacts | None:
        return next((f for f in self.files if f.cover_number), None)


def folder_of(path: str, inbox: str | None) -> str:
    """The file's folder relative to the inbox ('' for the inbox itself), in POSIX form."""
    p = PurePath(path)
    if inbox and p.is_absolute():
        try:
            p = p.relative_to(inbox)
        except ValueError:
            return ""
    parent = PurePosixPath(*p.parts[:-1]) if len(p.parts) > 1 else PurePosixPath("")
    return "" if str(parent) == "." else str(parent)


def _names(facts: FileFacts, pair: tuple[str, str | None]) -> bool:
    name, code = pair
    return any(same_name(name, n) and (c is None or code is None or c == code) for n, c in facts.listed)


def group_files(files: list[FileFacts], inbox: str | None) -> list[Group]:
    """Every landed file in exactly one group, in a stable order."""
    groups: dict[str, Group] = {}
    flat: list[FileFacts] = []
    for f in sorted(files, key=lambda f: f.path):
        folder = folder_of(f.path, inbox)
        if folder:
            g = groups.setdefault(f"folder:{folder}", Group(f"folder:{folder}", folder))
            g.files.append(f)
            g.linked_by[f.sha256] = "folder"
        else:
            flat.append(f)
    covers: dict[str, Group] = {}
    for f in flat:
        if f.cover_number:
            sid = f"ttr:{f.cover_number.casefold()}|{f.cover_date or ''}"
            g = groups.setdefault(sid, Group(sid, ""))
            g.files.append(f)
            g.linked_by[f.sha256] = "cover"
            covers.setdefault(f.cover_number.casefold(), g)
    for f in flat:
        if f.cover_number:
            continue
        g = next((covers[c] for c in sorted(f.cites) if c in covers), None)
        how = "cites"
        if g is None:
            how = "nominee"
            g = next((cg for cg in covers.values()
                      if f.reported and all(any(_names(cf, pair) for cf in cg.files if cf.cover_number)
                                            for pair in f.reported)), None)
        if g is None:
            sid = f"file:{f.sha256}"
            g = groups.setdefault(sid, Group(sid, ""))
            how = "alone"
        g.files.append(f)
        g.linked_by[f.sha256] = how
    return sorted(groups.values(), key=lambda g: g.submission_id)


__all__ = ["FileFacts", "Group", "folder_of", "group_files", "name_key"]
