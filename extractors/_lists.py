"""Nominees named in lists: the cover letter's table, numbered paragraphs or request sentence, a
danh sách; for the vote table of the minutes see ``_bien_ban``.

Most nominees of a real batch are named only in lists (contract README, "Every nominee that a
document names is a nomination"). Tables go through the one table engine (``_list_table``);
headings (``I. TẬP THỂ``, ``b) Cá nhân:``, ``1. Danh hiệu Chiến sĩ thi đua cơ sở:``), as paragraphs
or as rows spanning the table, set the kind and the award of the entries under them.
"""

from __future__ import annotations

import re

from extractors._list_entry import (
    ORDINAL,
    Context,
    Listed,
    NomineeKind,
    award_in,
    drop_titles,
    has_honorific,
    holder_kind,
    kind_of_name,
    list_year,
    make_entry,
    section_of,
    split_name,
    vocab,
)
from extractors._list_table import from_table, header_roles, table_rows
from extractors._text import fold1
from extractors.lines import Line

__all__ = ["Listed", "award_in", "header_roles", "kind_of_name", "list_year", "listed_in", "split_name",
           "drop_titles", "subject", "table_rows"]

# --- paragraphs -----------------------------------------------------------------------------------


def from_paragraphs(doc_kind: str, lines: list[Line], ctx: Context, year: int | None) -> list[Listed]:
    """Entries written as numbered or bulleted paragraphs, under their headings."""
    out: list[Listed] = []
    local = Context(ctx.kind, ctx.award)
    not_entry = vocab().not_entry
    end = vocab().list_end
    salutation = False  # "Kính gửi:" then its recipients as bullets: no nominees
    for line in lines:
        text = line.text
        folded = fold1(text)
        hail = vocab().salutation.search(folded)
        if hail and (not folded[: hail.start()].strip(" -|:") or line.cells):
            # recipients follow on their own lines when none is written after "Kính gửi:"
            salutation = len(re.sub(r"^\S*\W*", "", folded[hail.end():])) < 4 or bool(line.cells)
            continue
        if line.cells:
            continue
        body = ORDINAL.sub("", text, count=1)
        numbered = len(body) < len(text)
        fbody = fold1(body).strip()
        if salutation and len(text) < 100 and not re.match(r"\W*(?:\d{1,2}\s*[.)]|can cu)", folded):
            continue  # a recipient, bulleted or not
        salutation = False
        if vocab().body_end.match(fbody):
            break  # the distribution list and the signature name no nominee
        if end.match(fbody) and out:
            break
        if not_entry.match(fbody):
            continue
        head, colon, tail = body.partition(":")
        head_kind = section_of(head)
        head_award = award_in(head)
        if head_award is not None and head_award[2] > 2:
            head_award = None
        if colon and (head_kind or head_award) and len(head) < 90 and not has_honorific(head):
            # "- Cá nhân: ông A, …; bà B, …" / "1. Bằng khen của …: Trường X; ông Y, …"
            local.kind = head_kind or kind_words(fold1(head)) or (local.kind if head_award else None)
            local.award = head_award[:2] if head_award else local.award
            row_year = list_year(head) or year
            for piece in re.split(r"\s*;\s*", tail):
                piece = re.sub(r"\([^)]*\)", "", piece).strip(" .;,")
                if len(piece) < 3:
                    continue
                entry = make_entry(doc_kind, piece, local, None, line, year=row_year)
                if entry is not None:
                    out.append(entry)
            continue
        kind = section_of(text)
        got = award_in(body)
        starts_with_award = got is not None and got[2] <= 2
        if kind is not None and (len(body) < 80 or starts_with_award) and not has_honorific(body):
            local.kind = kind
            local.award = got[:2] if got else local.award
            continue
        if starts_with_award and got is not None:
            local.award = got[:2]  # "1. Danh hiệu Chiến sĩ thi đua cơ sở" (the entries follow)
            local.kind = kind_words(folded) or holder_kind(got[1]) or local.kind
            continue
        if not numbered and not has_honorific(body):
            if got is not None and text.rstrip().endswith(":"):
                # "… kính đề nghị … tặng Giấy khen cho 01 tập thể và 02 cá nhân sau:": the list follows;
                # the subject may have named the same award more fully ("Bằng khen của Chủ tịch …")
                if local.award is None or local.award[1] != got[1] or len(got[0]) > len(local.award[0]):
                    local.award = got[:2]
                local.kind = kind_words(fold1(text[got[2]:])) or local.kind
            continue
        if got is not None:
            name_part, award = body[: got[2]], got[:2]
            row_year = list_year(body[got[2]:]) or year
        elif local.award is not None:
            name_part, award, row_year = re.split(r"\s*[;:]\s*", body)[0], None, year
        else:
            continue
        name_part = re.sub(r"[\s,;:\-–]*$", "", name_part)
        name_part = re.sub(r"\s*,?\s*(?:đề nghị|de nghi)\s*$", "", name_part, flags=re.IGNORECASE)
        if not (has_honorific(name_part) or kind_of_name(name_part.split(",")[0]) or local.kind):
            continue
        entry = make_entry(doc_kind, name_part, local, award, line, year=row_year)
        if entry is not None:
            out.append(entry)
    return out


