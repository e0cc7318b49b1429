/* Inside the embed frame.
 *
 * 1. Tells the page around it how tall the timeline is, on every change of
 *    size: as {type: "claim-timeline:height", height} for our loader
 *    (/embed.js), and in Pym.js's format when Pym made the frame
 *    (?childId=...). With a height option the timeline stays that tall and
 *    scrolls inside.
 * 2. Every data-poll-seconds, while visible, asks with a conditional request
 *    (If-None-Match: the version it shows) whether the timeline changed: an
 *    unchanged timeline costs a 304; a changed one is swapped in place.
 * No dependencies; no cookies.
 */
(function () {
  "use strict";

  var root = document.getElementById("embed");
  if (!root) {
    return;
  }
  var framed = window.parent !== window;
  var pymId = new URLSearchParams(window.location.search).get("childId");
  var maxHeight = parseInt(root.getAttribute("data-max-height") || "0", 10) || 0;
  var lastHeight = -1;

  function contentHeight() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    return maxHeight ? Math.min(height, maxHeight) : height;
  }

  function sendHeight(force) {
    if (!framed) {
      return;
    }
    var height = contentHeight();
    if (height === lastHeight && !force) {
      return;
    }
    lastHeight = height;
    // The height is no secret: any page that frames us may know it.
    window.parent.postMessage({ type: "claim-timeline:height", height: height }, "*");
    if (pymId) {
      window.parent.postMessage("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height, "*");
    }
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) {
      return;
    }
    var data = event.data;
    var asked =
      (data && typeof data === "object" && data.type === "claim-timeline:ask") ||
      (typeof data === "string" && pymId && data.indexOf("pymxPYMx" + pymId + "xPYMxwidthxPYMx") === 0);
    if (asked) {
      sendHeight(true);
    }
  });

  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      sendHeight(false);
    }).observe(root);
  }
  window.addEventListener("load", function () {
    sendHeight(true);
  });
  sendHeight(true);

  // Keeping up to date.
  var version = root.getAttribute("data-version");
  var seconds = parseInt(root.getAttribute("data-poll-seconds") || "0", 10);
  var busy = false;

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var freshRoot = fresh.getElementById("embed");
    var freshContent = fresh.getElementById("embed-content");
    var content = document.getElementById("embed-content");
    if (!freshRoot || !freshContent || !content) {
      return;
    }
    var freshTitle = fresh.querySelector(".embed__title");
    var title = document.querySelector(".embed__title");
    if (freshTitle && title) {
      title.replaceWith(document.adoptNode(freshTitle));
    }
    content.replaceWith(document.adoptNode(freshContent));
    version = freshRoot.getAttribute("data-version");
    root.setAttribute("data-version", version);
    var status = document.getElementById("embed-status");
    if (status) {
      status.textContent = status.getAttribute("data-updated-text") || "";
    }
    sendHeight(false);
  }

  function withdraw(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("embed");
    if (!fresh) {
      return;
    }
    var nodes = Array.from(fresh.childNodes).map(function (node) {
      return document.adoptNode(node);
    });
    root.replaceChildren.apply(root, nodes);
    version = null;
    sendHeight(false);
  }

  function poll() {
    if (!version) {
      return;
    }
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(window.location.href, {
      headers: { "If-None-Match": version },
      cache: "no-store",
      credentials: "omit",
    })
      .then(function (response) {
        // 304: nothing changed. 404: the timeline was taken down, so stop
        // showing it. Anything else (a network or server error): keep what
        // is shown and ask again later.
        if (response.status === 200) {
          return response.text().then(swap);
        }
        if (response.status === 404) {
          return response.text().then(withdraw);
        }
        return null;
      })
      .catch(function () {})
      .then(function () {
        busy = false;
      });
  }

  if (version && seconds > 0) {
    window.setInterval(poll, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        poll();
      }
    });
  }
})();
