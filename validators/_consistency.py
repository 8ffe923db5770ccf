"""CONS-01: the nominees agree across the documents of one submission (Luật TĐKT 2022 Đ15 k3).

Run on a submission's merged record (its files' documents together), where one nominee named in the
cover letter's list, the minutes and their own report is one nomination whose ``named_in`` lists all
three. A nominee whose report or vote is there but who is on no list of the cover letter, or who is
on the list but absent from a minutes' vote table that names nominees one by one, is a disagreement a
reviewer must settle. So is a nominee on one of two enumerations of the same nominees, the cover
letter's own list and the attached danh sách, but not on the other (both name at least one nominee
in common, so a letter that names a few and refers to the list for the rest is no enumeration).
"""

from __future__ import annotations

from collections.abc import Iterable

from record.vi_labels import DOCUMENT_LABELS
from validators._kinds import CheckContext, Hit, NoParams

_LISTS = {"to_trinh", "danh_sach"}
_REPORTS = {"bao_cao_ca_nhan", "bao_cao_tap_the"}


def nominees_agree(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """One hit per nominee that one document names and another, which should, does not."""
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    named = set(nom.named_in)
    listed = any(_LISTS & set(n.named_in) for n in record.nominations)
    values = {"nominee": nom.nominee_name or "—"}
    if listed and not named & _LISTS:
        where = ", ".join(DOCUMENT_LABELS[k] for k in nom.named_in if k in DOCUMENT_LABELS)
        yield Hit("nominations.named_in", {**values, "documents": where or "hồ sơ",
                                            "missing": "danh sách đề nghị của tờ trình"})
        return
    both = [n for n in record.nominations if set(n.named_in) >= _LISTS]
    if both and named & _LISTS and not named >= _LISTS:
        has, lacks = ("to_trinh", "danh_sach") if "to_trinh" in named else ("danh_sach", "to_trinh")
        yield Hit("nominations.named_in", {**values, "documents": DOCUMENT_LABELS[has],
                                            "missing": DOCUMENT_LABELS[lacks]})
        return
    voted_one_by_one = sum("bien_ban" in n.named_in for n in record.nominations) >= 2
    if voted_one_by_one and named & _LISTS and "bien_ban" not in named:
        yield Hit("nominations.named_in", {**values, "documents": DOCUMENT_LABELS["to_trinh"],
                                            "missing": "kết quả bỏ phiếu của biên bản"})
    if not named & (_LISTS | {"bien_ban"} | _REPORTS):
        yield Hit(None, not_applicable=True)
