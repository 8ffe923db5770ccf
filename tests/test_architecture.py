"""Data flows one way: extractors -> record -> validators -> landing -> reports; flows orchestrate.

An import contract, checked on the source (STYLE practice 1): a stage may import ``record`` (the
shared types) and nothing downstream of it; no stage imports ``flows``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("record", "extractors", "validators", "landing", "reports", "flows", "bench", "samplegen")
ALLOWED = {
    "record": set(),
    "extractors": {"record"},
    "validators": {"record"},
    "landing": {"record"},
    "reports": {"record"},
    # ``tdkt bench`` is a subcommand of the CLI in flows/, which imports bench lazily
    "flows": {"record", "extractors", "validators", "landing", "reports", "bench"},
    # ``tdkt bench --throughput`` generates its inbox of Word dossiers with samplegen
    "bench": {"record", "extractors", "validators", "landing", "reports", "flows", "samplegen"},
    "samplegen": {"record"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out & set(STAGES)


@pytest.mark.parametrize("package", STAGES)
def test_imports_follow_the_data_flow(package: str) -> None:
    bad = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        wrong = _imports(path) - ALLOWED[package] - {package}
        if wrong:
            bad[str(path.relative_to(ROOT))] = sorted(wrong)
    assert bad == {}
