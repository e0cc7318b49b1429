/* The embed loader, served at a stable address (/embed.js) for newsrooms to
 * paste next to one element:
 *
 *   <div data-claim-timeline="https://OUR-SITE/embed/timelines/SLUG/"></div>
 *   <script async src="https://OUR-SITE/embed.js"></script>
 *
 * It puts the timeline in an iframe there (or adopts an
 * <iframe data-claim-timeline src=...>, as oEmbed gives) and keeps the frame
 * as tall as the timeline says it is. A height message is believed only when
 * it comes from one of these frames (event.source) at our origin
 * (event.origin), and only within sane bounds. No dependencies.
 */
(function () {
  "use strict";

  if (window.ClaimTimelineEmbeds) {
    window.ClaimTimelineEmbeds.scan();
    return;
  }

  var script = document.currentScript;
  var ourOrigin = script && script.src ? new URL(script.src, window.location.href).origin : null;
  var MIN_HEIGHT = 40;
  var MAX_HEIGHT = 100000;
  var DEFAULT_HEIGHT = 600;
  var frames = [];

  function frameOf(event) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === event.source && frames[i].origin === event.origin) {
        return frames[i];
      }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var frame = frameOf(event);
    var data = event.data;
    if (!frame || !data || typeof data !== "object" || data.type !== "claim-timeline:height") {
      return;
    }
    var height = Number(data.height);
    if (!isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) {
      return;
    }
    frame.iframe.style.height = Math.ceil(height) + "px";
  });

  function ask(frame) {
    // The frame may have spoken before we listened (oEmbed's iframe comes
    // before this script): ask it for its height again.
    try {
      frame.iframe.contentWindow.postMessage({ type: "claim-timeline:ask" }, frame.origin);
    } catch (error) {
      /* not loaded yet: it will tell us when it is */
    }
  }

  function setUp(element) {
    if (element.hasAttribute("data-claim-timeline-ready")) {
      return;
    }
    var isFrame = element.tagName === "IFRAME";
    var url;
    try {
      url = new URL(isFrame ? element.src : element.getAttribute("data-claim-timeline"), window.location.href);
    } catch (error) {
      return;
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || (ourOrigin && url.origin !== ourOrigin)) {
      return;
    }
    element.setAttribute("data-claim-timeline-ready", "");
    var iframe = element;
    if (!isFrame) {
      iframe = document.createElement("iframe");
      iframe.src = url.href;
      iframe.title = element.getAttribute("data-title") || "Timeline";
      // Far down the article: load when the reader gets near. In view:
      // at once (a lazy frame in view still waits for a layout pass).
      if (element.getBoundingClientRect().top > window.innerHeight * 2) {
        iframe.setAttribute("loading", "lazy");
      }
      iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      iframe.style.display = "block";
      iframe.style.width = "100%";
      iframe.style.border = "0";
      iframe.style.height = (parseInt(url.searchParams.get("height"), 10) || DEFAULT_HEIGHT) + "px";
      element.replaceChildren(iframe);
    }
    var frame = { iframe: iframe, origin: url.origin };
    frames.push(frame);
    iframe.addEventListener("load", function () {
      ask(frame);
    });
    if (isFrame) {
      // oEmbed's frame: as wide as its column unless the consumer fixed a width.
      if (!iframe.hasAttribute("data-fixed-width")) {
        iframe.style.width = "100%";
      }
      ask(frame);
    }
  }

  function scan() {
    var elements = document.querySelectorAll("[data-claim-timeline]");
    for (var i = 0; i < elements.length; i++) {
      setUp(elements[i]);
    }
  }

  window.ClaimTimelineEmbeds = { scan: scan };
  scan();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  }
})();
