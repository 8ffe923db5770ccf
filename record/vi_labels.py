"""Vietnamese labels of record fields: one table for finding messages and the reviewers' report."""

from __future__ import annotations

import re

FIELD_LABELS: dict[str, str] = {
    "person.full_name": "Họ và tên",
    "person.birth_date": "Ngày sinh",
    "person.gender": "Giới tính",
    "person.ethnicity": "Dân tộc",
    "person.hometown": "Quê quán",
    "person.residence": "Trú quán",
    "person.position": "Chức vụ",
    "person.work_unit": "Đơn vị công tác",
    "person.qualification": "Trình độ chuyên môn",
    "person.is_leader": "Là lãnh đạo",
    "unit.name": "Tên tập thể",
    "unit.address": "Địa chỉ",
    "unit.headcount": "Số lượng thành viên",
    "unit.head": "Thủ trưởng đơn vị",
    "award.code": "Mã danh hiệu/hình thức khen thưởng",
    "award.name": "Danh hiệu/hình thức khen thưởng",
    "award.year": "Năm đề nghị khen thưởng",
    "named_in": "Có tên trong",
    "achievements.period_from": "Từ năm",
    "achievements.period_to": "Đến năm",
    "achievements.task_ratings": "Kết quả xếp loại nhiệm vụ",
    "achievements.innovations": "Sáng kiến",
    "achievements.summary": "Tóm tắt thành tích",
    "submission.number": "Số tờ trình",
    "submission.date": "Ngày tờ trình",
    "submission.issuer": "Cơ quan trình",
    "submission.recipient": "Nơi nhận",
    "council_vote.date": "Ngày họp Hội đồng",
    "council_vote.members_total": "Tổng số thành viên Hội đồng",
    "council_vote.members_present": "Số thành viên dự họp",
    "council_vote.results": "Kết quả bỏ phiếu",
    "council_vote.ballot": "Hình thức biểu quyết (bỏ phiếu)",
    "council_vote.written_opinions": "Ý kiến bằng văn bản của thành viên vắng mặt",
    "submission": "Tờ trình",
    "prior_awards": "Các hình thức đã được khen thưởng",
    "prior_awards.year": "Năm",
    "prior_awards.title": "Danh hiệu/hình thức",
    "prior_awards.code": "Mã",
    "prior_awards.decision_number": "Số quyết định",
    "prior_awards.decision_date": "Ngày quyết định",
    "prior_awards.issuer": "Cơ quan ban hành",
    "votes_for": "Số phiếu đồng ý",
    "votes_total": "Tổng số phiếu",
    "documents": "Thành phần hồ sơ",
}

DOCUMENT_LABELS: dict[str, str] = {
    "to_trinh": "tờ trình",
    "bien_ban": "biên bản họp Hội đồng Thi đua - Khen thưởng",
    "bao_cao_ca_nhan": "báo cáo thành tích cá nhân",
    "bao_cao_tap_the": "báo cáo thành tích tập thể",
    "danh_sach": "danh sách đề nghị",
    "xac_nhan_sang_kien": "xác nhận sáng kiến",
    "other": "tài liệu khác",
}

_INDEX = re.compile(r"\[\d+\]")


def field_label(path: str) -> str:
    """The Vietnamese label of a dotted path; list positions are ignored (``prior_awards[1].issuer``)."""
    key = _INDEX.sub("", path)
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    last = key.rsplit(".", 1)[-1]
    return FIELD_LABELS.get(last, path)


# the levels of data/reference/award_levels.tsv, as a reviewer names them
LEVEL_LABELS: dict[str, str] = {
    "all": "mọi cấp",
    "co_so": "cấp cơ sở",
    "tinh": "cấp tỉnh, bộ, ngành",
    "trung_uong": "cấp Chính phủ, Thủ tướng",
    "nha_nuoc": "cấp Nhà nước",
}
