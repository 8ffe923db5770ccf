"""FAIR-01: when nominees are equally qualified, a woman comes first (NĐ 98/2023 = NĐ 152/2025 Đ4 k6).

The documents show one comparison a reviewer can act on: the council voted on a woman who is not on
the cover letter's list, with at least as many votes as a man of the same award who is. Gender comes
from the record; a name with the middle name "Thị" counts as a woman's when the record has no gender
(said so in the message, as it is an inference, and the finding is information only).
"""

from __future__ import annotations

from collections.abc import Iterable

from record.models import Nomination
from record.normalize import fold
from validators._kinds import CheckContext, Hit, NoParams, match_vote

_LISTS = {"to_trinh", "danh_sach"}


def _gender(nom: Nomination) -> tuple[str | None, bool]:
    """(gender, inferred from the name)."""
    if nom.person is not None and nom.person.gender:
        return nom.person.gender, False
    words = fold(nom.nominee_name or "").split()
    return ("female", True) if "thi" in words[1:-1] else (None, False)


def woman_passed_over(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """One hit per woman voted on but left off the list while a man with no more votes is on it."""
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    if nom.nominee_kind != "individual" or set(nom.named_in) & _LISTS or "bien_ban" not in nom.named_in:
        return
    gender, inferred = _gender(nom)
    mine = match_vote(record, nom)
    if gender != "female" or mine is None or mine[1].votes_for is None:
        return
    for other in record.nominations:
        if other is nom or other.nominee_kind != "individual" or not set(other.named_in) & _LISTS:
            continue
        if other.award.code != nom.award.code or _gender(other)[0] != "male":
            continue
        theirs = match_vote(record, other)
        if theirs is not None and theirs[1].votes_for is not None and theirs[1].votes_for <= mine[1].votes_for:
            yield Hit("nominations.named_in", {
                "nominee": nom.nominee_name or "—", "other": other.nominee_name or "—",
                "votes_for": mine[1].votes_for, "award": nom.award.name or nom.award.code or "—",
                "documents": " (giới tính suy từ tên đệm)" if inferred else ""})
            return
