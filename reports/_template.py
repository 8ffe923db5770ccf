"""The run report's Jinja2 template (kept in Python so it ships with the package, no package data)."""

TEMPLATE = """{% macro value_table(rows) %}
<table><tr><th>Thông tin</th><th>Giá trị</th><th>Nguồn</th></tr>
{% for v in rows %}
<tr class="{{ 'lowconf' if v.low else '' }}"><td>{{ v.label }}</td>
<td>{% if v.value is none %}<span class="missing">không có</span>{% else %}{{ v.value }}{% endif %}</td>
<td>{% if v.page %}<span title="{{ v.line or '' }}">trang {{ v.page }}</span>{% endif %}
{% if v.confidence is not none %}<span class="{{ 'lowconf' if v.low else 'muted' }}">· tin cậy {{ v.confidence }}</span>{% endif %}
{% if v.line %}<span class="src">{{ v.line }}</span>{% endif %}</td></tr>
{% endfor %}
</table>
{% endmacro %}

{% macro findings_table(findings) %}
<table><tr><th>Mức độ</th><th>Mã</th><th>Nội dung</th><th>Trường</th><th>Căn cứ pháp lý</th></tr>
{% for x in findings %}
<tr><td class="sev-{{ x.severity }}">{{ x.severity_label }}</td><td>{{ x.check_id }}</td><td>{{ x.message }}</td>
<td><code>{{ x.field or '' }}</code></td><td>{{ x.legal_basis }}</td></tr>
{% endfor %}
</table>
{% endmacro %}
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo lượt xử lý hồ sơ thi đua, khen thưởng {{ run_id }}</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 1.5rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #ccc; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; } h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.num { text-align: right; }
.muted, .src { color: #666; font-size: .82rem; }
.src { display: block; max-width: 40rem; }
.missing { color: #999; font-style: italic; }
.lowconf { background: #fff3cd; }
.sev-error, .st-rejected, .st-quarantined, .fail { color: #a00; font-weight: bold; }
.sev-warning, .st-needs_review { color: #8a5a00; font-weight: bold; }
.sev-info, .st-clean, .st-landed, .ok { color: #176117; }
.st-skipped { color: #555; }
section.file { border: 1px solid #ddd; padding: .5rem 1rem; margin: 1rem 0; border-radius: 4px; }
section.nomination { border-left: 4px solid #9ab; padding-left: .8rem; margin: 1rem 0; }
</style>
</head>
<body>
<h1>Báo cáo lượt xử lý hồ sơ thi đua, khen thưởng</h1>
<p>Mã lượt chạy: <code>{{ run_id }}</code> · Bắt đầu: {{ started_at }} · Lập báo cáo: {{ generated_at }}</p>

<h2>Tóm tắt</h2>
<table>
<tr><th>Số tệp đã xét</th><td class="num">{{ summary.seen }}</td></tr>
<tr><th>Đã nạp vào kho</th><td class="num">{{ summary.landed }}</td></tr>
<tr><th>Bỏ qua (đã xử lý ở lượt trước)</th><td class="num">{{ summary.skipped }}</td></tr>
<tr><th>Cách ly (không đọc được)</th><td class="num">{{ summary.quarantined }}</td></tr>
{% if summary.deferred %}<tr><th>Hoãn, thử lại lượt sau (lỗi không do tệp)</th><td class="num">{{ summary.deferred }}</td></tr>{% endif %}
{% if summary.ignored %}<tr><th>Không đọc (liên kết, tệp đặc biệt)</th><td class="num">{{ summary.ignored }}</td></tr>{% endif %}
</table>
<h4>Đề nghị khen thưởng theo kết quả kiểm tra</h4>
<table>
<tr><th>Kết quả</th><th>Số đề nghị</th></tr>
{% for label, css, count in summary.by_status %}
<tr><td class="{{ css }}">{{ label }}</td><td class="num">{{ count }}</td></tr>
{% endfor %}
</table>

<h2>Danh sách tệp</h2>
<table>
<tr><th>Tệp</th><th>Định dạng</th><th>Trạng thái</th><th>Lý do / ghi chú</th><th>Thời gian (giây)</th></tr>
{% for f in files %}
<tr><td><a href="#{{ f.anchor }}">{{ f.path }}</a></td><td>{{ f.format }}</td>
<td class="st-{{ f.status }}">{{ f.status_label }}</td><td>{{ f.reason }}</td><td class="num">{{ f.seconds }}</td></tr>
{% endfor %}
</table>

<h2>Chi tiết từng tệp</h2>
{% for f in files %}
<section class="file" id="{{ f.anchor }}">
<h3>{{ f.path }}</h3>
<p><span class="st-{{ f.status }}">{{ f.status_label }}</span>
{% if f.sha256 %} · <span class="muted">SHA-256 {{ f.sha256 }}</span>{% endif %}
{% if f.ocr_confidence %} · <span class="{{ 'lowconf' if f.ocr_low else '' }}">độ tin cậy OCR {{ f.ocr_confidence }}</span>{% endif %}</p>
{% if f.reason and f.status in ('quarantined', 'deferred', 'ignored') %}<p class="fail">{{ f.reason }}</p>{% endif %}

{% if f.documents %}
<h4>Thành phần trong tệp</h4>
<table><tr><th>Tài liệu</th><th>Trang</th></tr>
{% for d in f.documents %}<tr><td>{{ d.label }}</td><td>{{ d.pages }}</td></tr>{% endfor %}
</table>
{% endif %}

{% if f.submission %}
<h4>Tờ trình</h4>
{{ value_table(f.submission) }}
{% endif %}

{% if f.council %}
<h4>Biên bản họp Hội đồng Thi đua - Khen thưởng</h4>
{{ value_table(f.council.rows) }}
{% if f.council.results %}
<table><tr><th>Người/tập thể</th><th>Danh hiệu</th><th>Số phiếu đồng ý</th><th>Tổng số phiếu</th></tr>
{% for r in f.council.results %}<tr><td>{{ r.nominee }}</td><td>{{ r.award_code }}</td>
<td class="num">{{ r.votes_for }}</td><td class="num">{{ r.votes_total }}</td></tr>{% endfor %}
</table>
{% endif %}
{% endif %}

{% if f.record_findings %}
<h4>Phát hiện chung của tệp</h4>
{{ findings_table(f.record_findings) }}
{% endif %}

{% for n in f.nominations %}
<section class="nomination">
<h4>Đề nghị {{ loop.index }}: {{ n.title }} <span class="st-{{ n.status }}">({{ n.status_label }})</span></h4>
<p class="muted">Mã đề nghị {{ n.nomination_id }}</p>
{{ value_table(n.rows) }}
{% if n.task_ratings %}
<p><b>Kết quả xếp loại:</b> {% for t in n.task_ratings %}{{ t }}{% if not loop.last %}; {% endif %}{% endfor %}</p>
{% endif %}
{% if n.innovations %}
<p><b>Sáng kiến:</b></p><ul>{% for i in n.innovations %}<li>{{ i }}</li>{% endfor %}</ul>
{% endif %}
{% if n.prior_awards %}
<p><b>Các hình thức đã được khen thưởng</b></p>
<table><tr><th>#</th><th>Năm</th><th>Danh hiệu/hình thức</th><th>Số quyết định</th><th>Ngày quyết định</th><th>Cơ quan ban hành</th></tr>
{% for p in n.prior_awards %}<tr><td>{{ loop.index }}</td>{% for c in p %}<td>{% if c is none %}<span class="missing">—</span>{% else %}{{ c }}{% endif %}</td>{% endfor %}</tr>{% endfor %}
</table>
{% endif %}
{% if n.findings %}{{ findings_table(n.findings) }}{% else %}<p class="ok">Không có phát hiện.</p>{% endif %}
</section>
{% endfor %}
</section>
{% endfor %}

<h2>Kiểm tra chất lượng dữ liệu trong kho</h2>
{% if quality %}
<p>{{ quality_passed }}/{{ quality|length }} kiểm tra đạt.</p>
<table>
<tr><th>Mã kiểm tra</th><th>Bảng</th><th>Cột</th><th>Kiểm tra</th><th>Kết quả</th><th>Số giá trị sai</th><th>Ví dụ</th><th>Căn cứ</th></tr>
{% for q in quality %}
<tr><td>{{ q.check_id }}</td><td>{{ q.table }}</td><td>{{ q.column or '' }}</td><td>{{ q.expectation }}</td>
<td class="{{ 'ok' if q.success else 'fail' }}">{{ 'Đạt' if q.success else 'Không đạt' }}</td>
<td class="num">{{ q.unexpected_count }}</td>
<td>{{ q.unexpected_sample|join(', ') }}{% if q.error %} <span class="muted">{{ q.error }}</span>{% endif %}</td>
<td class="muted">{{ q.legal_basis or '' }}</td></tr>
{% endfor %}
</table>
{% else %}
<p class="muted">Lượt này không chạy kiểm tra chất lượng dữ liệu.</p>
{% endif %}
</body>
</html>
"""
