/*
 * Site search worker: a thin wrapper around Material for MkDocs' own search worker, which it loads from the same
 * folder (file name passed as ?worker=...). overrides/main.html points the theme at this file. Two changes:
 *
 * 1. Language. MkDocs writes one index for both languages; this keeps only the documents of the language being read
 *    (?lang=, from <html lang>), so Chinese readers get Chinese pages and English readers English pages, with
 *    correct counts. A language's documents are those under "<lang>/"; the default language is the rest.
 *
 * 2. Chinese substrings. The index splits Chinese into jieba words and lunr matches words by prefix, so the middle
 *    or end of a word (环境局 in 市生态环境局陵川分局, 住建 in 县住建局) was never found. At set-up each document gets
 *    two more fields, title_ngrams and text_ngrams: the distinct pairs of adjacent Han characters of its title and
 *    text, boosted like title and text. A query's run of two or more Han characters becomes its required pairs
 *    ("+住建 +建局"): a substring match. If no page has them all, the pairs that exist are searched as
 *    alternatives, so the closest pages still show (Material then marks the missing pairs). Other query words
 *    (English, numbers, single Han characters) go to Material unchanged.
 *
 * Material's worker protocol (9.x): {type: 0 SETUP, data: {config, docs, options}} -> {type: 1 READY};
 * {type: 2 QUERY, data: "query"} -> {type: 3 RESULT, data: {items}}. Measured recall: docs/en/about/index.md.
 */
