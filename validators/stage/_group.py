"""Which files make one submission: the folder a unit sent, else the cover letter the files cite.

Offices send a folder per unit, so by default one inbox folder is one submission. In a flat inbox a
file joins the cover letter whose number it cites (``Tờ trình số 15/TTr-UBND``), else the cover
letter whose list names its nominee for the same award; a file linked to nothing is a submission of
its own (a late cover letter links it on a later night, when the grouping is made again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath

from record.units import unit_key
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
    """The file's folder relative to the inbox ('' for the inbox itself), in POSIX form; the path is
    as the run found it, under the inbox as configured (absolute or not)."""
    p = PurePath(path)
    if inbox:
        try:
            p = p.relative_to(inbox)
        except ValueError:
            if p.is_absolute():
                return ""
    parent = PurePosixPath(*p.parts[:-1]) if len(p.parts) > 1 else PurePosixPath("")
    return "" if str(parent) == "." else str(parent)


def _covers_naming(pair: tuple[str, str | None], listed: dict[str, list[tuple[str, str | None, Group]]],
                   by_given: dict[str, set[str]] | None = None) -> list[Group]:
    """The cover letters whose lists name this nominee for this award: by the squeezed name, else (one
    OCR letter off) by a scan of the names of the same length give or take one and, since
    ``same_name`` wants the given name equal, the same given name (``by_given``: a scan of every
    listed name made grouping grow with the square of a night's files)."""
    name, code = pair
    squeezed = name.replace(" ", "")
    hits = listed.get(squeezed)
    if hits is None:
        words = name.split()
        keys = listed.keys() if by_given is None else by_given.get(words[-1], set()) if words else set()
        hits = [h for key in keys if abs(len(key) - len(squeezed)) <= 1
                for h in listed[key] if same_name(name, h[0])]
    out: list[Group] = []
    for _, c, g in hits:
        if (c is None or code is None or c == code) and g not in out:
            out.append(g)
    return out


def _cover_naming(reported: tuple[tuple[str, str | None], ...],
                  listed: dict[str, list[tuple[str, str | None, Group]]],
                  by_given: dict[str, set[str]] | None = None) -> Group | None:
    """The first cover letter (in submission order) whose lists name every nominee the file reports on."""
    if not reported:
        return None
    common: list[Group] | None = None
    for pair in reported:
        found = _covers_naming(pair, listed, by_given)
        common = found if common is None else [g for g in common if g in found]
        if not common:
            return None
    return min(common, key=lambda g: g.submission_id) if common else None


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
    covers: dict[str, list[Group]] = {}
    listed: dict[str, list[tuple[str, str | None, Group]]] = {}  # squeezed name -> (name, award, cover)
    by_given: dict[str, set[str]] = {}  # given name (last word) -> the squeezed names that end with it
    for f in flat:
        if f.cover_number:
            # numbers are counted per issuer ("15/TTr-UBND" is every commune's fifteenth letter)
            issuer = unit_key(f.issuer) or ""
            sid = f"ttr:{issuer}|{f.cover_number.casefold()}|{f.cover_date or ''}"
            g = groups.setdefault(sid, Group(sid, ""))
            g.files.append(f)
            g.linked_by[f.sha256] = "cover"
            covers.setdefault(f.cover_number.casefold(), []).append(g)
            for name, code in f.listed:
                listed.setdefault(name.replace(" ", ""), []).append((name, code, g))
                if name.split():
                    by_given.setdefault(name.split()[-1], set()).add(name.replace(" ", ""))
    for f in flat:
        if f.cover_number:
            continue
        # a cited number links only when one cover letter of the inbox bears it
        g = next((covers[c][0] for c in sorted(f.cites) if len(set(map(id, covers.get(c, [])))) == 1), None)
        how = "cites"
        if g is None:
            how = "nominee"
            g = _cover_naming(f.reported, listed, by_given)
        if g is None:
            sid = f"file:{f.sha256}"
            g = groups.setdefault(sid, Group(sid, ""))
            how = "alone"
        g.files.append(f)
        g.linked_by[f.sha256] = how
    return sorted(groups.values(), key=lambda g: g.submission_id)


__all__ = ["FileFacts", "Group", "folder_of", "group_files", "name_key"]
