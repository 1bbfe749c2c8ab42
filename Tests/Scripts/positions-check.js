// Checks the text inside #positions as a reader sees it: no two pieces of visible text
// overlap, none is cut off by the element's edge or the window's, and how small the
// smallest is; and whether the page is wider than the window. Writes its report
// into the page (data-positions-report on <body>) for the test to read from the DOM, and
// posts it to the page that holds it in an iframe (an iframe of 390 px is how a narrow
// screen is emulated: headless Chromium's window is never narrower than 500 px).
(function () {
  "use strict";
  var figure = document.getElementById("positions");
  var report = { width: window.innerWidth, texts: 0, overlaps: [], cutOff: [] };
  if (!figure) { report.missing = true; document.body.setAttribute("data-positions-report", JSON.stringify(report)); return; }
  var box = figure.getBoundingClientRect();
  var viewport = document.documentElement.clientWidth;
  var pieces = [];
  var walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  var node;
  while ((node = walker.nextNode())) {
    if (!node.nodeValue.trim()) continue;
    var parent = node.parentElement;
    if (parent.closest("title, desc, defs, .rotated")) continue;
    var style = getComputedStyle(parent);
    if (style.visibility === "hidden") continue;
    var range = document.createRange();
    range.selectNodeContents(node);
    var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0 && r.height > 0; });
    rects.forEach(function (r) { pieces.push({ text: node.nodeValue.trim(), rect: r, node: node }); });
  }
  report.texts = pieces.length;
  // The size a reader sees: an SVG's text is scaled with its drawing.
  var smallest = Infinity;
  pieces.forEach(function (p) {
    var element = p.node.parentElement;
    var size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement && element.getScreenCTM()) size *= element.getScreenCTM().a;
    smallest = Math.min(smallest, size);
  });
  report.smallestText = pieces.length ? Math.round(smallest * 10) / 10 : 0;
  // Wider than the window means the whole page scrolls sideways.
  report.pageWidth = document.documentElement.scrollWidth;
  var slack = 1;
  pieces.forEach(function (p) {
    var r = p.rect;
    // Text in a box that scrolls sideways is reached by scrolling: only its height can cut it.
    var scroller = p.node.parentElement.closest(".chart-scroll");
    if (scroller && scroller.scrollWidth > scroller.clientWidth) {
      report.scrolls = true;
      if (r.top < box.top - slack || r.bottom > box.bottom + slack) report.cutOff.push(p.text + " (in the scrolled chart)");
      return;
    }
    if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack || r.left < -slack || r.right > viewport + slack) {
      report.cutOff.push(p.text + " " + [r.left, r.right, r.top, r.bottom].map(Math.round).join(","));
    }
  });
  for (var i = 0; i < pieces.length; i++) {
    for (var j = i + 1; j < pieces.length; j++) {
      if (pieces[i].node === pieces[j].node) continue;
      var a = pieces[i].rect, b = pieces[j].rect;
      var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > slack && h > slack) report.overlaps.push(pieces[i].text + " / " + pieces[j].text);
    }
  }
  document.body.setAttribute("data-positions-report", JSON.stringify(report));
  if (window.parent !== window) window.parent.postMessage(JSON.stringify(report), "*");
})();
