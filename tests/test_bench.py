"""The benchmark's scoring: list items paired by identity, field groups, the unread share.

These are the pure functions of ``bench.run``; the command itself is run by hand (STYLE practice 12).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bench.run import (
    IDENTITY_KEYS,
    align,
    field_group,
    pair_by_identity,
    score,
    unread_counts,
)


def _person(name: str, code: str, birth: str = "1985-04-07") -> dict[str, Any]:
    return {"nominee_kind": "individual", "award": {"code": code, "name": None, "year": 2024},
            "person": {"full_name": name, "birth_date": birth}, "unit": None,
            "prior_awards": [], "named_in": ["to_trinh"]}


def _unit(name: str, code: str) -> dict[str, Any]:
    return {"nominee_kind": "collective", "award": {"code": code, "name": None, "year": 2024},
            "person": None, "unit": {"name": name, "headcount": 12}, "prior_awards": []}


def _record(nominations: list[dict[str, Any]], results: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"documents": [{"kind": "to_trinh", "pages": [1]}],
            "submission": {"number": "15/TTr-UBND", "date": "2024-07-15"},
            "council_vote": {"members_total": 9, "results": results or []},
            "nominations": nominations}


GOLDEN = _record(
    [_person("Nguyễn Thị Hoa", "CSTD_CS"), _person("Võ Đình Nam", "CSTD_CS", "1980"), _unit("Trạm Y tế xã Cửa Tùng", "TT_LDXS")],
    [{"nominee": "Nguyễn Thị Hoa", "award_code": "CSTD_CS", "votes_for": 8, "votes_total": 9},
     {"nominee": "Võ Đình Nam", "award_code": "CSTD_CS", "votes_for": 7, "votes_total": 9}],
)


def test_a_list_read_in_another_order_scores_as_right() -> None:
    predicted = copy.deepcopy(GOLDEN)
    predicted["nominations"].reverse()
    predicted["council_vote"]["results"].reverse()
    s = score(predicted, GOLDEN)
    assert (s.fp, s.fn) == (0, 0) and s.tp > 20


def test_names_pair_without_diacritics_or_case() -> None:
    predicted = copy.deepcopy(GOLDEN)
    predicted["nominations"] = [predicted["nominations"][1], predicted["nominations"][0], predicted["nominations"][2]]
    predicted["nominations"][0]["person"]["full_name"] = "VO DINH  NAM"  # OCR lost the marks
    s = score(predicted, GOLDEN)
    # only the name itself is wrong: the other leaves of both nominees still pair with their golden
    assert (s.fp, s.fn) == (1, 1)
    assert s.misses == ["nominations[].person.full_name"]


def test_a_missed_nomination_does_not_shift_the_others() -> None:
    predicted = copy.deepcopy(GOLDEN)
    del predicted["nominations"][0]
    s = score(predicted, GOLDEN)
    assert s.fp == 0
    assert s.fn == sum(1 for v in _leaves(GOLDEN["nominations"][0]) if v is not None)


def test_name_then_award_code_then_order() -> None:
    key = IDENTITY_KEYS["nominations"]
    gold = [_person("A B", "X"), _person("A B", "Y"), _person("C D", "X")]
    # same name twice: the award code decides; a wrong code still pairs by the name; the rest by order
    pred = [_person("A B", "Y"), _person("Z Z", "X"), _person("A B", "X")]
    out = pair_by_identity(pred, gold, key)
    assert out == [pred[2], pred[0], pred[1]]
    pred_wrong_code = [_person("C D", "Q"), _person("A B", "X")]
    out = pair_by_identity(pred_wrong_code, gold, key)
    assert out[0] is pred_wrong_code[1] and out[2] is pred_wrong_code[0] and out[1] == {}


def test_left_over_predictions_follow_and_count_as_false_positives() -> None:
    gold = [_person("A B", "X")]
    pred = [_person("E F", "X"), _person("A B", "X")]
    out = pair_by_identity(pred, gold, IDENTITY_KEYS["nominations"])
    assert out == [pred[1], pred[0]]
    s = score(_record(pred), _record(gold))
    assert s.fn == 0 and s.fp == sum(1 for v in _leaves(pred[0]) if v is not None)


def test_prior_awards_pair_by_decision_number_then_year_and_code() -> None:
    gold_awards = [{"year": 2022, "code": "GIAY_KHEN", "decision_number": "1456/QĐ-UBND"},
                   {"year": 2023, "code": "CSTD_CS", "decision_number": "1502/QĐ-UBND"},
                   {"year": 2024, "code": "CSTD_CS", "decision_number": "88/QĐ-UBND"}]
    pred_awards = [{"year": 2024, "code": "CSTD_CS", "decision_number": "B8/QĐ-UBND"},  # OCR: 8 -> B
                   {"year": 2023, "code": "CSTD_CS", "decision_number": "1502/qđ-ubnd"}]
    gold = _record([{**_person("A B", "X"), "prior_awards": gold_awards}])
    pred = _record([{**_person("A B", "X"), "prior_awards": pred_awards}])
    aligned = align(pred, gold)["nominations"][0]["prior_awards"]
    assert aligned == [{}, pred_awards[1], pred_awards[0]]
    s = score(pred, gold)
    assert s.groups["prior_awards"].tp == 5 and s.groups["prior_awards"].fp == 1


def test_align_does_not_touch_its_input() -> None:
    predicted = copy.deepcopy(GOLDEN)
    predicted["nominations"].reverse()
    before = copy.deepcopy(predicted)
    align(predicted, GOLDEN)
    assert predicted == before


@pytest.mark.parametrize(("path", "group"), [
    ("documents[0].kind", "documents"),
    ("submission.number", "submission"),
    ("council_vote.results[1].votes_for", "votes"),
    ("council_vote.members_total", "votes"),
    ("nominations[0].award.code", "award"),
    ("nominations[2].person.birth_date", "person"),
    ("nominations[0].unit.head", "unit"),
    ("nominations[0].achievements.task_ratings[0].rating", "achievements"),
    ("nominations[1].prior_awards[3].decision_date", "prior_awards"),
    ("nominations[0].named_in[1]", "named_in"),
    ("nominations[0].nominee_kind", "nomination"),
    ("something_new", "other"),
])
def test_field_group(path: str, group: str) -> None:
    assert field_group(path) == group


def test_scores_by_group_add_up_to_the_total() -> None:
    predicted = copy.deepcopy(GOLDEN)
    predicted["submission"]["number"] = "16/TTr-UBND"
    predicted["nominations"][2]["unit"]["headcount"] = 13
    predicted["council_vote"]["results"][0]["votes_for"] = None
    s = score(predicted, GOLDEN)
    assert sum(g.tp for g in s.groups.values()) == s.tp
    assert sum(g.fp for g in s.groups.values()) == s.fp == 2
    assert sum(g.fn for g in s.groups.values()) == s.fn == 3
    assert (s.groups["submission"].fp, s.groups["unit"].fp, s.groups["votes"].fn) == (1, 1, 1)
    assert s.groups["person"].f1 == 1.0 and s.groups["unit"].f1 < 1.0


def test_unread_share_counts_provenance_entries_marked_unread() -> None:
    record = {
        "submission": {"provenance": {"number": {"page": 1}, "date": {"page": 1, "unread": True}}},
        "council_vote": None,
        "nominations": [{"provenance": {"person.full_name": {"page": 2, "unread": False},
                                        "person.birth_date": {"page": 2, "unread": True}}},
                        {"provenance": {}}],
    }
    assert unread_counts(record) == (2, 4)
    assert unread_counts({}) == (0, 0)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]