(function () {
  "use strict"

  var SETUP = 0, QUERY = 2, RESULT = 3
  var HAN_RUNS = /\p{sc=Han}{2,}/gu
  // Material segments each Han run of a query against the index and never keeps the run's last character; a
  // trailing filler character makes it keep a pair whole ("住建〇" -> "住建").
  var FILLER = "\u3007"

  var params = new URLSearchParams(self.location.search)
  var lang = (params.get("lang") || "").toLowerCase().split("-")[0]
  var material = params.get("worker") || ""
  if (!/^[\w.-]+\.js$/.test(material))  // a file of this folder only
    throw new Error("site-search: invalid worker " + material)

  /* Load Material's worker, keeping its message handler for ourselves */
  var handlers = []
  var addEventListener = self.addEventListener
  self.addEventListener = function (type, fn, options) {
    if (type === "message") handlers.push(fn)
    else addEventListener.call(self, type, fn, options)
  }
  importScripts(material)
  self.addEventListener = addEventListener

  /* Material answers with postMessage(); catch its answer instead of sending it */
  var send = self.postMessage.bind(self)
  var pending = []
  self.postMessage = function (message) {
    if (pending.length) pending.shift()(message)
    else send(message)
  }
  function ask(message) {
    return new Promise(function (resolve) {
      pending.push(resolve)
      handlers.forEach(function (fn) { fn({ data: message }) })
    })
  }

  /* Documents of one language */
  function prefix(code, docs) {
    return docs.some(function (doc) { return doc.location.indexOf(code + "/") === 0 }) ? code + "/" : ""
  }
  function ofLanguage(docs, languages) {
    if (!lang) return docs
    var own = prefix(lang, docs)
    var others = languages
      .filter(function (code) { return code !== lang })
      .map(function (code) { return prefix(code, docs) })
      .filter(Boolean)
    return docs.filter(function (doc) {
      if (own) return doc.location.indexOf(own) === 0
      return !others.some(function (p) { return doc.location.indexOf(p) === 0 })
    })
  }

  /* Pairs of adjacent Han characters, plus the last character of each run: with these, every character of the
     text starts some term, so Material's prefix match also finds single characters ("煤" in 散煤). Indexing every
     single character as well would double the worker's set-up time (measured: 2.1 s instead of 1.2 s). */
  function pairs(run) {
    var chars = Array.from(run), out = []
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1])
    return out
  }
  function ngrams(markup) {
    var text = (markup || "").replace(/<[^>]+>/g, " ").replace(/\u200b/g, "")
    var seen = new Set()
    ;(text.match(/\p{sc=Han}+/gu) || []).forEach(function (run) {
      pairs(run).forEach(function (pair) { seen.add(pair) })
      seen.add(Array.from(run).pop())
    })
    return Array.from(seen)
  }

  var known = new Set()  // every pair in the index
  function setup(data) {
    var config = Object.assign({}, data.config)
    var fields = config.fields = Object.assign({}, config.fields)
    fields.title_ngrams = { boost: (fields.title || {}).boost || 1 }
    fields.text_ngrams = { boost: (fields.text || {}).boost || 1 }
    known = new Set()
    var docs = ofLanguage(data.docs, config.lang || []).map(function (doc) {
      var title = ngrams(doc.title), text = ngrams(doc.text)
      title.concat(text).forEach(function (gram) { if (gram.length > 1) known.add(gram) })
      return Object.assign({}, doc, { title_ngrams: title.join(" "), text_ngrams: text.join(" ") })
    })
    return Object.assign({}, data, { config: config, docs: docs })
  }

  /* Results: drop the n-gram fields (the page does not need them) and, for Chinese queries, mark each occurrence
     of the query's runs in titles and texts (Material marked only whole index words) */
  function mark(markup, runs) {
    var found = new RegExp(runs.map(function (run) { return Array.from(run).join("\u200b*") }).join("|"), "gu")
    return markup.replace(/<\/?mark[^>]*>/g, "").split(/(<[^>]*>)/).map(function (part) {
      return part.charAt(0) === "<" ? part : part.replace(found, "<mark>$&</mark>")
    }).join("")
  }
  function finish(message, runs) {
    if (message && message.type === RESULT && message.data && message.data.items)
      message.data.items.forEach(function (group) {
        group.forEach(function (item) {
          delete item.title_ngrams
          delete item.text_ngrams
          if (!runs) return
          ;["title", "text"].forEach(function (field) {
            if (typeof item[field] === "string") item[field] = mark(item[field], runs)
          })
          // Report the query's runs, not their pairs, as the terms found: Material shows missing terms and
          // passes found ones to the page (?h=) for highlighting
          if (item.terms && Object.keys(item.terms).length) {
            var terms = {}
            Object.keys(item.terms).forEach(function (term) {
              if (!/^\p{sc=Han}{2}$/u.test(term)) terms[term] = item.terms[term]
            })
            runs.forEach(function (run) {
              terms[run] = pairs(run).every(function (pair) { return item.terms[pair] === true })
            })
            item.terms = terms
          }
        })
      })
    return message
  }

  function search(query) {
    var runs = query.match(HAN_RUNS)
    if (!runs) return ask({ type: QUERY, data: query })
    var rest = query.replace(HAN_RUNS, " ").replace(/\s+/g, " ").trim()
    var wanted = Array.from(new Set([].concat.apply([], runs.map(pairs))))
    var found = wanted.filter(function (pair) { return known.has(pair) })
    var all = function (terms) { return terms.concat(rest ? [rest] : []).join(" ") }
    var strict = found.length === wanted.length
      ? ask({ type: QUERY, data: all(found.map(function (pair) { return "+" + pair + FILLER })) })
      : Promise.resolve(null)
    return strict.then(function (result) {
      if (result && result.data.items.length) return result
      if (!found.length && !rest) return { type: RESULT, data: { items: [] } }
      return ask({ type: QUERY, data: all(found.map(function (pair) { return pair + FILLER })) })
    })
  }

  addEventListener.call(self, "message", function (ev) {
    var message = ev.data
    var answer = message.type === SETUP ? ask(Object.assign({}, message, { data: setup(message.data) }))
      : message.type === QUERY ? search(message.data)
      : ask(message)
    var runs = message.type === QUERY && typeof message.data === "string" && message.data.match(HAN_RUNS)
    answer.then(function (reply) { send(finish(reply, runs)) }, function (error) {
      console.warn("site-search:", error)
      send(message.type === QUERY ? { type: RESULT, data: { items: [] } } : { type: -1, data: String(error) })
    })
  })
})()
