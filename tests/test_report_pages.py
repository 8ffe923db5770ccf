"""A big night's report in pages (issue 9): with a page of 3 cards, the sample run's report is cut
into pages, every card on exactly one, worst result first, the main page linking them and keeping
the night's counts, each page working offline from its own folder, the workbook still the warehouse's.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from openpyxl import load_workbook

from record.outcome import FileOutcome
from reports import write_run_report
from reports._labels import award_level, words
from reports._paged import report_limits
from tests.test_report_run import _nominations, _nominees

PER_PAGE = 3
_WORST = {"rejected": 0, "needs_review": 1, "clean": 2}


@pytest.fixture(scope="module")
def paged(sample_run: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Path]:
    """The sample run's report again, into a folder of its own, 3 cards a page."""
    settings, summary = sample_run
    reports = tmp_path_factory.mktemp("paged") / "reports"
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        outcomes = [FileOutcome(path=p, sha256=sha, format=fmt, status="landed" if st == "ok" else "quarantined",
                                error_code=code, error=err)
                    for p, sha, fmt, st, code, err in con.execute(
                        "SELECT path, sha256, format, status, error_code, error FROM ingested_files "
                        "WHERE run_id = ? ORDER BY path", [summary.run_id]).fetchall()]
        page = write_run_report(reports, con=con, run_id=summary.run_id, started_at=datetime.now(UTC),
                                outcomes=outcomes, quality=[], archive=settings.archive, inbox=settings.inbox,
                                cards_per_page=PER_PAGE)
    return settings, summary, page


def _cards(html: str) -> list[tuple[str, str]]:
    """The nomination cards of a page: (id, status)."""
    return re.findall(r'<article class="nomination st-card-[a-z_]+" id="dn-([^"]+)"[^>]*data-status="([a-z_]+)"', html)


def test_a_normal_night_stays_one_page(sample_run: Any) -> None:
    settings, summary = sample_run
    html = summary.report.read_text(encoding="utf-8")
    nominees = _nominees(_nominations(settings.warehouse, summary.run_id))
    assert len(nominees) <= report_limits().cards_per_page
    assert 'id="cac-trang"' not in html and "trang-2.html" not in html
    assert not list((summary.report.parent / f"{summary.report.stem}_files").glob("trang-*.html"))
    assert sorted(i for i, _ in _cards(html)) == sorted(nominees)


