/* The embed-code panel on a timeline page: as the options change, ask the
 * server for the snippets (the same code the panel renders without
 * JavaScript), swap them in, refresh the live preview (the real loader,
 * /embed.js, running the real snippet) and copy on demand.
 *
 * Loaded by js/timeline.js once the panel is on the page (htmx runs no
 * <script> it swaps in: the Content-Security-Policy set-up, README); it
 * starts the panel then, and again whenever htmx brings the panel back. */
(function () {
  "use strict";

  var loaderRequested = false;

  function start() {
    var panel = document.getElementById("embed-generator");
    var form = panel && panel.querySelector(".embed-generator__form");
    if (!form || form.embedGeneratorStarted) {
      return; // not on the page yet, or started
    }
    form.embedGeneratorStarted = true; // a property, not an attribute: htmx's history snapshots keep no listeners
    var details = panel.querySelector("details");
    var output = document.getElementById("embed-generator-output");
    var loaderUrl = form.getAttribute("data-loader-url");
    var pending = null;
    var timer = null;
    var shown = new URLSearchParams(new FormData(form)).toString();

    panel.classList.add("embed-generator--live");

    function loadPreview() {
      if (!details.open) {
        return;
      }
      if (window.ClaimTimelineEmbeds) {
        window.ClaimTimelineEmbeds.scan();
      } else if (!loaderRequested && loaderUrl) {
        loaderRequested = true;
        var loader = document.createElement("script");
        loader.src = loaderUrl;
        loader.async = true;
        document.body.appendChild(loader);
      }
    }

    function refresh() {
      var query = new URLSearchParams(new FormData(form)).toString();
      if (query === shown) {
        return; // e.g. the change event of a field already applied while typing
      }
      shown = query;
      var url = form.getAttribute("data-code-url") + (query ? "?" + query : "");
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(url, { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(function (html) {
          output.innerHTML = html;
          loadPreview();
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            shown = null; // ask again next time
          }
        });
    }

    form.addEventListener("change", refresh);
    form.addEventListener("input", function (event) {
      if (event.target.type === "number") {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, 400);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh();
    });
    details.addEventListener("toggle", loadPreview);
    loadPreview();
    output.addEventListener("click", copy);
  }

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-copied-text") || label;
    window.setTimeout(function () {
      button.textContent = label;
    }, 2000);
  }

  function copy(event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () {
          copied(button);
        },
        function () {
          /* the text stays selected: Ctrl+C copies it */
        }
      );
    } else if (document.execCommand && document.execCommand("copy")) {
      copied(button);
    }
  }

  // The panel rendered with the page (its form sent without JavaScript), or
  // swapped in by htmx when the reader opens it (or by Back and Forward).
  start();
  document.addEventListener("htmx:afterSettle", start);
  document.addEventListener("htmx:historyRestore", start);
})();
