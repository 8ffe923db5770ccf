"""The biên bản họp Hội đồng Thi đua - Khen thưởng -> ``CouncilVote``: date, members, votes per nominee."""

from __future__ import annotations

import re

from extractors import _labels
from extractors._common import date_line, put
from extractors._list_entry import award_start, kind_of_name
from extractors._list_table import table_rows
from extractors._text import fold1, looks_like_person_name
from extractors.lines import Line
from extractors.segment import Segment
from record.awards import award_code
from record.models import CouncilVote, ProvenanceMap, VoteResult
from record.normalize import clean_text, normalize_name, parse_date

_FULL_DATE = re.compile(r"ngay\s*\d{1,2}\s*(thang|/)\s*\d{1,2}\s*(nam|/)\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}")


def _members(lines: list[Line]) -> tuple[int | None, int | None, Line | None]:
    labels = _labels.bien_ban()
    present = total = None
    where: Line | None = None
    absent = None
    for line in lines:
        f = fold1(line.text)
        for entry in labels.members:
            m = re.search(entry["pattern"], f)
            if not m:
                continue
            got = m.groupdict()
            if present is None and got.get("present"):
                present = int(got["present"])
                where = where or line
            if total is None and got.get("total"):
                total = int(got["total"])
                where = where or line
        if absent is None:
            am = re.search(labels.absent, f)
            if am:
                absent = int(am.group("absent"))
        if present is not None and total is not None:
            break
    if present is None and total is not None and absent is not None:
        present = total - absent
    return total, present, where


def _nominee(text: str) -> str | None:
    text = re.sub(r"^[\s\d.)\-–•+*|]*", "", text)
    prefixes = _labels.bien_ban().name_prefixes
    f = fold1(text)
    for p in sorted(prefixes, key=len, reverse=True):
        # the title may follow a misread ordinal ("Ti Ti Ông Phạm Văn Tuấn"): look in the first words
        m = re.match(r"^(?:\S{1,3}\s+){0,2}" + re.escape(p) + r"[\s:]", f)
        if m:
            text = text[m.end():]
            break
    text = clean_text(text.strip(" :,-–|")) or ""
    if not text:
        return None
    head = text.split(", ")[0]
    if kind_of_name(head) == "collective":
        return text  # "Khoa Ngoại, Bệnh viện Đa khoa tỉnh": a collective's name as written
    if head != text and looks_like_person_name(head):
        return normalize_name(head)  # "Hoàng Văn Đức, Chủ tịch Hội Nông dân xã": the name alone
    return normalize_name(text) if looks_like_person_name(text) else text


def _votes(text: str) -> tuple[int | None, int | None]:
    f = fold1(text)
    for pattern in _labels.bien_ban().votes:
        for m in re.finditer(pattern, f):
            if _FULL_DATE.search(f[max(0, m.start() - 3): m.end() + 6]):
                continue
            got = m.groupdict()
            return int(got["for"]), int(got["total"]) if got.get("total") else None
    return None, None


def _overall_vote(lines: list[Line]) -> tuple[int, int] | None:
    """A single vote on the whole list: ``biểu quyết 09/09 thành viên có mặt (100%)``."""
    for line in lines:
        m = re.search(_labels.bien_ban().overall_vote, fold1(line.text))
        if m:
            return int(m.group("for")), int(m.group("total"))
    return None


