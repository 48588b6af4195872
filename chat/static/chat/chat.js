/* The web chat: after a message, announce the assistant's newest reply to screen readers and
   put focus back in the message box. A static file (no inline script); the page works fully
   without it (a plain form post that lands on #latest). */
(function () {
  "use strict";
  var box = document.getElementById("message");
  var latest = document.getElementById("latest");
  var announce = document.querySelector("[data-announce]");

  if (latest && window.location.hash === "#latest") {
    // Without script the browser's own jump to #latest focuses the newest reply; with it,
    // after that jump, the reply stays in view and focus goes back to the message box.
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        latest.scrollIntoView({block: "start"});
        if (box) { box.focus({preventScroll: true}); }
      }, 0);
    });
    if (announce) {
      // A live region announces what is put in it after the page has loaded.
      var texts = [];
      var node = latest;
      while (node && node.getAttribute("data-who") === "assistant") {
        texts.push(node.querySelector("[data-text]").textContent);
        node = node.nextElementSibling;
      }
      if (!texts.length) { texts.push(latest.textContent); }
      window.setTimeout(function () { announce.textContent = texts.join(" "); }, 250);
    }
  }

  // One message at a time: a second press while the first is on its way would wait for it.
  Array.prototype.forEach.call(document.querySelectorAll("form.chat-send, form.chat-choices"),
    function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
        form.setAttribute("data-sent", "1");
        document.documentElement.className += " chat-sending";
      });
    });

  // Enter sends (Shift+Enter: a new line), as in other chats.
  if (box) {
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && box.value.trim()) {
        event.preventDefault();
        if (box.form.requestSubmit) { box.form.requestSubmit(); } else { box.form.submit(); }
      }
    });
  }
}());
