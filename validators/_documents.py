"""COMP-02 and COMP-04: the documents a submission must add for some awards, judged on its merged record.

COMP-02 (Luật TĐKT 2022 Đ84 k1 d; NĐ 98/2023 Đ34 k2 d): a Chiến sĩ thi đua dossier proves the
innovation or research it rests on with a certificate: an attached xác nhận sáng kiến, or the
recognising body or decision written beside the innovation in the report; for CSTĐCS the year's
"hoàn thành xuất sắc nhiệm vụ" is an alternative basis. COMP-04 (Đ84 k3): orders, medals, honorary
titles, the Government's flag and the Prime Minister's Bằng khen need the opinion (ý kiến) of the
ministry or province, recognised by its title among the submission's documents.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field

from record.normalize import fold
from validators._kinds import CheckContext, Hit, _Params, award_label

_REPORTS = {"bao_cao_ca_nhan", "bao_cao_tap_the"}


class CertificateParams(_Params):
    # awards for which the year's HTXSNV rating may stand in for the certificate (CSTĐCS)
    or_rating_for: list[str] = Field(default_factory=list)


def certificate_present(ctx: CheckContext, params: CertificateParams) -> Iterable[Hit]:
    """COMP-02: the innovation the title rests on is certified in the submission."""
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    if not set(nom.named_in) & _REPORTS:
        yield Hit(None, not_applicable=True)  # no report here: COMP-01 says so, nothing to weigh
        return
    if any(d.kind == "xac_nhan_sang_kien" for d in record.documents):
        return
    if any(i.recognized_by for i in nom.achievements.innovations):
        return
    year = nom.award.year
    if nom.award.code in params.or_rating_for and any(
            r.rating == "HTXSNV" and (year is None or r.year == year) for r in nom.achievements.task_ratings):
        return
    yield Hit("documents", {"nominee": nom.nominee_name or "—", "award": award_label(nom),
                            "missing": "xác nhận sáng kiến / đề tài"})


class OpinionParams(_Params):
    title_words: list[str] = Field(min_length=1)  # folded words of the opinion's title, any one


def opinion_present(ctx: CheckContext, params: OpinionParams) -> Iterable[Hit]:
    """COMP-04: the ministry's or province's opinion is among the submission's documents."""
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    titles = [fold(d.title or "") for d in record.documents]
    if any(word in title for title in titles for word in params.title_words):
        return
    yield Hit("documents", {"nominee": nom.nominee_name or "—", "award": award_label(nom),
                            "missing": "ý kiến của bộ, ngành, tỉnh"})
