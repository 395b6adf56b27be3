/* Unit pages and the unit index: a filter box for the unit table and a print button for responsibility sheets.
   Plain JavaScript, no dependencies. Without JavaScript the table is complete and printing works from the browser;
   the box and the button stay hidden. */
(function () {
  "use strict";

  function normalise(text) {
    // Full-width letters and digits become half-width; case and spaces are ignored.
    return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function setUpFilter() {
    var box = document.querySelector(".unit-filter");
    var table = document.querySelector("#unit-table table");
    if (!box || !table) return;
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return normalise(row.textContent); });

    function apply() {
      var terms = (input.value || "").normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = terms.every(function (term) { return texts[i].indexOf(term) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = terms.length === 0 ? "" : shown === 0 ? box.dataset.filterNone
        : box.dataset.filterCount.replace("{shown}", shown).replace("{total}", rows.length);
    }

    input.addEventListener("input", apply);
    input.addEventListener("search", apply);
    // "?find=住建" pre-fills the box (Material itself reads "?q=" for its search dialog).
    var query = new URLSearchParams(window.location.search).get("find");
    if (query) input.value = query;
    box.hidden = false;
    apply();
  }

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    setUpFilter();
    setUpPrint();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
