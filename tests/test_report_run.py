"""The report and the council's workbook of a real run over the bundled samples (issue 8, Done when).

Headless Chromium (through Playwright, on the system's Chromium) opens the page as a reviewer
would, from disk: every nomination card is there, every crop image loads, every chart draws, a
filter hides rows, and printed on A4 portrait nothing is wider than the page. Screenshots go to
``$TDKT_TEST_OUTPUT`` (default: the test's temporary folder). The workbook is opened with openpyxl
and its rows compared with the warehouse.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import duckdb
import pytest

from record.outcome import FileOutcome
from reports import write_run_report
from reports._labels import award_level, words

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def run(sample_run: Any) -> tuple[Any, Any]:
    return sample_run


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("TDKT_TEST_OUTPUT") or tmp_path_factory.mktemp("shots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def _nominations(db: Path, run_id: str) -> list[dict[str, Any]]:
    """The run's landed rows, each with its nominee's canonical id (``nominee``)."""
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("""SELECT n.nomination_id, coalesce(n.canonical_id, n.nomination_id) AS nominee,
                                    n.status, n.award_code, n.nominee_kind, coalesce(p.full_name, u.name) AS name,
                                    p.position, f.format, f.path
                             FROM nominations n LEFT JOIN persons p USING (nomination_id)
                             LEFT JOIN units u USING (nomination_id)
                             JOIN ingested_files f ON f.sha256 = n.sha256
                             WHERE n.run_id = ?""", [run_id])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


_WORST = {"rejected": 0, "needs_review": 1, "clean": 2}


def _nominees(noms: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The rows grouped by nominee as the report and the workbook show them: the canonical row's name
    and award, the worst status, every row's id and format."""
    out: dict[str, dict[str, Any]] = {}
    for n in sorted(noms, key=lambda n: n["nomination_id"] != n["nominee"]):
        have = out.get(n["nominee"])
        if have is None:
            out[n["nominee"]] = {**n, "rows": [n["nomination_id"]], "formats": {n["format"]}}
            continue
        have["rows"].append(n["nomination_id"])
        have["formats"].add(n["format"])
        have["name"] = have["name"] or n["name"]
        if _WORST[n["status"]] < _WORST[have["status"]]:
            have["status"] = n["status"]
    return out


