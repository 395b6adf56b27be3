/*
 * The site's search engine, run in the search worker (site-search.js loads it with the first message, so that a
 * visit that never searches does not download it). It speaks Material for MkDocs' worker protocol (9.x), so Material's search box and
 * result list work unchanged, but searches the site's own index (generator/search_index.py), one per language,
 * which overrides/partials/lc-search-worker.html loads only when search is first used.
 *
 * Why not Lunr (Material's worker): staff type parts of names (住建 in 县住建局, 环境局 in 市生态环境局陵川分局), and
 * Lunr matches whole words by prefix, so Chinese needed a pair index built at set-up, which took 1.2 s on a desktop
 * and several seconds on a phone. Here a Chinese query is a substring, an English word a word prefix, both matched
 * by scanning the documents: a language's index is a few hundred documents (under 1 MB of text even at 20x the
 * data), which a scan answers in milliseconds, with no set-up at all.
 *
 * Ranking, in order: month pages for a month query (6月, 6月底, 2022年6月, June 2022, end of June; 年底 and end of
 * 2022 are December); unit pages whose name or alias contains the query; items whose number the query names; matches in titles; matches in deadline words and unit names; matches in the
 * text. Documents that contain every query term come first; when none does, the documents with the most terms
 * follow and Material marks the missing terms. Snippets are the matching part of the official text with every
 * match marked.
 *
 * Protocol: {type: 0 SETUP, data: {config, docs, options}} -> {type: 1 READY};
 * {type: 2 QUERY, data: "query"} -> {type: 3 RESULT, data: {items: [[doc], …]}}.
 */
