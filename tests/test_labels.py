"""The label tables are data, loaded strictly: a broken file stops the run and names the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import _labels
from record.errors import DataFileError


def test_every_label_file_loads() -> None:
    _labels.load_all()


def test_a_misspelt_key_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "person.yaml"
    bad.write_text("fields: {full_name: ['ho ten']}\nother_lables: []\n", encoding="utf-8")
    monkeypatch.setattr(_labels, "LABELS_DIR", tmp_path)
    with pytest.raises(DataFileError) as err:
        _labels._load("person.yaml", _labels.FieldLabels)
    assert "other_lables" in err.value.message and err.value.path == str(bad)


def test_a_broken_regex_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "award_names.yaml").write_text("names: ['\\\\bbang khen(']\n", encoding="utf-8")
    monkeypatch.setattr(_labels, "LABELS_DIR", tmp_path)
    with pytest.raises(DataFileError) as err:
        _labels._load("award_names.yaml", _labels.AwardNames)
    assert "names[0]" in err.value.message