def _results_from_table(lines: list[Line], members_total: int | None = None
                        ) -> tuple[list[VoteResult], list[Line], list[str | None]]:
    """A results table, read by header roles with the list tables' engine (``_lists.table_rows``):
    the same for Word, text PDFs and scans, whatever the column order."""
    overall = _overall_vote(lines)
    # the award the whole vote was for: "biểu quyết 09/09 … đề nghị tặng Bằng khen cho:"
    voted_for = next((ln.text for ln in lines if not ln.cells and re.search(_labels.bien_ban().overall_vote,
                                                                           fold1(ln.text)) and award_code(ln.text)), None)
    out: list[VoteResult] = []
    used: list[Line] = []
    awards: list[str | None] = []
    section_text: str | None = None
    section_award: str | None = None
    current: dict[str, int] | None = None
    for line, cells, roles, _header in table_rows(lines):
        if not ({"votes", "ratio", "award", "against"} & roles.keys()) and overall is None:
            continue  # a list with no vote and no award: not the results (unless one vote covers it)
        if roles is not current:
            current, section_award, section_text = roles, award_code(voted_for), voted_for

        def cell(role: str, cells: list[str] = cells, roles: dict[str, int] = roles) -> str | None:
            k = roles.get(role)
            return cells[k] if k is not None and k < len(cells) else None

        # a group row ("I | Danh hiệu Chiến sĩ thi đua cơ sở") sets the award for the rows below
        non_empty = [c for c in cells if c.strip()]
        if len(set(non_empty)) <= 2 and award_code(" ".join(non_empty)) and not re.search(r"\d+\s*/\s*\d+", " ".join(cells)):
            section_award = award_code(" ".join(non_empty))
            section_text = " ".join(non_empty)
            continue
        nk = roles["name"]
        nominee = _nominee(cells[nk]) if nk < len(cells) else None
        if not nominee or re.fullmatch(r"[ivx]+|\d+", fold1(nominee)):
            continue
        award_cell = cell("award")
        code = award_code(award_cell)
        vf = vt = None
        if cell("votes") is not None:
            vf, vt = _votes((cell("votes") or "") + " phieu")
        if vf is not None and vt is None and cell("against") is not None:
            against, _ = _votes((cell("against") or "") + " phieu")
            if against is not None:
                vt = vf + against  # no denominator written: the ballots cast (for + against)
        if vf is None and cell("ratio") is not None:
            vf, vt = _votes(cell("ratio") or "")
        if vf is None:  # a scan may not split the columns where the header did
            vf, vt = _votes(" ".join(cells[nk + 1:]))
        if vf is None and members_total:
            # only a share is written: votes = share of the whole council (NĐ 98/2023 Đ30 k7)
            pct = re.search(r"(\d{1,3}(?:[.,]\d+)?)\s*%", " ".join(cells[nk + 1:]))
            if pct:
                vf, vt = round(float(pct.group(1).replace(",", ".")) * members_total / 100), members_total
        ordinal = re.fullmatch(r"\W*\d{1,3}\W*", cells[0]) is not None
        if vf is None and not ordinal:
            continue  # the second line of the header, not a nominee
        if vf is None and overall is not None:
            vf, vt = overall  # one vote for the whole list ("biểu quyết 09/09 thành viên có mặt")
        out.append(VoteResult(nominee=nominee, award_code=code or section_award, votes_for=vf, votes_total=vt))
        used.append(line)
        awards.append(award_cell if code else section_text)
    return out, used, awards


def _results_from_lines(lines: list[Line], members_total: int | None) -> tuple[list[VoteResult], list[Line], list[str | None]]:
    labels = _labels.bien_ban()
    skip = [re.compile(p) for p in labels.not_result]
    out: list[VoteResult] = []
    used: list[Line] = []
    awards: list[str | None] = []
    section_award: str | None = None
    section_text: str | None = None
    block: dict[str, str | None] | None = None  # "1. Đồng chí X" then "- Hình thức …" and "- Số phiếu …"
    for line in lines:
        if line.cells:
            continue
        f = fold1(line.text)
        if any(p.search(f) for p in skip):
            continue
        vf, vt = _votes(line.text)
        astart = award_start(line.text)
        item = re.match(r"\W*\d{1,2}[.)]\s+(.{3,80})$", line.text)
        if item and vf is None and astart is None:
            block = {"nominee": _nominee(item.group(1)), "award": None, "text": None}
            continue
        if block is not None and re.match(r"\s*[-–•+]", line.text):
            if astart is not None:
                block["award"] = award_code(line.text[astart:])
                block["text"] = line.text[astart:]
            if vf is not None and block["nominee"]:
                out.append(VoteResult(nominee=block["nominee"], award_code=block["award"] or section_award,
                                      votes_for=vf, votes_total=vt or members_total))
                used.append(line)
                awards.append(block["text"] if block["award"] else section_text)
                block = None
            continue
        block = None
        pct = re.search(r"(\d{1,3}(?:[.,]\d+)?)\s*%", f)
        if vf is None and pct and members_total and astart is not None:
            # only a share is written: votes = share of the whole council (NĐ 98/2023 Đ30 k7)
            vf = round(float(pct.group(1).replace(",", ".")) * members_total / 100)
            vt = members_total
        if vf is None:
            if astart is not None and len(f) < 90 and re.match(r"\W*([ivx]+|\d+|[a-d])[.)]\s", f):
                section_award = award_code(line.text)
                section_text = line.text
            continue
        # nominee: text before the award phrase, or before the votes
        vm = re.search(r"\d{1,3}\s*/\s*\d{1,3}|\d{1,3}\s*phieu|\d{1,3}(?:[.,]\d+)?\s*%", f)
        stop = min(x for x in (astart, vm.start() if vm else None) if x is not None) if (astart is not None or vm) else len(f)
        nominee = _nominee(_name_part(line.text[:stop]))
        if not nominee or len(nominee) < 4 or _is_result_label(nominee):
            continue  # a count with no nominee on its line
        code = award_code(line.text[astart:]) if astart is not None else section_award
        out.append(VoteResult(nominee=nominee, award_code=code, votes_for=vf, votes_total=vt or members_total))
        used.append(line)
        awards.append(line.text[astart:] if astart is not None else section_text)
    return out, used, awards


