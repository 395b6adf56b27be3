/*
 * The site's search worker, which Material for MkDocs starts on every page load (overrides/partials/
 * lc-search-worker.html points it here). It stays this small until search is used: the first message (the set-up
 * with the index, sent when the reader first uses search) loads the engine, site-search-engine.js, from this folder,
 * with this worker's parameters.
 *
 * From a folder (file://, the offline copy: postbuild/offline.py) browsers run no workers; Material's iframe-worker
 * shim runs this script in a hidden iframe instead, where importScripts is the shim's: asynchronous (a Promise) and
 * relative to the page, not to this script. So the engine's address is taken from this script's own, and messages
 * wait for the engine when importScripts returns a Promise.
 */
(function () {
  "use strict"
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href
  var loading = null
  self.addEventListener("message", function (ev) {
    if (self.lcSearchHandle) return self.lcSearchHandle(ev.data)
    if (!loading) loading = importScripts(new URL("site-search-engine.js", here).href) || null
    if (loading && loading.then) loading.then(function () { self.lcSearchHandle(ev.data) })
    else self.lcSearchHandle(ev.data)
  })
})()
