/* Signpost leaflet pages: quick exit (GOV.UK "Exit this page") and the "opened" beacon.
   A static file (no inline script): the pages work fully without it. */
(function () {
  "use strict";
  var root = document.documentElement;

  function exitPage(url) {
    root.className += " exiting";
    document.title = "";
    window.location.replace(url);
  }

  var exitLinks = document.querySelectorAll("[data-exit]");
  var exitUrl = exitLinks.length ? exitLinks[0].getAttribute("href") : null;
  Array.prototype.forEach.call(exitLinks, function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      exitPage(link.getAttribute("href"));
    });
  });

  /* Shift pressed three times within 5 seconds; Shift held with another key does not count. */
  var presses = [];
  var otherKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { otherKey = true; presses = []; }
    else if (!event.repeat) { otherKey = false; }
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || otherKey || !exitUrl) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) { exitPage(exitUrl); }
  });

  /* "Opened": only when a browser shows the page to someone (visible), once per page view. */
  var body = document.body;
  var beacon = body && body.getAttribute("data-beacon");
  if (!beacon) { return; }
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== "visible") { return; }
    sent = true;
    var data = new URLSearchParams();
    data.set("v", body.getAttribute("data-view") || "");
    data.set("lang", body.getAttribute("data-lang") || "");
    if (navigator.sendBeacon && navigator.sendBeacon(beacon, data)) { return; }
    if (window.fetch) {
      fetch(beacon, {method: "POST", body: data, keepalive: true, credentials: "same-origin"});
    }
  }
  document.addEventListener("visibilitychange", send);
  send();
}());