def _is_result_label(text: str) -> bool:
    labels = _labels.bien_ban().result_labels
    return bool(re.match(r"\W*(?:" + "|".join(labels) + r")\b", fold1(text)))


def _name_part(text: str) -> str:
    """The nominee in the words before a count: past a "Kết quả …:" lead, without "đạt"/"được"."""
    pieces = [p for p in re.split(r"\s*[:(]\s*", text) if p.strip()]
    name = next((p for p in pieces if not _is_result_label(p)), "")
    trailers = sorted(_labels.bien_ban().name_trailers, key=len, reverse=True)
    trail = re.search(r"(?:\s+(?:" + "|".join(re.escape(t) for t in trailers) + r"))+\W*$", fold1(name))
    return name[: trail.start()] if trail else name


def _how_voted(lines: list[Line], total: int | None, present: int | None) -> tuple[bool | None, int | None]:
    """(ballot, written opinions) as the minutes say them (``bien_ban.yaml``); None where they are silent.

    A mention of written opinions without a count ("các thành viên vắng mặt gửi ý kiến bằng văn
    bản") counts the absent members, the only ones who write (NĐ 98/2023 Đ30 k7).
    """
    labels = _labels.bien_ban()
    text = " ".join(fold1(ln.text) for ln in lines)
    ballot: bool | None = True if re.search(labels.ballot, text) else False if re.search(labels.show_of_hands, text) else None
    written: int | None = None
    if re.search(labels.written_opinions, text):
        m = re.search(labels.written_opinions_count, text)
        if m:
            written = int(m.group("n"))
        elif total is not None and present is not None and total > present:
            written = total - present
    return ballot, written


def parse_bien_ban(seg: Segment) -> CouncilVote:
    return read_bien_ban(seg)[0]


def read_bien_ban(seg: Segment) -> tuple[CouncilVote, list[str | None], list[Line]]:
    """The minutes and, per vote result, the text that names its award (for the nominee's award name)
    and the line it was read from (for the nominee's provenance)."""
    lines = seg.lines
    body = lines[seg.title_index + 1:]
    prov: ProvenanceMap = {}
    date = None
    for line in body[:15]:
        if _FULL_DATE.search(fold1(line.text)):
            date = parse_date(line.text)
            if date:
                put(prov, "date", line)
                break
    if date is None:
        date, dline = date_line(lines[: seg.title_index + 1] or lines, None)
        put(prov, "date", dline)
    total, present, mline = _members(body)
    put(prov, "members_total", mline)
    put(prov, "members_present", mline)
    results, used, awards = _results_from_table(body, total)
    if not results:
        results, used, awards = _results_from_lines(body, total)
    for k, ln in enumerate(used):
        put(prov, f"results[{k}]", ln)
    ballot, written = _how_voted(body, total, present)
    vote = CouncilVote(date=date, members_total=total, members_present=present, results=results, provenance=prov,
                       ballot=ballot, written_opinions=written)
    return vote, awards, used
