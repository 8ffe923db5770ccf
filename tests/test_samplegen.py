"""The sample generator is deterministic and the committed goldens are what it produces.

Goldens pin ``source.sha256``, so a generator that drifts (timestamps, unseeded noise) would break
every golden; and a golden edited by hand would no longer match its file.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from samplegen.catalog import docx_samples, extra_samples, textpdf_samples
from samplegen.generate import generate

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "dossier.schema.json"


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    generate(out)
    return out


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_non_scan_files_are_byte_identical_across_runs(tmp_path: Path, full_run: Path) -> None:
    """docx, HTML .doc, text PDFs and bad files: a second run gives the same bytes (scans are slow)."""
    samples = docx_samples() + textpdf_samples() + extra_samples()
    generate(tmp_path, samples, bad=True)
    again = _tree(tmp_path / "files")
    first = _tree(full_run / "files")
    assert again, "nothing generated"
    for name, data in again.items():
        assert first[name] == data, f"{name} differs between runs"


def test_regenerated_goldens_equal_committed(full_run: Path) -> None:
    fresh = _tree(full_run / "expected")
    committed = _tree(SAMPLES / "expected")
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert json.loads(data) == json.loads(committed[name]), f"golden {name} is stale: rerun python -m samplegen"
    assert sorted(_tree(full_run / "files")) == sorted(_tree(SAMPLES / "files"))


def test_committed_files_match_their_goldens() -> None:
    import hashlib

    for golden in sorted((SAMPLES / "expected").glob("*.json")):
        if golden.name == "_bad.json":
            continue
        rec = json.loads(golden.read_text(encoding="utf-8"))
        data = (SAMPLES / "files" / golden.name.removesuffix(".json")).read_bytes()
        assert rec["source"]["sha256"] == hashlib.sha256(data).hexdigest(), golden.name


@pytest.mark.skipif(not SCHEMA.exists(), reason="shared contract not beside the repo")
def test_goldens_validate_against_contract() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    goldens = [p for p in sorted((SAMPLES / "expected").glob("*.json")) if p.name != "_bad.json"]
    assert len(goldens) >= 20
    for path in goldens:
        rec = json.loads(path.read_text(encoding="utf-8"))
        # strip_volatile drops source.path (where a file sits is not pinned); the schema requires it
        rec["source"].setdefault("path", f"data/samples/files/{path.name.removesuffix('.json')}")
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, f"{path.name}: {errors[0].message}"


def test_bad_files_have_known_codes() -> None:
    from record import errors

    codes = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and hasattr(cls, "code")}
    bad = json.loads((SAMPLES / "expected" / "_bad.json").read_text(encoding="utf-8"))
    assert len(bad) == 5
    for name, code in bad.items():
        assert code in codes, code
        assert (SAMPLES / "files" / name).exists()
