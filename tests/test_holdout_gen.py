"""The held-out set (``samplegen.holdout``) is deterministic and its goldens follow the contract.

The held-out files live in ``data/holdout`` (not in ``data/samples``: that folder is the nightly
inbox and the golden tests' set); a benchmark reads them separately.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import jsonschema
import pytest

from samplegen import holdout3, oddities
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
    assert formats == {"docx": 17, "pdf-text": 3, "pdf-scanned": 6, "doc": 5}


@pytest.mark.skipif(not SCHEMA.exists(), reason="shared contract not beside the repo")
def test_goldens_validate_against_contract() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    goldens = sorted((HOLDOUT / "expected").glob("*.json"))
    assert len(goldens) == 31
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


def test_third_hand_tracked_changes_and_comment_are_real_revisions() -> None:
    """The reviewed .docx holds w:del / w:ins runs and a comment; the golden has the accepted values."""
    data = (HOLDOUT / "files" / holdout3.TRACKED).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8")
    assert body.count("<w:del ") == 4 and body.count("<w:ins ") == 3
    assert "<w:delText xml:space=\"preserve\">08/9/1974</w:delText>" in body and "1975" in body
    assert "Đề nghị ghi rõ họ tên" in comments and "Đề nghị ghi rõ họ tên" not in body
    rec = json.loads((HOLDOUT / "expected" / f"{holdout3.TRACKED}.json").read_text(encoding="utf-8"))
    nom = rec["nominations"][0]
    assert nom["person"]["birth_date"] == "1975-09-08"
    assert nom["person"]["position"].startswith("Chỉ huy trưởng")
    assert [p["decision_number"] for p in nom["prior_awards"]] == ["1425/QĐ-UBND", "512/QĐ-BCH"]


def test_third_hand_two_reports_share_one_page() -> None:
    data = (HOLDOUT / "files" / holdout3.TWO_IN_ONE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:type="page"' not in body and body.count("BÁO CÁO THÀNH TÍCH") == 2
    rec = json.loads((HOLDOUT / "expected" / f"{holdout3.TWO_IN_ONE}.json").read_text(encoding="utf-8"))
    assert rec["documents"] == [{"kind": "bao_cao_ca_nhan", "pages": [1]}] * 2 and len(rec["nominations"]) == 2


def test_third_hand_hcld3_pdf_breaks_inside_the_prior_award_table() -> None:
    """The page break falls inside section III's table, whose header row is repeated on page 2."""
    path = HOLDOUT / "files" / holdout3.HCLD3_PDF
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                            capture_output=True, text=True, check=True).stdout for n in (1, 2)]
    assert "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in pages[0] and "1520/QĐ-BKHĐT" in pages[0]
    assert "3012/QĐ-UBND" in pages[1] and "Số, ngày quyết định" in pages[0] and "Số, ngày quyết định" in pages[1]
