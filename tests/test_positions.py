"""Position titles -> class, and the fields that do not apply to a nominee (issue 7 point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from record.errors import DataFileError
from record.models import Award, CouncilVote, Nomination, Provenance, Submission, Unit
from record.positions import is_direct_worker, position_class, position_classes, position_table
from tests.test_validators import individual, keys, report_record
from validators import validate


@pytest.mark.parametrize(
    ("position", "work_unit", "expected"),
    [
        ("Hiệu trưởng", "Trường THCS Cửa Tùng", "leader"),
        ("Phó Hiệu trưởng, Bí thư Chi bộ", None, "leader"),
        ("Trưởng thôn Khe Tre", None, "manager"),
        ("Chủ tịch Hội Nông dân xã", None, "leader"),  # an office, not a farmer
        ("Nông dân", None, "farmer"),
        (None, "Nông dân thôn Hà Thượng", "farmer"),  # written on the work-unit line
        ("Công nhân khai thác mủ cao su", None, "direct_worker"),
        ("Kinh doanh tự do", None, "self_employed"),
        (None, "Hưu trí", "retired"),
        ("Giáo viên", "Trường Tiểu học Vĩnh Hoàng", "direct_worker"),  # teaches in person (Đ5 k2 d "công tác")
        ("Công chức Văn phòng - Thống kê", "UBND xã Vĩnh Linh", "other"),
        (None, "Sở Nội vụ", None),  # a work unit alone says nothing of the position
        (None, None, None),
    ],
)
def test_position_class(position: str | None, work_unit: str | None, expected: str | None) -> None:
    assert position_class(position, work_unit) == expected


def test_direct_work_and_several_classes() -> None:
    assert is_direct_worker("farmer") and is_direct_worker("direct_worker")
    assert not is_direct_worker("leader") and not is_direct_worker(None)
    assert position_classes("Nông dân, Trưởng thôn") == {"farmer", "manager"}


def test_a_bad_position_table_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "positions.yaml"
    bad.write_text("direct_work_classes: [farmer]\nclasses:\n  - {class: leader, patterns: ['(giam doc']}\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        position_table(bad)
    assert "classes.0.patterns" in exc.value.message and exc.value.path == str(bad)


# --- missing, unread, not applicable --------------------------------------------------------------------


def _req(nom: Nomination) -> set[tuple[str, str | None, str, str | None]]:
    return {k for k in keys(validate(report_record(nom))) if k[0] in ("REQ-01", "REQ-02", "READ-01")}


def test_a_farmer_is_not_asked_for_a_work_unit() -> None:
    assert _req(individual(code="LDTT", position="Nông dân", work_unit=None)) == set()
    # an office of the farmers' association is a post in a unit: its work unit is required
    assert _req(individual(code="LDTT", position="Chủ tịch Hội Nông dân xã", work_unit=None)) == {
        ("REQ-01", "person.work_unit", "error", "n1")}


def test_a_retired_or_self_employed_person_has_no_work_unit() -> None:
    assert _req(individual(code="GIAY_KHEN", position=None, work_unit="Hưu trí")) == set()
    assert _req(individual(code="GIAY_KHEN", position="Buôn bán tự do", work_unit=None)) == set()
    assert _req(individual(code="GIAY_KHEN", position=None, work_unit=None)) == {
        ("REQ-01", "person.work_unit", "error", "n1"), ("REQ-01", "person.position", "error", "n1")}


def test_a_collective_is_not_asked_for_a_birth_date() -> None:
    nom = Nomination(nomination_id="c1", nominee_kind="collective", award=Award(code="TT_LDXS", year=2024),
                     unit=Unit(name="Trường Tiểu học Vĩnh Hoàng", headcount=None))
    rec = report_record(nom)
    rec.documents[0].kind = "bao_cao_tap_the"
    found = keys(validate(rec))
    assert ("REQ-02", "unit.headcount", "error", "c1") in found
    assert not any(k[1] and k[1].startswith("person.") for k in found)


def test_unread_is_a_warning_for_every_required_field_rule() -> None:
    nom = Nomination(nomination_id="c1", nominee_kind="collective", award=Award(code="TT_LDXS", year=None),
                     unit=Unit(name="Trường Tiểu học Vĩnh Hoàng", headcount=None), named_in=["bao_cao_tap_the"])
    nom.provenance["unit.headcount"] = Provenance(page=1, unread=True)
    nom.provenance["award.year"] = Provenance(page=1, unread=True)
    rec = report_record(nom)
    rec.documents[0].kind = "bao_cao_tap_the"
    rec.documents.append(rec.documents[0].model_copy(update={"kind": "to_trinh"}))
    rec.documents.append(rec.documents[0].model_copy(update={"kind": "bien_ban"}))
    rec.submission = Submission(number=None, date="2024-12-01",
                                provenance={"number": Provenance(page=1, unread=True)})
    rec.council_vote = CouncilVote(date="2024-11-30", members_total=None,
                                   provenance={"members_total": Provenance(page=2, unread=True)})
    found = keys(validate(rec))
    assert {k for k in found if k[0].startswith(("REQ", "READ"))} == {
        ("READ-01", "unit.headcount", "warning", "c1"), ("READ-01", "award.year", "warning", "c1"),
        ("READ-02", "submission.number", "warning", None),
        ("READ-02", "council_vote.members_total", "warning", None),
    }

