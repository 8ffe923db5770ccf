"""The held-out set (``samplegen.holdout``) is deterministic and its goldens follow the contract.

The held-out files live in ``data/holdout`` (not in ``data/samples``: that folder is the nightly
inbox and the golden tests' set); a benchmark reads them separately.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from samplegen import oddities
from samplegen.holdout import generate, holdout_samples

REPO = Path(__file__).resolve().parents[1]
HOLDOUT = REPO / "data" / "holdout"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "dossier.schema.json"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def born_digital(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("holdout")
    generate(out, scans=False)
    return out


def test_rerun_is_byte_identical_for_docx_doc_and_text_pdf(born_digital: Path, tmp_path: Path) -> None:
    generate(tmp_path, scans=False)
    first, again = _tree(born_digital), _tree(tmp_path)
    assert len([n for n in again if n.startswith("files/")]) >= 10
    assert first == again


def test_committed_born_digital_files_and_goldens_are_current(born_digital: Path) -> None:
    fresh = _tree(born_digital)
    for name, data in fresh.items():
        committed = HOLDOUT / name
        assert committed.exists(), f"{name} missing from data/holdout: rerun python -m samplegen.holdout"
        if name.startswith("files/"):
            assert committed.read_bytes() == data, f"{name} is stale"
        else:
            assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(data), f"{name} is stale"


def test_every_file_has_a_golden_with_its_hash() -> None:
    names = {s.name for s, _ in holdout_samples()}
    assert names == {p.name for p in (HOLDOUT / "files").iterdir()}
    formats = {}
    for name in names:
        rec = json.loads((HOLDOUT / "expected" / f"{name}.json").read_text(encoding="utf-8"))
        assert rec["source"]["sha256"] == hashlib.sha256((HOLDOUT / "files" / name).read_bytes()).hexdigest(), name
        formats[rec["source"]["format"]] = formats.get(rec["source"]["format"], 0) + 1
    assert formats == {"docx": 10, "pdf-text": 2, "pdf-scanned": 4, "doc": 3}


@pytest.mark.skipif(not SCHEMA.exists(), reason="shared contract not beside the repo")
def test_goldens_validate_against_contract() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    goldens = sorted((HOLDOUT / "expected").glob("*.json"))
    assert len(goldens) == 19
    for path in goldens:
        rec = json.loads(path.read_text(encoding="utf-8"))
        # strip_volatile drops source.path; the schema requires it
        rec["source"].setdefault("path", f"data/holdout/files/{path.name.removesuffix('.json')}")
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, f"{path.name}: {errors[0].message}"


def test_word97_fixture_is_a_real_ole2_file_copied_without_the_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed LibreOffice output is used as is: no soffice needed, the golden hashes the fixture."""
    monkeypatch.setattr(oddities.shutil, "which", lambda name: None)
    sample = oddities.o1_word97_phan_thi_hanh()
    data = oddities.word97_bytes(sample)
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert data == (oddities.FIXTURES / oddities.WORD97).read_bytes() == (HOLDOUT / "files" / oddities.WORD97).read_bytes()
    rec = json.loads((HOLDOUT / "expected" / f"{oddities.WORD97}.json").read_text(encoding="utf-8"))
    assert rec["source"]["sha256"] == hashlib.sha256(data).hexdigest() and rec["source"]["format"] == "doc"


def test_cp1258_html_doc_has_combining_tones_and_no_utf8() -> None:
    data = (HOLDOUT / "files" / oddities.CP1258_DOC).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1258")
    assert "charset=windows-1258" in text and "\r\n" in text
    assert "Nguye\u0302\u0303n Va\u0306n Lo\u031b\u0323i" in unicodedata.normalize("NFD", text)
    assert "Nguy\u00ea\u0303n V\u0103n L\u01a1\u0323i" in text  # base letters precomposed, tones combining
