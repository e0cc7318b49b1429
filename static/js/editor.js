/* Editors' panel: small enhancements on top of forms that work without
   JavaScript. htmx swaps a claim's card after each save; this file only
   reports failures htmx does not swap (403, 400, 413, 5xx, network) in the
   page's live region, adds rows to a claim's sources, and counts the
   characters of a short summary as it is typed. */
(function () {
  "use strict";

  function announcer() {
    return document.getElementById("desk-announcer");
  }

  // A failure the page shows nowhere else: say it, and show it.
  function announce(text) {
    var region = announcer();
    if (!region || !text) return;
    // Clear first so the same message is announced again.
    region.textContent = "";
    region.setAttribute("data-visible", "");
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  // Cards show their own result; the region then only speaks it.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var region = announcer();
    if (region && event.detail.target === region) region.removeAttribute("data-visible");
  });

  // The message of a refusal the server explains (413: too large; 400:
  // unreadable), from its fragment; parsed, never inserted or run.
  function serverMessage(xhr) {
    var type = xhr ? xhr.getResponseHeader("Content-Type") || "" : "";
    if (!xhr || !xhr.responseText || type.indexOf("text/html") !== 0) return "";
    var found = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("[data-error-message]");
    return found ? found.textContent.replace(/\s+/g, " ").trim() : "";
  }

  document.addEventListener("htmx:responseError", function (event) {
    var region = announcer();
    if (!region) return;
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    announce(status === 403 ? region.dataset.forbidden : serverMessage(xhr) || region.dataset.failed);
  });

  document.addEventListener("htmx:sendError", function () {
    var region = announcer();
    if (region) announce(region.dataset.offline);
  });

  // "Add another source": a new empty row from the fieldset's <template>,
  // numbered as the formset expects.
  function addSource(button) {
    var fieldset = button.closest("fieldset");
    var total = fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    var max = fieldset.querySelector("input[name$='-MAX_NUM_FORMS']");
    var template = fieldset.querySelector("template[data-source-template]");
    var list = fieldset.querySelector("[data-sources-list]");
    if (!total || !template || !list) return;
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
    total.value = String(index + 1);
    var first = list.lastElementChild.querySelector("input");
    if (first) first.focus();
  }

  // A text box's count of characters ("12 of 75"), as the box's
  // [data-char-count] paragraph describes it: seen at once while typing,
  // heard by screen readers once typing pauses (a polite live region, not a
  // word per key), and a warning past the limit (say, text the server sent
  // back with its field error). Without JavaScript: maxlength, and the
  // server's error.
  function countCharacters(box) {
    var input = document.getElementById(box.dataset.charCount);
    var shown = box.querySelector("[data-char-count-shown]");
    var spoken = box.querySelector("[data-char-count-spoken]");
    var limit = parseInt(box.dataset.limit, 10);
    if (!input || !shown || !spoken || !limit) return;
    var timer = 0;
    function update(speak) {
      var count = Array.from(input.value).length; // characters, as the server counts them
      var over = count > limit;
      var text = (over ? box.dataset.over : box.dataset.format)
        .replace("{count}", String(count))
        .replace("{limit}", String(limit));
      shown.textContent = text;
      box.classList.toggle("char-count--over", over);
      window.clearTimeout(timer);
      if (speak) {
        timer = window.setTimeout(function () {
          spoken.textContent = text;
        }, 700);
      }
    }
    box.hidden = false;
    update(false);
    input.addEventListener("input", function () {
      update(true);
    });
  }

  function enhance(root) {
    root.querySelectorAll("[data-char-count]").forEach(function (box) {
      if (box.dataset.enhanced) return;
      box.dataset.enhanced = "1";
      countCharacters(box);
    });
    root.querySelectorAll("[data-add-source]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.enhanced) return;
      button.dataset.enhanced = "1";
      button.addEventListener("click", function () {
        addSource(button);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });
})();
