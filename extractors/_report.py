"""The báo cáo thành tích -> one ``Nomination``: a dispatcher by document kind.

The individual report (``_bao_cao_ca_nhan``) and the collective report (``_bao_cao_tap_the``) each
read their own section I; what both share (sections, award, achievements, prior awards) is in
``_bao_cao``, ``_achievements`` and ``_prior_awards``. ``extractors.parse`` calls
:func:`parse_report` for either kind.
"""

from __future__ import annotations

from extractors._bao_cao_ca_nhan import parse_ca_nhan
from extractors._bao_cao_tap_the import parse_tap_the
from extractors.segment import Segment
from record.models import Nomination


def parse_report(seg: Segment) -> Nomination:
    """The nomination one achievement report asks for: a unit's for ``bao_cao_tap_the``, else a
    person's (``bao_cao_ca_nhan``)."""
    if seg.kind == "bao_cao_tap_the":
        return parse_tap_the(seg)
    return parse_ca_nhan(seg)