def test_every_card_on_exactly_one_page_worst_first(paged: tuple[Any, Any, Path]) -> None:
    settings, summary, main = paged
    nominees = _nominees(_nominations(settings.warehouse, summary.run_id))
    count = -(-len(nominees) // PER_PAGE)
    assert count >= 3
    folder = main.parent / f"{main.stem}_files"
    pages = [main, *(folder / f"trang-{n}.html" for n in range(2, count + 1))]
    assert not (folder / f"trang-{count + 1}.html").exists()
    html = main.read_text(encoding="utf-8")
    seen: list[tuple[str, str]] = []
    ranks: list[list[int]] = []  # each page's results (within a page, cards go by submission)
    for n, page in enumerate(pages, 1):
        text = page.read_text(encoding="utf-8")
        cards = _cards(text)
        assert 0 < len(cards) <= PER_PAGE, page
        assert f"Trang {n} / {count}" in text
        seen += cards
        ranks.append([_WORST[s] for _, s in cards])
        if n > 1:  # linked from the main page; links back to it
            assert f'href="{main.stem}_files/trang-{n}.html"' in html
            assert f'href="../{main.name}" id="link-main"' in text
            assert 'id="tong-quan"' not in text and 'id="tep"' not in text
    assert sorted(i for i, _ in seen) == sorted(nominees)  # each card once
    assert all(max(a) <= min(b) for a, b in zip(ranks, ranks[1:], strict=False))  # worst first
    assert {i: s for i, s in seen} == {k: v["status"] for k, v in nominees.items()}


def test_the_main_page_counts_the_whole_night(paged: tuple[Any, Any, Path]) -> None:
    settings, summary, main = paged
    nominees = _nominees(_nominations(settings.warehouse, summary.run_id))
    html = main.read_text(encoding="utf-8")
    want = Counter(n["status"] for n in nominees.values())
    for status in _WORST:
        assert re.search(rf'data-count="nom-{status}">{want[status]}<', html), status
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        files = con.execute("SELECT count(*), count(*) FILTER (WHERE status <> 'ok') FROM ingested_files "
                            "WHERE run_id = ?", [summary.run_id]).fetchone()
    assert files is not None and files[1] > 0
    assert re.search(rf"Số tệp đã xét</th><td class=\"num\">{files[0]}<", html)
    assert re.search(rf'data-count="file-quarantined">{files[1]}<', html)
    # every quarantined file is listed with its advice on the main page
    assert html.count('class="st-quarantined">') >= files[1]
    # the breakdown by award level counts every nominee once
    levels = re.search(r"<h4>Theo cấp khen thưởng</h4>(.*?)</table>", html, re.S)
    assert levels is not None
    totals = re.findall(r'<td class="num">(\d+)</td></tr>', levels.group(1))
    assert sum(map(int, totals)) == len(nominees)


def test_each_page_works_offline_from_its_folder(paged: tuple[Any, Any, Path]) -> None:
    _, _, main = paged
    folder = main.parent / f"{main.stem}_files"
    crops = 0
    for page in [main, *sorted(folder.glob("trang-*.html"))]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="https?:', text) and "<script src" not in text
        assert 'getElementById("loc")' in text  # the filter script, inline
        for ref in re.findall(r'(?:src|href)="([^"#][^"]*)"', text):
            assert (page.parent / ref).exists(), (page.name, ref)
        crops += text.count('class="crop"')
    assert crops > 0  # the scans' crops load from the pages under <stem>_files/ too


def test_the_paged_workbook_matches_the_warehouse(paged: tuple[Any, Any, Path]) -> None:
    settings, summary, main = paged
    nominees = _nominees(_nominations(settings.warehouse, summary.run_id))
    wb = load_workbook(main.with_suffix(".xlsx"))
    w = words()
    label = {k: w.get("nomination_status", k) for k in _WORST}
    seen = 0
    for level in ("co_so", "tinh", "trung_uong"):
        rows = [r for r in wb[w.get("award_levels", level)].iter_rows(min_row=3, values_only=True) if r[0]]
        assert sorted((r[1], r[7]) for r in rows) == sorted(
            (n["name"] or "(không rõ tên)", label[n["status"]]) for n in nominees.values()
            if award_level(n["award_code"]) == level)
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        seen += len(rows)
    assert seen == len(nominees)


def test_a_further_page_in_a_real_browser(paged: tuple[Any, Any, Path]) -> None:
    """Opened from disk in Chromium: its crops load, its filter hides its own cards, its links lead to
    the other pages."""
    from tests.test_report_run import _chromium

    if _chromium() is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    _, _, main = paged
    folder = main.parent / f"{main.stem}_files"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in sorted(folder.glob("trang-*.html")):
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                assert errors == []
                sizes = page.eval_on_selector_all("img.crop", "els => els.map(e => e.naturalWidth)")
                assert all(w > 0 for w in sizes)
                statuses = page.eval_on_selector_all("article[data-nomination]", "els => els.map(e => e.dataset.status)")
                shown = int(page.text_content("#so-hien") or 0)
                assert shown == len(statuses)
                page.select_option("#loc select[name=status]", statuses[0])
                assert int(page.text_content("#so-hien") or 0) == statuses.count(statuses[0])
                hidden = page.eval_on_selector_all("article[data-nomination]", "els => els.filter(e => e.hidden).length")
                assert hidden == len(statuses) - statuses.count(statuses[0])
            page.click("#cac-trang a[data-page='1']")
            page.wait_for_load_state("load")
            assert Path(page.url.removeprefix("file://")).name == main.name
        finally:
            browser.close()
