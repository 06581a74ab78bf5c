/* The week's reading page: loaded after htmx and site.js.
 *
 * - Select words in a paragraph, then open its comments: the selection becomes the quote.
 * - The live poller (#poller, every 5 s) skips its turn while the tab is hidden or a comment
 *   or edit form is open in the thread, so a swap never throws away what is being typed.
 *   (A filter in hx-trigger would do the same, but htmx evaluates those with Function(),
 *   which the Content-Security-Policy forbids.)
 * - After the reader's own edit, reaction or deletion, the poller moves to the new version.
 *   A comment form sends the version the poller holds (`seen`): when nobody else wrote
 *   since, the answer is the new comment alone and the poller moves on with it.
 * - "Remove quote" clears the quote taken from a selection.
 * - On a narrow screen, a paragraph's marker opens its comments in a panel right after the
 *   paragraph instead of thousands of pixels below: the discussion section itself moves there
 *   (so every HTMX target keeps its one id), and moves back on Close or Escape, focus
 *   returning to the marker. Without JavaScript the marker links to the discussion.
 */
(function () {
  "use strict";

  let last = null;
  document.addEventListener("selectionchange", function () {
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode) return;
    const start = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement;
    const para = start && start.closest(".reading-text .para");
    if (para && para.contains(sel.focusNode)) {
      last = { id: para.id.slice(2), text: sel.toString().trim().slice(0, 2000) };
    }
  });

  function fill() {
    const form = document.getElementById("compose");
    const paragraph = form && form.querySelector('input[name="paragraph"]');
    const quote = form && form.querySelector('input[name="quote"]');
    if (!last || !quote || !paragraph || paragraph.value !== last.id || !last.text) return;
    quote.value = last.text;
    const preview = form.querySelector(".quote-preview");
    preview.querySelector("q").textContent = last.text;
    preview.hidden = false;
    last = null;
  }
  document.addEventListener("htmx:afterSettle", fill);

  document.addEventListener("htmx:confirm", function (event) {
    if (event.detail.elt.id !== "poller") return;
    const busy = document.querySelector("#thread .comment-form, #thread .edit-form");
    if (document.visibilityState !== "visible" || busy) event.preventDefault();
  });

  document.addEventListener("htmx:configRequest", function (event) {
    const poller = document.getElementById("poller");
    if (!poller || !event.detail.elt.matches || !event.detail.elt.matches(".comment-form")) return;
    const seen = /[?&]v=([^&]*)/.exec(poller.getAttribute("hx-get"));
    if (seen) event.detail.parameters.seen = decodeURIComponent(seen[1]);
  });

  document.body.addEventListener("discussion-version", function (event) {
    const poller = document.getElementById("poller");
    if (!poller) return;
    let url = poller.getAttribute("hx-get").replace(/([?&]v=)[^&]*/, "$1" + encodeURIComponent(event.detail.version));
    if (event.detail.added) {  // the poster's own new comment: not announced back to them
      url = url.replace(/([?&]n=)(\d+)/, function (_, key, n) { return key + (Number(n) + event.detail.added); });
    }
    poller.setAttribute("hx-get", url);
    htmx.process(poller);
  });

  document.addEventListener("click", function (event) {
    if (!event.target.matches("[data-remove-quote]")) return;
    const form = event.target.closest("form");
    form.querySelector('input[name="quote"]').value = "";
    event.target.closest(".quote-preview").hidden = true;
    form.querySelector("textarea").focus();
  });

  const narrow = window.matchMedia("(max-width: 1099.98px)");
  let panel = null; // {element, home, marker} while the discussion sits beside a paragraph

  function closePanel(restoreFocus) {
    if (!panel) return;
    const open = panel;
    panel = null;
    const discussion = document.getElementById("discussion");
    if (discussion) open.home.replaceWith(discussion);
    else open.home.remove();
    open.element.remove();
    const marker = document.getElementById(open.marker);
    if (restoreFocus && marker) marker.focus();
  }

  function openPanel(marker) {
    const paragraph = marker.closest(".para");
    const discussion = document.getElementById("discussion");
    const template = document.getElementById("passage-panel-template");
    if (!paragraph || !discussion || !template) return;
    closePanel(false);
    const element = template.content.firstElementChild.cloneNode(true);
    const home = document.createComment("discussion");
    discussion.replaceWith(home);
    element.querySelector("[data-panel-body]").appendChild(discussion);
    paragraph.after(element);
    panel = { element: element, home: home, marker: marker.id };
  }

  // Capture phase: the discussion is in place before htmx, on the marker, sends its request.
  document.addEventListener("click", function (event) {
    const marker = event.target.closest && event.target.closest(".reading-text .para-marker");
    if (marker && narrow.matches) openPanel(marker);
    if (event.target.closest && event.target.closest("[data-panel-close]")) closePanel(true);
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel && panel.element.contains(document.activeElement)) {
      event.preventDefault();
      closePanel(true);
    }
  });

  // Wider again (a rotated tablet): the side column is beside the text, as it should be.
  narrow.addEventListener("change", function () { if (!narrow.matches) closePanel(false); });
})();