(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var HAN = /\p{sc=Han}/u
  var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"]
  var SNIPPET = { zh: 90, en: 220 }  // characters of text around the first match

  // ?root=en/ when the page's search base is the site root but the index's locations are the English site's
  var params = new URLSearchParams(self.location.search)
  var root = /^[\w-]*\/?$/.test(params.get("root") || "") ? params.get("root") || "" : ""

  var docs = [], lang = "zh", monthPages = []  // monthPages: the months that have a page, "YYYY-MM", sorted
  var monthTitles = {}                            // "YYYY-MM" -> the month page's title (2022年6月, June 2022)

  function fold(text) {
    return String(text || "").normalize("NFKC").replace(/\u200b/g, "").toLowerCase()
  }
  function plain(markup) {  // Material's own index (offline copies) has HTML in title and text
    return String(markup || "").replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim()
  }
  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  function setup(data) {
    lang = ((data.config && data.config.lang) || ["zh"])[0] === "en" ? "en" : "zh"
    docs = (data.docs || []).map(function (doc, order) {
      var title = plain(doc.title), text = plain(doc.text)
      return {
        location: root + doc.location, title: title, text: text, kind: doc.kind || "page",
        months: doc.months || [], sections: doc.sections || {}, number: doc.number == null ? null : String(doc.number), order: order,
        keys: (doc.keys || []).concat(doc.when || []), when: doc.when || [],
        t: fold(title), x: fold(text), k: fold((doc.keys || []).concat(doc.when || []).join(" \u0001 "))
      }
    })
    // once here, not per query: the month pages a month expression can point to
    monthPages = docs.filter(function (doc) { return doc.kind === "month" && doc.months.length })
      .map(function (doc) { monthTitles[doc.months[0]] = doc.title; return doc.months[0] }).sort()
  }

  /* --- the query: month expressions, then terms ------------------------------------------------------------ */

  var MONTH_NAME = "(" + MONTHS.map(function (m) { return m.slice(0, 3) + (m.length > 3 ? "(?:" + m.slice(3) + ")?" : "") })
    .join("|") + ")\\.?"
  var ZH_MONTH = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:份|底|末|初|中旬|上旬|下旬)?\s*(?:前|起)?|(?:(\d{4})\s*)?(年\s*[底末])\s*前?/gu
  var EN_MONTH = new RegExp("\\b(?:(?:by\\s+)?(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+)?" + MONTH_NAME +
    "(?:\\s*,?\\s*(\\d{4}))?\\b|\\b(\\d{4})-(\\d{1,2})\\b" +
    // the end of a year is its December: end of 2022, by the end of the year, year-end, year end 2022
    "|\\b(?:(?:by\\s+)?(?:the\\s+)?end\\s+of\\s+(?:the\\s+year(?:\\s+(\\d{4}))?|(\\d{4}))|year[-\\s]end(?:\\s+(\\d{4}))?)\\b", "gi")

  /* Months the query names, as {month: 1–12, year: YYYY or null}, and the query without them */
  function months(query) {
    var found = [], phrases = []
    var rest = query.replace(ZH_MONTH, function (all, year, month, endYear, yearEnd) {
      if (yearEnd) found.push({ year: endYear ? +endYear : null, month: 12 })
      else if (+month >= 1 && +month <= 12) found.push({ year: year ? +year : null, month: +month })
      else return all
      phrases.push(all.trim())
      return " "
    }).replace(EN_MONTH, function (all, name, year, isoYear, isoMonth, endOfTheYear, endOf, yearEndYear) {
      if (!name && !isoYear) {  // the end of a year
        var y = endOfTheYear || endOf || yearEndYear
        found.push({ year: y ? +y : null, month: 12 })
        phrases.push(all.trim())
        return " "
      }
      if (isoYear) {
        if (+isoMonth < 1 || +isoMonth > 12) return all
        found.push({ year: +isoYear, month: +isoMonth })
        phrases.push(all.trim())
        return " "
      }
      var month = MONTHS.findIndex(function (m) { return m.indexOf(name.toLowerCase().replace(".", "")) === 0 })
      // "may" alone is as likely the verb: only with a year or "end of" is it the month
      if (name.toLowerCase() === "may" && !year && !/of\s/i.test(all)) return all
      found.push({ year: year ? +year : null, month: month + 1 })
      phrases.push(all.trim())
      return " "
    })
    return { months: found, phrases: phrases, rest: rest }
  }

  /* Terms: runs of Han characters match as substrings; other words (English, numbers) as word prefixes */
  function terms(query) {
    var out = []
    // 第15项 / 第15条 is how a citation names item 15 (重点任务第15项): the number is the term
    fold(query).replace(/第\s*(\d+)\s*[项条]/gu, " $1 ").split(/[\s,;，；、。：:！!？?（）()“”"'‘’《》〈〉【】\[\]{}<>|\/\\+*~^]+/u).forEach(function (word) {
      if (!word) return
      ;(word.match(/\p{sc=Han}+|[^\p{sc=Han}]+/gu) || []).forEach(function (part) {
        part = part.replace(/^[-._·]+|[-._·]+$/g, "")
        if (part) out.push(part)
      })
    })
    return Array.from(new Set(out))
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") }
  /* A Han term anywhere; a number as a whole number, another word as a word prefix; both may follow a Han
     character, as they do in Chinese text (第15项, 涉VOCs, PM₂.₅): a word starts after anything but a letter or
     digit of another script */
  var WORD_START = "(?<!(?!\\p{sc=Han})[\\p{L}\\p{N}])"
  function matcher(term) {
    var pattern = HAN.test(term) ? escapeRegExp(term)
      : /^\d+$/.test(term) ? "(?<!\\p{N})" + term + "(?!\\p{N})"
        : WORD_START + escapeRegExp(term)
    return new RegExp(pattern, "giu")
  }

  /* --- scoring ------------------------------------------------------------------------------------------- */

  function count(re, text, cap) {
    re.lastIndex = 0
    var n = 0
    while (n < cap && re.exec(text)) n++
    return n
  }

  function score(doc, matchers) {
    var total = 0, hits = {}
    matchers.forEach(function (m) {
      var inTitle = count(m.re, doc.t, 1), inKeys = count(m.re, doc.k, 1), inText = count(m.re, doc.x, 3)
      if (!(inTitle || inKeys || inText)) return
      hits[m.term] = true
      total += 10 * inTitle + 4 * inKeys + inText
      if (doc.kind === "unit" && (inTitle || inKeys)) total += 40  // the unit's own page before its duties
      if (doc.number === m.term) total += 40  // 15, 第15项, item 15: the items numbered 15 before texts citing 15
    })
    return { score: total, hits: hits }
  }

  function monthKeys(wanted) {
    var keys = []
    wanted.forEach(function (w) {
      var suffix = "-" + (w.month < 10 ? "0" : "") + w.month
      monthPages.forEach(function (key) {
        if (key.slice(4) === suffix && (w.year === null || +key.slice(0, 4) === w.year)) keys.push(key)
      })
    })
    return keys
  }

  /* --- results ------------------------------------------------------------------------------------------- */

  /* One expression for every term of a query, built once per query and reused for each result's title and snippet */
  function marker(matchers) {
    return matchers.length ? new RegExp(matchers.map(function (m) { return m.re.source }).join("|"), "giu") : null
  }

  function mark(text, re) {
    if (!re) return escapeHTML(text)
    re.lastIndex = 0
    var out = "", last = 0, found
    var folded = text.normalize("NFKC").toLowerCase()
    // positions are taken from the folded text; NFKC may change lengths, so fall back to unmarked text then
    if (folded.length !== text.length) return escapeHTML(text)
    while ((found = re.exec(folded))) {
      if (!found[0].length) { re.lastIndex++; continue }
      out += escapeHTML(text.slice(last, found.index)) + "<mark>" + escapeHTML(text.slice(found.index, found.index + found[0].length)) + "</mark>"
      last = found.index + found[0].length
    }
    return out + escapeHTML(text.slice(last))
  }

  /* The text around its first match, every match marked; a match only in the deadline words or unit names (which
     are not in the text) is shown after the text's beginning */
  function snippet(doc, matchers, re, monthQuery) {
    var width = SNIPPET[lang], text = doc.text
    var first = -1
    matchers.forEach(function (m) {
      m.re.lastIndex = 0
      var found = m.re.exec(doc.x)
      if (found && (first < 0 || found.index < first)) first = found.index
    })
    var keys = first >= 0 || doc.kind === "month" ? [] : doc.keys.filter(function (key) {
      return matchers.some(function (m) { m.re.lastIndex = 0; return m.re.test(fold(key)) })
    })
    if (monthQuery && !keys.length && first < 0) keys = doc.when  // what makes the item concern that month
    if (keys.length) width = Math.floor(width / 2)
    var start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 4))
    if (text.length <= width) start = 0
    if (lang === "en" && start > 0) start = text.indexOf(" ", start) + 1 || start
    var piece = text.slice(start, start + width)
    if (lang === "en" && start + width < text.length) piece = piece.replace(/\s+\S*$/, "")
    var out = (start > 0 ? "…" : "") + mark(piece, re) + (start + piece.length < text.length ? "…" : "")
    return keys.length ? out + (out ? " · " : "") + keys.map(function (key) { return mark(key, re) }).join(" · ") : out
  }

  function result(doc, matchers, re, scored, wanted, monthQuery, monthSet) {
    var terms = {}
    wanted.forEach(function (term) { terms[term] = !!scored.hits[term] })
    // a unit with a month (县住建局 6月, housing June): the unit page at that month's section
    var section = doc.kind === "unit" && matchers.length && monthSet.filter(function (m) { return doc.sections[m] })[0]
    return [{
      location: doc.location + (section ? "#" + doc.sections[section] : ""),
      title: mark(doc.title, re) + (section ? " · " + escapeHTML(monthTitles[section]) : ""),
      text: snippet(doc, matchers, re, monthQuery),
      score: scored.score, terms: terms
    }]
  }

  function search(query) {
    var parsed = months(query)
    var wanted = terms(parsed.rest)
    var matchers = wanted.map(function (term) { return { term: term, re: matcher(term) } })
    var monthSet = monthKeys(parsed.months)
    var inMonth = {}
    monthSet.forEach(function (key) { inMonth[key] = true })
    // the words of a month expression ("6月底") also match deadline words in items, which rank after the month page
    var whole = parsed.phrases.map(function (phrase) {
      var words = fold(phrase).split(/\s+/).map(escapeRegExp)
      return { term: phrase, re: new RegExp(words.join("\\s+"), "giu") }
    })

    var ranked = []
    docs.forEach(function (doc) {
      var scored = score(doc, matchers)
      var matched = Object.keys(scored.hits).length
      var monthly = doc.months.some(function (m) { return inMonth[m] })
      var monthPage = doc.kind === "month" && monthly
      // alone, a month query wants its month page; with other words (县住建局 6月) their pages come first
      if (monthPage) scored.score += matchers.length ? 30 : 1000
      else if (monthly && matchers.length) scored.score += 20
      else if (monthly) scored.score += 5
      if (parsed.months.length && !matchers.length && !monthly) {
        var plainScore = score(doc, whole)  // 6月底 also in a text or a deadline of another month's page
        if (Object.keys(plainScore.hits).length) scored.score += plainScore.score
        else return
      }
      if (!matchers.length && !monthly && !scored.score) return
      if (matchers.length && !matched && !monthPage) return
      ranked.push({ doc: doc, scored: scored, complete: monthPage || matched === matchers.length })
    })
    var complete = ranked.filter(function (r) { return r.complete })
    if (!complete.length && matchers.length) complete = fallback(matchers, ranked)
    complete.sort(function (a, b) { return b.scored.score - a.scored.score || a.doc.order - b.doc.order })
    var shown = matchers.length ? matchers : whole  // a month query alone marks its words in the deadlines
    var monthQuery = parsed.months.length > 0 && !matchers.length
    var re = marker(shown)
    return complete.map(function (r) { return result(r.doc, shown, re, r.scored, wanted, monthQuery, monthSet) })
  }

  /* Nothing has every term: a Chinese phrase not in the text (散煤清零工作) still finds the pages sharing its longest
     pieces; documents with the most terms come first, and Material shows which terms they miss */
  function fallback(matchers, ranked) {
    var pieces = []
    matchers.forEach(function (m) {
      if (!HAN.test(m.term)) return
      var chars = Array.from(m.term)
      for (var size = chars.length - 1; size >= 2 && !pieces.length; size--)
        for (var i = 0; i + size <= chars.length; i++) {
          var piece = chars.slice(i, i + size).join("")
          if (docs.some(function (doc) { return doc.x.indexOf(piece) >= 0 || doc.t.indexOf(piece) >= 0 })) pieces.push(piece)
        }
    })
    var partial = pieces.map(function (p) { return { term: p, re: matcher(p) } })
    var byLocation = {}
    ranked.forEach(function (r) { byLocation[r.doc.location] = r })
    if (partial.length)
      docs.forEach(function (doc) {
        var s = score(doc, partial)
        if (!s.score) return
        var r = byLocation[doc.location] || (byLocation[doc.location] = { doc: doc, scored: { score: 0, hits: {} } })
        r.scored = { score: r.scored.score + s.score, hits: r.scored.hits }
      })
    return Object.keys(byLocation).map(function (key) { return byLocation[key] })
  }

  // site-search.js hands every message to this function
  self.lcSearchHandle = function (message) {
    try {
      if (message.type === SETUP) {
        setup(message.data)
        self.postMessage({ type: READY })
      } else if (message.type === QUERY) {
        self.postMessage({ type: RESULT, data: { items: search(String(message.data || "")) } })
      }
    } catch (error) {
      console.warn("site-search:", error)
      self.postMessage({ type: RESULT, data: { items: [] } })
    }
  }
})()
