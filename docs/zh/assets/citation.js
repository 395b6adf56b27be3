/* Permalinks (issue 5): copy buttons of the citation block on item pages, and the print link in the page header.
   Without JavaScript the buttons and the link stay hidden and the citation is plain selectable text. No CDN, no
   dependencies. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    /* http:// or an old browser: copy through a selected, off-screen text area */
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUpCitation(block) {
    var status = document.createElement("span");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    block.appendChild(status);
    var buttons = block.querySelectorAll("button.cite-copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(source.textContent.trim()).then(function () {
          button.textContent = block.getAttribute("data-copied") || "OK";
          button.classList.add("cite-copied");
          status.textContent = button.textContent;
          window.setTimeout(function () {
            button.textContent = label;
            button.classList.remove("cite-copied");
            status.textContent = "";
          }, 2000);
        }, function () {
          selectContents(source);
          status.textContent = block.getAttribute("data-copy-failed") || "";
        });
      });
    });
  }

  function setUpPrintLinks() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lc-print]"), function (link) {
      link.hidden = false;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        window.print();
      });
    });
  }

  /* Collapsed <details> (the official Chinese text on English pages) print open, then close again. */
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("article details:not([open])"), function (details) {
      details.open = true;
      reopened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  });

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".citation"), setUpCitation);
    setUpPrintLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });  /* the event comes again for Material's late bundle */
  } else {
    init();
  }
})();
