// The reader's timeline: small additions to htmx. Everything here is an
// improvement only; the page works as plain links and forms without it.
(function () {
  "use strict";

  function filterForm() {
    return document.querySelector("form.filters");
  }

  // Only the filters that are set go into the request, so the URL pushed
  // into the history stays short and shareable.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = filterForm();
    if (!form || !form.contains(event.detail.elt)) return;
    var data = event.detail.formData;
    Array.from(new Set(data.keys())).forEach(function (key) {
      if (data.getAll(key).every(function (value) { return value === ""; })) data.delete(key);
    });
  });

  // Keep the form showing the filters of the view on screen (after Back,
  // Forward or "Clear filters"). After a new view the field the reader is
  // typing in is left alone.
  function syncForm(event) {
    var form = filterForm();
    if (!form) return;
    var params = new URLSearchParams(location.search);
    var typing = event.type === "htmx:pushedIntoHistory" && document.activeElement;
    Array.from(form.elements).forEach(function (field) {
      if (!field.name || field.type === "submit" || field === typing) return;
      field.value = params.get(field.name) || "";
      if (field.tagName === "SELECT" && field.selectedIndex < 0) field.value = "";
    });
  }
  document.addEventListener("htmx:historyRestore", syncForm);
  document.addEventListener("htmx:pushedIntoHistory", syncForm);

  // The language switch returns to the view on screen, filters included.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.language-switch")) return;
    var next = form.querySelector("input[name=next]");
    if (next) next.value = location.pathname + location.search + location.hash;
  });

  // "More events" chosen from the keyboard: the link is replaced by the next
  // page, so focus moves to the first new event instead of being lost.
  var eventsBefore = -1;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var more = event.detail.elt;
    if (more.closest && more.closest("#more-events")) {
      eventsBefore = document.activeElement === more ? document.querySelectorAll("li.event").length : -1;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Details closed from their end: focus goes back to the event's title.
    var entry = event.detail.elt;
    if (entry.matches && entry.matches("li.event") && !entry.contains(document.activeElement)
        && (document.activeElement === document.body || !document.activeElement)) {
      var title = entry.querySelector(".event__title a");
      if (title) title.focus();
    }
    if (eventsBefore < 0) return;
    var first = document.querySelectorAll("li.event")[eventsBefore];
    eventsBefore = -1;
    var link = first && first.querySelector(".event__title a");
    if (link) link.focus();
  });

  // Jump to a year already on screen (loaded by scrolling) without a reload.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".year-nav a");
    if (!link || !link.hash) return;
    var heading = document.getElementById(link.hash.slice(1));
    if (!heading) return;
    event.preventDefault();
    heading.scrollIntoView();
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  });

  // The embed-code panel's script, only once the panel is on the page (it
  // comes with the page, or when a reader opens it): most readers never do,
  // so the first view does not carry it. htmx runs no script it swaps in.
  function loadEmbedGenerator() {
    var form = document.querySelector("#embed-generator form[data-script]");
    if (!form || document.querySelector("script[data-embed-generator]")) return;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-script");
    script.setAttribute("data-embed-generator", "");
    document.head.appendChild(script);
  }
  loadEmbedGenerator();
  document.addEventListener("htmx:afterSettle", loadEmbedGenerator);
  document.addEventListener("htmx:historyRestore", loadEmbedGenerator);

  // A link to an event that is on a later page (…/#event-42): ask for the
  // page that holds it, with its details open.
  var wanted = /^#event-(\d+)$/.exec(location.hash);
  if (wanted && !document.getElementById("event-" + wanted[1]) && document.getElementById("more-events")) {
    var params = new URLSearchParams(location.search);
    params.delete("page");
    params.set("open", wanted[1]);
    location.replace(location.pathname + "?" + params.toString() + location.hash);
  }
})();
