"""Every kind of page at every width from 320 to 1440 px, in English and in
Spanish: the page never scrolls sideways, nothing shown cuts its text, and the
header lines up with the content.

One browser page per language goes through the reader's pages, the desk,
the ingest pages and the back office's lists; at each width (the viewport
is resized, the page is not reloaded) the script below measures

- the document: no sideways scrolling (scrollWidth <= innerWidth);
- every element shown that clips (overflow hidden or clip, or an ellipsis):
  its text fits (scrollWidth <= clientWidth + 1); text fields, which scroll
  their own text as one types, are left out;
- every menu (<select>): its chosen option shows whole, i.e. the same menu
  at its natural width, holding that option only, is no wider than it is
  (a customizable menu, appearance: base-select, wraps its text instead:
  then its content must not overflow it);
- the site's header: it starts where the page's content starts, and from
  1024 px it is one line;
- every table: no cell is cut by the box around the table. A box that
  cannot scroll hides it for good; one that scrolls hides it from a reader
  who does not think of scrolling, so that fails too, except for the back
  office's lists below ADMIN_FITS_FROM: there Django's two side bars leave
  a few hundred pixels, and the admin's own design scrolls the list in its
  box (WCAG 1.4.10 allows it for data tables).

Every failure is collected (page, language, width, what, element, sizes)
and the test fails once, with the whole list.
"""

import time

from factcheck.models import Claim
from tests.browser.steps import paste_the_seed
from tests.editors import PASSWORD, make_editor
from timeline.models import Actor, Event

WIDTHS = (320, 360, 375, 414, 480, 600, 768, 1024, 1280, 1440)
LANGUAGES = ("en", "es")
ADMIN_FITS_FROM = 1280

MEASURE = r"""(allowScrollingTables) => {
  const failures = [];
  const width = window.innerWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + "#" + el.id;
    const classes = [...el.classList].slice(0, 2);
    if (classes.length) s += "." + classes.join(".");
    if (el.getAttribute("name")) s += `[name="${el.getAttribute("name")}"]`;
    const anchor = el.parentElement && el.parentElement.closest("[id]");
    return anchor ? `#${anchor.id} ${s}` : s;
  };
  const text = (el) => (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({ visibilityProperty: true });
  // Hidden for sight, kept for screen readers (.visually-hidden here and in
  // the admin): it or a box around it is clipped away.
  const hiddenForSight = (el) => {
    for (let up = el; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up), r = up.getBoundingClientRect();
      if (style.clip !== "auto" && style.clip !== "") return true;
      if ((r.width <= 1 || r.height <= 1) && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const inClippingBox = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const all = [...document.body.querySelectorAll("*")];

  // 1. The document does not scroll sideways; name the outermost elements past the edge.
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > width) {
    const wide = [];
    for (const el of all) {
      if (wide.length >= 3 || wide.some((outer) => outer.contains(el)) || !shown(el)) continue;
      if (el.getBoundingClientRect().right > width + 1 && !inClippingBox(el)) wide.push(el);
    }
    failures.push({ kind: "page scrolls sideways", element: wide.map(name).join(", ") || "?",
                    sizes: `scrollWidth ${scroller.scrollWidth} > ${width}` });
  }

  // 2. No element clips its text.
  for (const el of all) {
    if (["SELECT", "INPUT", "TEXTAREA", "OPTION"].includes(el.tagName) || el.closest("svg")) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const style = getComputedStyle(el);
    if (!["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis") continue;
    if (!shown(el) || hiddenForSight(el)) continue;
    failures.push({ kind: "text clipped", element: name(el), text: text(el),
                    sizes: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
  }

  // 3. A menu shows its chosen option whole.
  for (const select of document.querySelectorAll("select")) {
    if (select.multiple || select.size > 1 || !shown(select) || hiddenForSight(select)) continue;
    const chosen = select.options[select.selectedIndex];
    if (!chosen) continue;
    if (getComputedStyle(select).appearance === "base-select") {
      // A customizable menu wraps its chosen option: whole unless it overflows the menu.
      if (select.scrollWidth > select.clientWidth + 1 || select.scrollHeight > select.clientHeight + 1) {
        failures.push({ kind: "menu cuts its chosen option", element: name(select), text: chosen.text.trim(),
                        sizes: `content ${select.scrollWidth}×${select.scrollHeight} px, box ${select.clientWidth}×${select.clientHeight} px` });
      }
      continue;
    }
    const probe = select.cloneNode(false);
    probe.removeAttribute("id");
    probe.removeAttribute("name");
    probe.append(new Option(chosen.text, "", true, true));
    Object.assign(probe.style, { position: "absolute", visibility: "hidden", left: "0", top: "0",
                                 width: "auto", minWidth: "0", maxWidth: "none" });
    select.parentElement.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const has = select.getBoundingClientRect().width;
    if (needed > has + 1) {
      failures.push({ kind: "menu cuts its chosen option", element: name(select), text: chosen.text.trim(),
                      sizes: `needs ${Math.round(needed)} px, has ${Math.round(has)} px` });
    }
  }

  // 4. No table cell is cut by the box around the table.
  for (const table of document.querySelectorAll("table")) {
    if (!shown(table)) continue;
    let box = table.parentElement;
    while (box && box !== document.body && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
    if (!box || box === document.body) continue;
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
    if (scrolls && allowScrollingTables) continue;
    const left = box.getBoundingClientRect().left + box.clientLeft, right = left + box.clientWidth;
    const cut = [...table.querySelectorAll("th, td")].filter((cell) => {
      const r = cell.getBoundingClientRect();
      return r.width > 0 && (r.right > right + 1 || r.left < left - 1) && shown(cell) && !hiddenForSight(cell);
    });
    if (cut.length) {
      const columns = [...new Set(cut.map((cell) => {
        const head = table.tHead && table.tHead.rows[0] && table.tHead.rows[0].cells[cell.cellIndex];
        return (head && text(head)) || text(cell);
      }))];
      failures.push({ kind: scrolls ? "table columns out of view (box scrolls)" : "table cells cut (box cannot scroll)",
                      element: name(table), text: columns.join(" | "),
                      sizes: `table ${Math.round(table.getBoundingClientRect().width)} px in a box of ${box.clientWidth} px` });
    }
  }
  // 5. The site's header lines up with the page's content, and from 1024 px
  // it is one line (name, links, language switch).
  const header = document.querySelector(".site-header__inner");
  const content = header && [...document.querySelectorAll("main *")].find(
    (el) => getComputedStyle(el).maxWidth !== "none" && shown(el));
  if (header && content) {
    const edge = (el) => { const s = getComputedStyle(el); return el.getBoundingClientRect().left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft); };
    if (Math.abs(edge(header) - edge(content)) > 1) {
      failures.push({ kind: "header out of line with the content", element: name(content),
                      sizes: `header starts at ${Math.round(edge(header))} px, content at ${Math.round(edge(content))} px` });
    }
    const tops = [...header.querySelectorAll("a, button")].filter(shown).map((el) => el.getBoundingClientRect().top);
    if (width >= 1024 && tops.length && Math.max(...tops) - Math.min(...tops) > 12) {
      failures.push({ kind: "header on more than one line", element: "header .site-header__inner",
                      sizes: `its links and buttons start from ${Math.round(Math.min(...tops))} to ${Math.round(Math.max(...tops))} px down` });
    }
  }
  return failures;
}"""


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/?next=/editor/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(base_url + "/editor/")


