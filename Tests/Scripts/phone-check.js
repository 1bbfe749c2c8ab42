// Checks a page as a phone shows it: whether the page is wider than the window, which cells
// of a stacked table (`table.stack`) lie outside the window, and the smallest text of the
// charts shown. Posts its report to the page that holds it in an iframe of the phone's width
// (headless Chromium's window is never narrower than 500 px).
(function () {
  "use strict";
  var width = document.documentElement.clientWidth;
  var report = { width: window.innerWidth, pageWidth: document.documentElement.scrollWidth, offScreen: [], stackedCells: 0 };
  document.querySelectorAll("table.stack td").forEach(function (cell) {
    var r = cell.getBoundingClientRect();
    if (r.width === 0) return;
    report.stackedCells++;
    if (r.right > width + 1 || r.left < -1) report.offScreen.push(cell.textContent.trim().slice(0, 40) + " " + Math.round(r.left) + "-" + Math.round(r.right));
  });
  var smallest = Infinity;
  document.querySelectorAll("svg.chart text").forEach(function (text) {
    if (!text.getClientRects().length) return;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
  });
  report.smallestChartText = smallest === Infinity ? 0 : Math.round(smallest * 10) / 10;
  if (window.parent !== window) window.parent.postMessage(JSON.stringify(report), "*");
})();
