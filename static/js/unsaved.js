/* Ask before leaving a page with typing that was not saved.

   Any form opts in with `data-warn-unsaved`. It counts as unsaved once
   something is typed or changed in it (fields outside it that belong to it
   through their `form` attribute included), or when the server sends it back
   already holding input it did not save (`data-unsaved`: refused or
   conflicting). Leaving the page then asks first (`beforeunload`).

   Submitting the form the ordinary way leaves with the input: no question.
   A form htmx submits in place is replaced by the server's answer, which
   says itself whether what it holds is saved; a failure htmx does not swap
   leaves the form as it was, still unsaved.

   When the attribute has a value, it is the question asked (confirm) before
   any other htmx request replaces the form with its typing (another form of
   the same card, a filter reloading the list), unless what sends that
   request is marked `data-discards-unsaved` ("Discard my changes"). */
(function () {
  "use strict";

  var FORMS = "form[data-warn-unsaved]";
  var submitting = false;

  function watchedForm(element) {
    if (!element || element.nodeType !== 1) return null;
    var form = element.form || (element.closest ? element.closest("form") : null);
    return form && form.matches(FORMS) ? form : null;
  }

  function edited(event) {
    var form = watchedForm(event.target);
    if (form) form.setAttribute("data-unsaved", "");
  }

  document.addEventListener("input", edited);
  document.addEventListener("change", edited);

  // Listening on the document, this runs after htmx, which cancels the
  // default of a form it submits in place.
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented && event.target.matches(FORMS)) submitting = true;
  });

  // Back to this page from the history: nothing is being submitted.
  window.addEventListener("pageshow", function () {
    submitting = false;
  });

  function unsavedIn(target, own) {
    if (!target || target.nodeType !== 1) return null;
    var found = Array.prototype.slice.call(target.querySelectorAll(FORMS + "[data-unsaved]"));
    if (target.matches(FORMS + "[data-unsaved]")) found.push(target);
    for (var i = 0; i < found.length; i++) {
      if (found[i] !== own && found[i].getAttribute("data-warn-unsaved")) return found[i];
    }
    return null;
  }

  document.addEventListener("htmx:confirm", function (event) {
    var source = event.detail.elt;
    if (!source || source.closest("[data-discards-unsaved]")) return;
    var own = source.tagName === "FORM" ? source : source.form || source.closest("form");
    var form = unsavedIn(event.detail.target, own);
    if (!form) return;
    event.preventDefault();
    if (window.confirm(form.getAttribute("data-warn-unsaved"))) event.detail.issueRequest(true);
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !document.querySelector(FORMS + "[data-unsaved]")) return;
    event.preventDefault();
    // Older browsers ask only when a value is set; the text they show is their own.
    event.returnValue = "";
  });
})();
