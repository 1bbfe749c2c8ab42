// Weathervane search: every entry's title, names, aliases and text are in
// search-index.js (window.VANE_SEARCH); this matches all words of the query.
(function () {
  "use strict";
  var index = window.VANE_SEARCH || [];
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var summary = document.getElementById("search-summary");
  var kinds = { entity: "entity", event: "event", claim: "claim", source: "source" };

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (words.length === 0) { summary.textContent = ""; return; }
    var hits = [];
    index.forEach(function (entry) {
      var title = fold(entry.t + " " + entry.a);
      var text = title + " " + fold(entry.b);
      if (words.every(function (w) { return text.indexOf(w) !== -1; })) {
        var score = words.filter(function (w) { return title.indexOf(w) !== -1; }).length;
        hits.push({ entry: entry, score: score });
      }
    });
    hits.sort(function (x, y) { return y.score - x.score || x.entry.t.localeCompare(y.entry.t); });
    hits.slice(0, 200).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.u;
      link.textContent = hit.entry.t;
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = kinds[hit.entry.k] || hit.entry.k;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(badge);
      list.appendChild(item);
    });
    summary.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  search(query);
  input.addEventListener("input", function () { search(input.value); });
})();