def _with_fairness(settings: Any, summary: Any) -> Path:
    """The run's report again (the stage lands fairness rows; a run that landed none gets some here):
    a chart per indicator, the batch and a unit, award levels."""
    db = settings.warehouse
    with duckdb.connect(str(db)) as con:
        have = con.execute("SELECT count(*) FROM fairness WHERE run_id = ?", [summary.run_id]).fetchone()
        if not have or have[0] == 0:
            cols = {r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'fairness'").fetchall()}
            if "award_level" not in cols:
                con.execute("ALTER TABLE fairness ADD COLUMN award_level VARCHAR")
            rows = []
            for ind, value, threshold in (("female_share", 0.45, 0.3), ("leader_share", 0.2, 0.3),
                                          ("direct_worker_share", 0.1, 0.2)):
                for scope in ("batch", "SỞ Y TẾ"):
                    for level in ("all", "tinh"):
                        rows.append([summary.run_id, scope, ind, 9 * value, 9, value, threshold,
                                     "ok" if value >= threshold else "below", level])
            con.executemany("INSERT INTO fairness (run_id, scope, indicator, numerator, denominator, value, "
                            "threshold, status, award_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # the run's files as the flow handed them over: landed or quarantined in this run
        outcomes = [FileOutcome(path=p, sha256=sha, format=fmt, status="landed" if st == "ok" else "quarantined",
                                error_code=code, error=err)
                    for p, sha, fmt, st, code, err in con.execute(
                        "SELECT path, sha256, format, status, error_code, error FROM ingested_files "
                        "WHERE run_id = ? ORDER BY path", [summary.run_id]).fetchall()]
        return write_run_report(settings.reports, con=con, run_id=summary.run_id, started_at=summary.started_at,
                                outcomes=outcomes, quality=[], archive=settings.archive, inbox=settings.inbox)


def _as_the_flow_wrote_it(settings: Any, summary: Any) -> None:
    """The flow's own page: Data Docs linked and there, no absolute path, owner-only files."""
    html = summary.report.read_text(encoding="utf-8")
    docs = re.search(r'href="([^"]*data-docs/index\.html)" id="link-data-docs"', html)
    assert docs and (summary.report.parent / docs.group(1)).is_file()
    assert "tdkt_nominations" in (summary.report.parent / docs.group(1)).read_text(encoding="utf-8")
    assert 'id="tdkt-vi"' in (summary.report.parent / docs.group(1)).read_text(encoding="utf-8")
    vi = re.search(r'href="([^"]*data-docs/tom-tat\.html)" id="link-quality"', html)
    assert vi and "kiểm tra đạt." in (summary.report.parent / vi.group(1)).read_text(encoding="utf-8")
    assert str(settings.inbox) not in html and str(settings.archive) not in html and "/tmp/" not in html
    assert "expect_column" not in html.split("<script>")[0]
    # no internal name of a fairness indicator in what a reviewer reads (each has its Vietnamese label)
    assert not re.search(r"\b[a-z_]+_share\b", re.sub(r'(class|id|data-[a-z-]+)="[^"]*"', "", html.split("<script>")[0]))
    for p in [settings.reports, *settings.reports.rglob("*")]:
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p
    assert (settings.reports / "index.html").is_file() and (settings.reports / "latest.html").is_file()


def test_the_report_in_a_real_browser(run: tuple[Any, Any], shots: Path) -> None:
    if _chromium() is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    settings, summary = run
    _as_the_flow_wrote_it(settings, summary)
    page_path = _with_fairness(settings, summary)
    assert page_path == summary.report  # the same run keeps its page
    noms = _nominations(settings.warehouse, summary.run_id)
    nominees = _nominees(noms)
    assert len(nominees) > 10
    twice = {k: v for k, v in nominees.items() if len(v["rows"]) > 1}
    assert twice  # the samples name nominees in a cover letter's list and in their own report
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        indicators = {r[0] for r in con.execute("SELECT DISTINCT indicator FROM fairness WHERE run_id = ?",
                                                [summary.run_id]).fetchall()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            assert errors == []
            # every nominee of the run has one card (rows of one nominee in several files: one card that
            # lists the files), with a title and its values
            cards = page.eval_on_selector_all("article[data-nomination]", """els => els.map(e => ({
                id: e.dataset.nomination, title: e.querySelector('h3').textContent,
                values: e.querySelectorAll('table.values tr').length,
                files: (e.querySelector('.files-of-nominee') || {}).textContent || ''}))""")
            assert sorted(c["id"] for c in cards) == sorted(nominees)
            assert all(c["values"] > 3 and c["title"].strip() for c in cards)
            for c in cards:
                if c["id"] in twice:
                    paths = {n["path"].rsplit("/", 1)[-1] for n in noms if n["nominee"] == c["id"]}
                    assert all(p in c["files"] for p in paths), (c, paths)
                else:
                    assert not c["files"]
            # every crop loads; every scanned or PDF nomination shows at least one
            crops = page.eval_on_selector_all("img.crop", """els => els.map(e => ({
                w: e.naturalWidth, h: e.naturalHeight, src: e.getAttribute('src'),
                card: e.closest('article').dataset.nomination}))""")
            files = list((page_path.parent / f"{page_path.stem}_files" / "crops").glob("*.png"))
            assert {c["src"].rsplit("/", 1)[-1] for c in crops} == {f.name for f in files} and len(files) > 10
            assert [c for c in crops if c["w"] <= 0 or c["h"] <= 0] == []
            assert all(not c["src"].startswith("/") for c in crops)
            pdf_noms = {k for k, n in nominees.items() if n["formats"] & {"pdf-text", "pdf-scanned"}}
            assert pdf_noms and pdf_noms <= {c["card"] for c in crops}
            # one drawn chart per fairness indicator
            charts = page.eval_on_selector_all("figure.fairness svg", """els => els.map(e => {
                const r = e.getBoundingClientRect(); return {w: r.width, h: r.height,
                bars: e.querySelectorAll('path, rect, use').length}; })""")
            assert len(charts) == len(indicators) == 6  # the stage's six indicators (contract)
            assert all(c["w"] > 200 and c["h"] > 100 and c["bars"] > 5 for c in charts)
            page.screenshot(path=str(shots / "report.png"))
            # a nominee named in several files: its one card, with the files it came from
            page.locator(f"article[data-nomination='{next(iter(twice))}']").screenshot(
                path=str(shots / "report-nominee-card.png"))
            # a filter hides rows: only the rejected nominations stay
            total = page.locator("#bang-de-nghi tbody tr").count()
            page.select_option("select[name=status]", "rejected")
            visible = page.locator("#bang-de-nghi tbody tr:not([hidden])").count()
            rejected = sum(n["status"] == "rejected" for n in nominees.values())
            assert visible == rejected < total
            assert page.locator("article[data-nomination]:not([hidden])").count() == rejected
            assert page.locator("#so-hien").text_content() == str(rejected)
            page.click("button[type=reset]")
            # search by name, without diacritics
            name = next(n["name"] for n in nominees.values() if n["nominee_kind"] == "individual" and n["name"])
            page.fill("input[name=q]", name.lower().replace("đ", "d").split()[-1])
            shown = page.eval_on_selector_all("#bang-de-nghi tbody tr:not([hidden])", "els => els.length")
            assert 1 <= shown < total
            page.fill("input[name=q]", "")
            # printed on A4 portrait: nothing wider than the page, each nomination one block
            page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
            page.emulate_media(media="print")
            widest = page.evaluate("""() => {
                let worst = {right: 0, tag: ''};
                for (const e of document.body.querySelectorAll('*')) {
                    const r = e.getBoundingClientRect();
                    if (r.width && r.right > worst.right) worst = {right: r.right, tag: e.tagName + '.' + e.className};
                }
                return {worst, scroll: document.documentElement.scrollWidth}; }""")
            assert widest["scroll"] <= A4_WIDTH_PX and widest["worst"]["right"] <= A4_WIDTH_PX + 0.5, widest
            breaks = page.eval_on_selector_all("article[data-nomination]",
                                               "els => els.map(e => getComputedStyle(e).breakInside)")
            assert set(breaks) == {"avoid"}
            assert page.locator("form#loc").is_hidden()
            page.screenshot(path=str(shots / "report-print-a4.png"))
            pdf = page.pdf(format="A4", print_background=True)
            assert pdf[:4] == b"%PDF"
            (shots / "report-a4.pdf").write_bytes(pdf)
        finally:
            browser.close()


def test_the_council_workbook_matches_the_warehouse(run: tuple[Any, Any], shots: Path) -> None:
    from openpyxl import load_workbook

    settings, summary = run
    path = summary.report.with_suffix(".xlsx")
    assert f'href="{path.name}"' in summary.report.read_text(encoding="utf-8")
    noms = _nominations(settings.warehouse, summary.run_id)
    nominees = _nominees(noms)
    wb = load_workbook(path)
    w = words()
    status_label = {k: w.get("nomination_status", k) for k in ("clean", "needs_review", "rejected")}
    seen = 0
    for level in ("co_so", "tinh", "trung_uong"):
        ws = wb[w.get("award_levels", level)]
        headers = [c.value for c in ws[2]]
        assert headers == ["Số TT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Hình thức đề nghị",
                           "Tóm tắt thành tích", "Tỷ lệ phiếu", "Kết quả kiểm tra", "Ghi chú"]
        rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]
        want = sorted((n["name"] or "(không rõ tên)", status_label[n["status"]]) for n in nominees.values()
                      if award_level(n["award_code"]) == level)
        assert sorted((r[1], r[7]) for r in rows) == want
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        # printable: A4 landscape, fitted to the width, the header row on every page, wrapped cells
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$2:$2"
        assert ws.column_dimensions["F"].width >= 40
        assert not rows or ws["F3"].alignment.wrap_text
        seen += len(rows)
    assert seen == len(nominees) < len(noms)
    rows = {r[1]: r for name in wb.sheetnames[:-1] for r in wb[name].iter_rows(min_row=3, values_only=True) if r[0]}
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        # a vote share written on the list is the council's own figure
        votes = con.execute("""SELECT v.nominee, v.votes_for, m.members_total FROM council_votes v
                               JOIN council_meta m USING (sha256) WHERE m.members_total > 0""").fetchall()
        # each nominee's findings once, though several of its rows carry the same one
        findings = con.execute("""SELECT count(*) FROM (SELECT DISTINCT coalesce(n.canonical_id, n.nomination_id),
                                  f.check_id, f.field, f.message, f.scope FROM findings f
                                  JOIN nominations n USING (nomination_id) WHERE n.run_id = ?)""",
                               [summary.run_id]).fetchone()
    shares = {f"{v}/{t}" for _, v, t in votes if v is not None}
    listed = [r[6] for r in rows.values() if r[6]]
    assert listed and all(s.split(" ")[0] in shares for s in listed)
    # a person named in the cover letter's list (with the minutes' vote) and in their own report:
    # one row, the vote from the minutes, the position from the report
    person = next(n for n in nominees.values() if len(n["rows"]) > 1 and n["nominee_kind"] == "individual")
    report_row = next(n for n in noms if n["nomination_id"] == person["nominee"])
    row = rows[person["name"]]
    vote = next(f"{v}/{t}" for name, v, t in votes if name == person["name"])
    assert row[6].startswith(vote + " ") and row[2] == report_row["position"]
    assert wb["Phát hiện"].max_row - 2 == (findings[0] if findings else 0)
    _sheet_shot(wb.worksheets[0], shots / "workbook-sheet1.png")


def _sheet_shot(ws: Any, out: Path) -> None:
    """The first sheet as the council would print it, drawn through an HTML table in Chromium."""
    if _chromium() is None:
        return
    from html import escape

    from playwright.sync_api import sync_playwright

    widths = [ws.column_dimensions[chr(65 + i)].width or 10 for i in range(ws.max_column)]
    cells = []
    for r, row in enumerate(ws.iter_rows(values_only=True), 1):
        tag = "th" if r <= 2 else "td"
        span = f' colspan="{ws.max_column}"' if r == 1 else ""
        values = row[:1] if r == 1 else row
        cells.append("<tr>" + "".join(f"<{tag}{span}>{escape(str(v)) if v is not None else ''}</{tag}>"
                                      for v in values) + "</tr>")
    cols = "".join(f'<col style="width:{w * 7}px">' for w in widths)
    html = (f'<html lang="vi"><meta charset="utf-8"><style>body{{font:12px "DejaVu Sans"}}table{{border-collapse:'
            f'collapse;table-layout:fixed}}td,th{{border:1px solid #999;padding:2px 4px;vertical-align:top;'
            f'white-space:pre-wrap}}th{{background:#dde5ee}}</style><h3>{escape(ws.title)}</h3>'
            f'<table><colgroup>{cols}</colgroup>{"".join(cells)}</table></html>')
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.set_content(html)
            page.screenshot(path=str(out), full_page=True)
        finally:
            browser.close()
