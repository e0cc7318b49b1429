/* The back office's small repairs to Django's admin markup, for screen
   readers (axe finds no violation with them):
   - an autocomplete box (select2) is named after its field's label;
   - a tabular inline's empty column headings become plain cells. */
(function () {
  "use strict";

  function nameAutocompleteBoxes() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = document.getElementById("select2-" + select.id + "-container");
      if (label && box && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      }
    });
  }

  function plainEmptyHeadings() {
    document.querySelectorAll(".tabular thead th").forEach(function (heading) {
      if (heading.textContent.trim()) return;
      var cell = document.createElement("td");
      cell.className = heading.className;
      heading.replaceWith(cell);
    });
  }

  // select2 builds its boxes from jQuery's ready, which runs after the
  // page's load event at times: name each box whenever one appears.
  document.addEventListener("DOMContentLoaded", function () {
    nameAutocompleteBoxes();
    plainEmptyHeadings();
    new MutationObserver(nameAutocompleteBoxes).observe(document.body, { childList: true, subtree: true });
  });
})();
