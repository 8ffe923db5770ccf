// Filter, sort and search the nominations offline: no server, no library.
(function () {
  "use strict";
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  var form = document.getElementById("loc");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-nomination]"));
  var count = document.getElementById("so-hien");
  function apply() {
    var want = {
      unit: form.unit.value, award: form.award.value, status: form.status.value,
      severity: form.severity.value, check: form.check.value, q: fold(form.q.value.trim())
    };
    var shown = 0;
    items.forEach(function (el) {
      var d = el.dataset;
      var ok = (!want.unit || d.unit === want.unit) && (!want.award || d.award === want.award) &&
        (!want.status || d.status === want.status) &&
        (!want.severity || (" " + d.severity + " ").indexOf(" " + want.severity + " ") >= 0) &&
        (!want.check || (" " + d.checks + " ").indexOf(" " + want.check + " ") >= 0) &&
        (!want.q || fold(d.name).indexOf(want.q) >= 0);
      el.hidden = !ok;
      if (ok && el.tagName === "TR") { shown += 1; }
    });
    document.querySelectorAll("section.submission").forEach(function (s) {
      var cards = s.querySelectorAll("article[data-nomination]");
      var visible = s.querySelectorAll("article[data-nomination]:not([hidden])");
      s.hidden = cards.length > 0 && visible.length === 0;
    });
    if (count) { count.textContent = String(shown); }
  }
  function sortBy(key) {
    var order = {"rejected": 0, "needs_review": 1, "clean": 2};
    function value(el) {
      var v = el.dataset[key] || "";
      return key === "status" ? String(order[v] !== undefined ? order[v] : 9) : fold(v);
    }
    document.querySelectorAll("[data-sortable]").forEach(function (box) {
      var kids = Array.prototype.slice.call(box.querySelectorAll(":scope > [data-nomination]"));
      kids.sort(function (a, b) { return value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0; });
      kids.forEach(function (k) { box.appendChild(k); });
    });
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", function (e) {
    if (e.target.name === "sort") { sortBy(e.target.value); }
    apply();
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
