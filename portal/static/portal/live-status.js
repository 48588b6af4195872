// "My leaflets": refresh the statuses every 20 seconds while the page is visible, so "Sent"
// turns into "Delivered" and "Opened" without a reload. Without JavaScript, reload the page.
(function () {
  "use strict";
  var INTERVAL_MS = 20000;
  function refresh() {
    if (document.hidden) { return; }
    var current = document.querySelector("table.issues tbody");
    if (!current || current.contains(document.activeElement)) { return; }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("table.issues tbody");
        var now = document.querySelector("table.issues tbody");
        if (fresh && now && !now.contains(document.activeElement)) { now.replaceWith(fresh); }
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  window.setInterval(refresh, INTERVAL_MS);
})();
