/* Unit pages and the unit index: a filter box for the unit table, a print button for responsibility sheets and
   copy buttons for calendar addresses; month pages: a unit filter.
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

  function setUpCopy() {
    // "Copy the address" buttons of the calendar subscriptions; without JavaScript the address is selectable text.
    document.querySelectorAll("button[data-copy-text]").forEach(function (button) {
      if (!navigator.clipboard) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copyText).then(function () {
          button.textContent = button.dataset.copied;
        }, function () {
          button.textContent = button.dataset.copyFailed;
        });
        setTimeout(function () { button.textContent = label; }, 2500);
      });
    });
  }

  function setUpMonthFilter() {
    // Month pages: show one unit's entries only (rows carry the ids of every unit they concern, group members
    // included). "?unit=<id>" preselects one. Without JavaScript the "by unit" list at the end says the same.
    var box = document.querySelector(".month-filter");
    if (!box) return;
    var select = box.querySelector("select");
    var status = box.querySelector("[role=status]");
    var rows = Array.prototype.slice.call(document.querySelectorAll("article tr"))
      .filter(function (row) { return row.querySelector(".row-units"); });

    function apply() {
      var unit = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ids = row.querySelector(".row-units").dataset.units.split(" ");
        var match = !unit || ids.indexOf(unit) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      // A section whose rows are all hidden hides with its heading.
      document.querySelectorAll("article table").forEach(function (table) {
        var wrapper = table.closest(".md-typeset__scrollwrap") || table;
        var heading = wrapper.previousElementSibling;
        var any = Array.prototype.some.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
        wrapper.hidden = !any;
        if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = !any;
      });
      status.textContent = unit ? box.dataset.filterCount.replace("{shown}", shown).replace("{total}", rows.length) : "";
      var url = new URL(window.location.href);
      if (unit) url.searchParams.set("unit", unit); else url.searchParams.delete("unit");
      window.history.replaceState(null, "", url);
    }

    select.addEventListener("change", apply);
    var query = new URLSearchParams(window.location.search).get("unit");
    if (query && select.querySelector('option[value="' + CSS.escape(query) + '"]')) select.value = query;
    box.hidden = false;
    apply();
  }

  function start() {
    setUpFilter();
    setUpPrint();
    setUpCopy();
    setUpMonthFilter();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });  // it comes again for Material's late bundle
  else start();
})();
