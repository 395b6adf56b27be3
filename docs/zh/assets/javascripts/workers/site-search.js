/*
 * The site's search worker, which Material for MkDocs starts on every page load (overrides/partials/
 * lc-search-worker.html points it here). It stays this small until search is used: the first message (the set-up
 * with the index, sent when the reader first uses search) loads the engine, site-search-engine.js, from this folder,
 * with this worker's parameters.
 */
(function () {
  "use strict"
  self.addEventListener("message", function (ev) {
    if (!self.lcSearchHandle) importScripts("site-search-engine.js")
    self.lcSearchHandle(ev.data)
  })
})()
