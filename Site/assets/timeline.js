// Filters the timeline by entity and event type in the browser. Without JavaScript
// the full timeline shows, and every entity page keeps its own.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".event-list li[data-type]"));
  var host = document.getElementById("timeline-filters");
  if (!host || items.length === 0) { return; }
  var names = window.VANE_ENTITY_NAMES || {};

  function select(label, values, describe) {
    var wrap = document.createElement("label");
    wrap.textContent = label + " ";
    var box = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "all";
    box.appendChild(all);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = describe(value);
      box.appendChild(option);
    });
    wrap.appendChild(box);
    host.appendChild(wrap);
    return box;
  }

  var types = {}, entities = {};
  items.forEach(function (item) {
    types[item.dataset.type] = true;
    item.dataset.entities.split(" ").filter(Boolean).forEach(function (id) { entities[id] = true; });
  });
  var byEntity = select("Entity", Object.keys(entities).sort(function (a, b) {
    return (names[a] || a).localeCompare(names[b] || b, undefined, { numeric: true });
  }), function (id) { return names[id] || id; });
  var byType = select("Type", Object.keys(types).sort(), function (t) { return t; });
  // What the choice left: said, so a choice that matches nothing is not an empty page.
  var said = document.createElement("p");
  said.className = "filter-count";
  said.setAttribute("role", "status");
  host.appendChild(said);

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var show = (!byEntity.value || (" " + item.dataset.entities + " ").indexOf(" " + byEntity.value + " ") !== -1)
        && (!byType.value || item.dataset.type === byType.value);
      item.hidden = !show;
      if (show) { shown++; }
    });
    document.querySelectorAll(".timeline-year").forEach(function (section) {
      section.hidden = section.querySelectorAll("li:not([hidden])").length === 0;
    });
    var pages = document.querySelector(".pager") ? " on this page" : "";
    said.textContent = !byEntity.value && !byType.value ? ""
      : shown === 0 ? "No event" + pages + " matches; choose \u201call\u201d to see them again."
      : shown + " of " + items.length + (items.length === 1 ? " event" : " events") + pages + " match.";
  }
  byEntity.addEventListener("change", apply);
  byType.addEventListener("change", apply);
})();
