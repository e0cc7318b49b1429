// /editor/ingest/: the paste is sent once. On submit the button is
// disabled, the form is marked busy and a status line says the article is
// being read; coming back to the page (the back button) makes it live again.
// The server also answers a second post of the same article with the
// draft made the first time.
(function () {
  "use strict";

  function busy(form, on) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector(".ingest-progress");
    if (button) button.disabled = on;
    if (on) form.setAttribute("aria-busy", "true");
    else form.removeAttribute("aria-busy");
    if (status) status.textContent = on ? status.getAttribute("data-busy-text") : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-sends-once]")) return;
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    // After this submit has gone: disabling first would drop the button from it.
    window.setTimeout(function () { busy(form, true); }, 0);
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sends-once]").forEach(function (form) { busy(form, false); });
  });
})();
