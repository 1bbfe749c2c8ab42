// Weathervane search: every entry's title, type, date, aliases and text are in the shards
// search/index-N.js (window.VANE_SEARCH). It reads a query as `vane query --text` does
// and ranks the same way: each word matches the start of a word (so "pyth" finds Python
// and "ython" does not), "a phrase" matches words in a row, OR joins two alternatives,
// and entries rank by BM25 as SQLite's FTS5 computes it, a match in the title counting
// ten times one in the text.
(function () {
  "use strict";
  var index = window.VANE_SEARCH || [];
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var summary = document.getElementById("search-summary");
  var limit = 200;
  var word = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function tokens(text) { return fold(text).match(word) || []; }

  // The words of a body as its page shows them (as `SearchText.visible` reads them for the
  // graph): a citation is none, a link is its label, and a link without one its target's
  // id, or for a snippet its title (`names`).
  var names = {};
  index.forEach(function (entry) {
    names[entry.u.replace(/^.*\//, "").replace(/\.html$/, "")] = entry.t;
    // A link by a former id shows the title too, as the page shows it.
    (entry.f || "").split(" ").forEach(function (former) { if (former && !(former in names)) { names[former] = entry.t; } });
  });
  // Where the `]]` closing a wikilink whose text starts at `start` is, as the build reads
  // it (BodyLinkScanner.wikilinkEnd): brackets in pairs and code spans in the label are its
  // text, and a bracket left open lets the first `]]` close it; -1 when none does.
  function wikilinkEnd(b, start) {
    var j = start, depth = 0, label = -1;
    function run(k) { var n = 0; while (b[k + n] === "`") { n++; } return n; }
    scan: while (j < b.length && b[j] !== "\n") {
      var c = b[j];
      if (c === "`" && label >= 0) {
        var n = run(j), k = j + n;
        while (k < b.length && b[k] !== "\n") {
          if (b[k] !== "`") { k++; continue; }
          var m = run(k);
          if (m === n) { break; }
          k += m;
        }
        j = b[k] === "`" ? k + n : j + n;
        continue;
      }
      if (c === "\\" && label >= 0) { j += 2; continue; }
      if (c === "|" && label < 0) { label = j + 1; }
      else if (c === "[") { if (label < 0) { return -1; } depth++; }
      else if (c === "]") {
        if (depth === 0) { if (b[j + 1] === "]") { return j; } break scan; }
        depth--;
      }
      j++;
    }
    if (label < 0) { return -1; }
    for (var k2 = label; k2 < b.length && b[k2] !== "\n"; k2++) {
      if (b[k2] === "]" && b[k2 + 1] === "]") { return k2; }
    }
    return -1;
  }

  function visible(markdown, titled) {
    var b = markdown || "", out = "", i = 0;
    while (i < b.length) {
      var end, close, bar;
      if (b[i] === "[" && b[i + 1] === "@" && (end = b.indexOf("]", i + 2)) >= 0) {
        i = end + 1;
        // Gone with the space before it, unless a word follows: "claim; the", not "claim ; the".
        if (!/[\p{L}\p{N}]/u.test(b[i] || "")) {
          var keep = out.length;
          while (keep > 0 && (out[keep - 1] === " " || out[keep - 1] === "\t")) { keep--; }
          out = out.slice(0, keep);
        }
        continue;
      }
      if (b[i] === "[" && b[i + 1] === "[" && (end = wikilinkEnd(b, i + 2)) >= 0) {
        var inside = b.slice(i + 2, end);
        bar = inside.indexOf("|");
        out += bar >= 0 ? inside.slice(bar + 1) : (titled && names[inside]) || inside;
        i = end + 2;
        continue;
      }
      var start = b[i] === "!" && b[i + 1] === "[" ? i + 1 : i;
      if (b[start] === "[" && (end = b.indexOf("]", start + 1)) >= 0 && b[end + 1] === "(" && (close = b.indexOf(")", end + 2)) >= 0) {
        out += b.slice(start + 1, end);
        i = close + 1;
        continue;
      }
      out += b[i];
      i += 1;
    }
    return out;
  }

  // FTS5's columns: the title with the aliases and an entity's id (names, weighed alike),
  // and the body.
  var docs = index.map(function (entry) {
    var id = entry.k === "entity" ? entry.u.replace(/^.*\//, "").replace(/\.html$/, "") : "";
    var title = tokens(entry.t + "\n" + entry.a + "\n" + id), body = tokens(visible(entry.b));
    return { entry: entry, title: title, body: body, length: title.length + body.length };
  });
  var average = docs.reduce(function (sum, d) { return sum + d.length; }, 0) / Math.max(docs.length, 1);

  // The query as alternatives (split at OR), each a list of phrases that must all match; a
  // bare word is a phrase of its own words whose last one is a prefix.
  function parse(query) {
    var alternatives = [[]], m;
    var part = /"([^"]*)"?|([^\s"]+)/g;
    while ((m = part.exec(query)) !== null) {
      if (m[2] === "OR") { alternatives.push([]); continue; }
      var words = tokens(m[1] !== undefined ? m[1] : m[2]);
      if (words.length > 0) { alternatives[alternatives.length - 1].push({ words: words, prefix: m[1] === undefined }); }
    }
    return alternatives.filter(function (a) { return a.length > 0; });
  }

  // How often a phrase is in a list of tokens: [with its last word as a prefix, whole].
  function hits(phrase, list) {
    var n = phrase.words.length, count = 0, whole = 0;
    for (var i = 0; i + n <= list.length; i++) {
      var j = 0;
      while (j < n - 1 && list[i + j] === phrase.words[j]) { j++; }
      if (j === n - 1) {
        var last = list[i + j], want = phrase.words[j];
        if (last === want) { count++; whole++; } else if (phrase.prefix && last.lastIndexOf(want, 0) === 0) { count++; }
      }
    }
    return [count, whole];
  }

  function search(query) {
    list.textContent = "";
    var alternatives = parse(query);
    // A query of no word (`OR`, `-`, `""`) is said as such, not left as if it had not run.
    if (alternatives.length === 0) {
      summary.textContent = query.trim() === "" ? "" : "No word to search for in \u201c" + query.trim() + "\u201d";
      return;
    }
    var phrases = [].concat.apply([], alternatives);
    // Per document and phrase: title and body hits, then the same as whole words.
    var counts = docs.map(function (d) {
      return phrases.map(function (p) { var t = hits(p, d.title), b = hits(p, d.body); return [t[0], b[0], t[1], b[1]]; });
    });
    var found = docs.map(function (d, i) {
      var k = 0;
      return alternatives.some(function (alternative) {
        var start = k;
        k += alternative.length;
        return alternative.every(function (_, j) { return counts[i][start + j][0] + counts[i][start + j][1] > 0; });
      });
    });
    var total = found.filter(Boolean).length;
    function inverse(p, k) {
      var n = counts.filter(function (c) { return c[p][k] + c[p][k + 1] > 0; }).length;
      var value = Math.log((docs.length - n + 0.5) / (n + 0.5));
      return value > 0 ? value : 1e-6;
    }
    // A prefix weighs what it matches, and the word itself once more by how rare it is whole:
    // "node 20" finds the release 20 first, though "20" begins every date from 2000 on.
    var idf = phrases.map(function (_, p) { return inverse(p, 0); });
    var idfWhole = phrases.map(function (phrase, p) { return phrase.prefix ? inverse(p, 2) : 0; });
    var results = [];
    docs.forEach(function (d, i) {
      if (!found[i]) { return; }
      var score = 0, norm = 1.2 * (0.25 + 0.75 * d.length / average);
      phrases.forEach(function (_, p) {
        var w = 10 * counts[i][p][0] + counts[i][p][1], whole = 10 * counts[i][p][2] + counts[i][p][3];
        score += idf[p] * (w * 2.2) / (w + norm) + idfWhole[p] * (whole * 2.2) / (whole + norm);
      });
      results.push({ doc: d, score: score, phrases: phrases.filter(function (_, p) { return counts[i][p][1] > 0; }) });
    });
    // Ties by title in natural order: Laravel 6 before Laravel 10.
    results.sort(function (x, y) { return y.score - x.score || x.doc.entry.t.localeCompare(y.doc.entry.t, undefined, { numeric: true }); });
    results.slice(0, limit).forEach(function (hit) { list.appendChild(item(hit)); });
    // A query that is one quoted phrase is shown with its own quotes, not inside others.
    var quoted = /^".*"$/.test(query.trim()) ? query.trim() : "\u201c" + query + "\u201d";
    var said = total + (total === 1 ? " result" : " results") + " for " + quoted;
    summary.textContent = total > limit ? "Showing the first " + limit + " of " + said : said;
  }

  // The text a reader sees: links and citations as the page shows them.
  function plain(markdown) {
    return visible(markdown, true).replace(/<((?:https?|mailto):[^>\s]*)>/g, "$1").replace(/[*_`#>|]+/g, "").replace(/\s+/g, " ").trim();
  }

  // About twenty words of the text around the first match, the matching words marked.
  function snippet(entry, phrases) {
    var text = plain(entry.b);
    var spans = [], m;
    word.lastIndex = 0;
    while ((m = word.exec(text)) !== null) { spans.push({ at: m.index, end: m.index + m[0].length, word: fold(m[0]) }); }
    // A phrase is marked where its words come in a row, as it matched ("of" alone is not).
    var marked = spans.map(function () { return false; });
    phrases.forEach(function (p) {
      var n = p.words.length;
      for (var i = 0; i + n <= spans.length; i++) {
        var whole = true;
        for (var j = 0; j < n && whole; j++) {
          var w = p.words[j], s = spans[i + j].word;
          whole = j === n - 1 && p.prefix ? s.lastIndexOf(w, 0) === 0 : s === w;
        }
        if (whole) { for (var k = 0; k < n; k++) { marked[i + k] = true; } }
      }
    });
    var first = marked.indexOf(true);
    if (spans.length === 0) { return null; }
    var from = Math.max(0, first - 8), to = Math.min(spans.length, Math.max(first, 0) + 14);
    var p = document.createElement("p");
    p.className = "snippet";
    var at = spans[from].at;
    if (from > 0) { p.appendChild(document.createTextNode("\u2026 ")); }
    for (var i = from; i < to; i++) {
      p.appendChild(document.createTextNode(text.slice(at, spans[i].at)));
      var piece = text.slice(spans[i].at, spans[i].end);
      if (marked[i]) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(piece));
      }
      at = spans[i].end;
    }
    if (to < spans.length) { p.appendChild(document.createTextNode(" \u2026")); }
    return p;
  }

  function item(hit) {
    var entry = hit.doc.entry;
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = entry.u;
    link.textContent = entry.t;
    li.appendChild(link);
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = entry.k + (entry.y ? " \u00b7 " + entry.y : "");
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badge);
    if (entry.d) {
      var date = document.createElement("span");
      date.className = "when";
      date.textContent = " " + entry.d;
      li.appendChild(date);
    }
    var text = snippet(entry, hit.phrases);
    if (text) { li.appendChild(text); }
    return li;
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  search(query);
  input.addEventListener("input", function () { search(input.value); });
})();
