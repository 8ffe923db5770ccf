"""Who a submission proposes: a name the council voted on is not always a nomination.

Minutes record every candidate the council weighed, those who fell short of the vote and those the
unit then chose not to put forward; the cover letter's list (or the attached danh sách) is what the
unit proposes. A name found only in the minutes of a submission that has such a list, with no
report of its own, is a candidate considered and not proposed: no document is owed for it and no
rule on a nomination judges it, but FAIR-01 (a woman passed over) looks at exactly these names.
"""

from __future__ import annotations

from record.models import DossierRecord, Nomination

_LISTS = {"to_trinh", "danh_sach"}


def not_proposed(record: DossierRecord, nom: Nomination) -> bool:
    """``nom`` is named only in the minutes of a record whose lists name other nominees."""
    if set(nom.named_in) != {"bien_ban"}:
        return False
    return any(_LISTS & set(n.named_in) for n in record.nominations)
