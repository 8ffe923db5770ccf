"""Every planted defect is found and no clean dossier gets an error (issue 7, "Done when").

The batch (``samplegen.defects``) holds split submissions (a folder of separate Word files) and
whole ones (one file), each clean or with one planted defect, and runs through the real nightly flow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.defects import read_results, summary
from flows.nightly import run_nightly
from flows.settings import TdktSettings
from samplegen.defects import write


@pytest.mark.usefixtures("prefect_harness")
def test_every_planted_defect_is_found_and_clean_dossiers_have_no_error(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    cases = write(inbox)
    settings = TdktSettings(inbox=inbox, warehouse=tmp_path / "wh.duckdb", reports=tmp_path / "reports",
                            archive=tmp_path / "archive", jobs=2)
    run = run_nightly(settings)
    assert run.quarantined == 0 and run.landed == sum(len(c.docs) if not c.one_file else 1 for c in cases)
    results = read_results(cases, inbox, settings.warehouse)
    assert {r.case.name: sorted(r.missed) for r in results if r.missed} == {}
    assert {r.case.name: r.errors for r in results if not r.case.expect and r.errors} == {}
    planted, found, clean, false = summary(results)
    assert (found, false) == (planted, 0) and clean >= 2