def kind_words(folded: str) -> NomineeKind | None:
    """The kind a heading or subject names, when it names only one."""
    found = [k for k, p in vocab().kind_words.items() if p.search(folded)]
    return found[0] if len(found) == 1 else None  # type: ignore[return-value]


# --- a document's list ------------------------------------------------------------------------------


def subject(lines: list[Line], title_index: int) -> str:
    """The title and the subject lines under it (``V/v đề nghị tặng … năm 2025``), up to the
    salutation, the grounds or the body: the subject may wrap, the letter's body must not count."""
    block = [lines[title_index].text] if lines else []
    for line in lines[title_index + 1: title_index + 4]:
        f = fold1(line.text).strip()
        if line.cells or len(line.text) > 220 or vocab().subject_end.match(f):
            break
        block.append(line.text)
    return " ".join(block)


def listed_in(doc_kind: str, lines: list[Line], title_index: int, fallback_year: int | None = None) -> list[Listed]:
    """Every nominee a cover letter or a danh sách lists, in order: its tables, then its paragraphs."""
    head = subject(lines, title_index)
    year = list_year(head) or fallback_year
    got = award_in(head)
    ctx = Context(kind=kind_words(fold1(head)), award=got[:2] if got else None)
    body = lines[title_index + 1:]
    entries = from_table(doc_kind, body, ctx, year)
    if not entries:
        entries = from_paragraphs(doc_kind, body, ctx, year)
    if not entries and doc_kind == "to_trinh":
        entries = from_prose(doc_kind, body, year)
    return entries


def from_prose(doc_kind: str, lines: list[Line], year: int | None) -> list[Listed]:
    """Nominees a cover letter names inside its request sentence: ``… tặng Bằng khen cho ông A,
    giáo viên Trường B và công nhận danh hiệu Tập thể lao động xuất sắc cho Trường C.``"""
    out: list[Listed] = []
    for line in lines:
        if line.cells or vocab().not_entry.match(fold1(line.text).strip()):
            continue
        text = line.text
        pos = 0
        while True:
            got = award_in(text[pos:])
            if got is None:
                break
            start = pos + got[2]
            m = vocab().prose_to.search(fold1(text), start)
            nxt = award_in(text[start + 3:])
            limit = start + 3 + nxt[2] if nxt else len(text)
            pos = start + 3
            if m is None or m.start() > limit:
                continue
            target = text[m.end():]
            end = vocab().prose_target_end.search(fold1(target))
            target = target[: end.start() if end else len(target)].strip(" ,")
            if not target or vocab().generic_targets.match(fold1(target)):
                continue
            if not (has_honorific(target) or kind_of_name(target.split(",")[0])):
                continue
            entry = make_entry(doc_kind, target, Context(), got[:2], line, year=year)
            if entry is not None:
                out.append(entry)
    return out