def test_no_page_scrolls_sideways_or_cuts_its_text_from_320_to_1440_px(seeded_live_server, browser):
    started = time.monotonic()
    base = seeded_live_server.url
    make_editor("widths", staff=True, first_name="Rosa", last_name="Widths")
    claim = Claim.objects.get(uid="seed-claim-01")  # published, rationale and sources on both sides
    cpac = Event.objects.get(uid="cpac-2024")
    imf = Actor.objects.get(name="International Monetary Fund")  # the longest name in the Who menu
    timeline = "/timelines/milei-trump/"
    pages = {
        "home": "/",
        "timelines": "/timelines/",
        "timeline": timeline,
        "timeline, filtered": f"{timeline}?q=Musk&verdict=mostly-accurate&actor={imf.pk}&from=2018&to=2025",
        "timeline, an event open": f"{timeline}?open={cpac.pk}#event-{cpac.pk}",
        "claim": f"/claims/{claim.pk}/",
        "desk: queue": "/editor/",
        "desk: claim": f"/editor/claims/{claim.pk}/",
        "ingest: paste": "/editor/ingest/",
        "ingest: review": None,
        "admin: claims": "/admin/factcheck/claim/",
        "admin: events": "/admin/timeline/event/",
        "admin: articles": "/admin/timeline/article/",
        "admin: timelines": "/admin/timeline/timeline/",
    }
    failures = []
    state = None
    for language in LANGUAGES:
        context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 900}, locale=language, storage_state=state)
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            if state is None:
                sign_in(page, base, "widths")
                pages["ingest: review"] = paste_the_seed(page, base)
                state = context.storage_state()
            for label, path in pages.items():
                page.goto(base + path)
                page.wait_for_load_state()
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    allow_scrolling_tables = path.startswith("/admin/") and width < ADMIN_FITS_FROM
                    for found in page.evaluate(MEASURE, allow_scrolling_tables):
                        details = " ".join(filter(None, [found.get("element"), found.get("text") and f"“{found['text']}”"]))
                        failures.append(f"{label} ({path}), {language}, {width} px: {found['kind']}: {details} ({found['sizes']})")
        finally:
            context.close()
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} problems ({elapsed:.0f} s):\n" + "\n".join(failures)
