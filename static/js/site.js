/* studygroup: what htmx does not do by itself. Loaded after htmx, on every page.
 *
 * - A failed HTMX request never fails silently: a dismissible message appears in the
 *   role="alert" region #request-errors (network down, server error, rate limit, expired
 *   session with an offer to reload).
 * - A 400 that carries an HTML fragment (a form re-rendered with its errors) is swapped in
 *   like a success; a plain-text 400 is shown as a message.
 * - The reader's text size follows the A− / A+ controls (the `reader-size` event): each size
 *   is a class, reader-at-<percent>, as the server renders it.
 * - Its messages are translated: Django's JavaScript catalogue (/jsi18n/, loaded before this
 *   file) gives gettext(); without it they stay in English.
 * - A Cancel link with `data-close` (a selector) closes the form opened in place around it
 *   and gives focus back to `data-focus` (an id); without JavaScript it is a plain link.
 */
(function () {
  "use strict";

  const gettext = window.gettext || function (text) { return text; };
  const interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\(\w+\)s/g, function (m) { return values[m.slice(2, -2)]; });
  };
  const OFFLINE = gettext("Could not reach the server: check your connection, then try again.");
  let returnFocusTo = null;

  function region() {
    return document.getElementById("request-errors");
  }

  function button(label, onClick, className) {
    const el = document.createElement("button");
    el.type = "button";
    el.className = className || "link-button";
    el.textContent = label;
    el.addEventListener("click", onClick);
    return el;
  }

  function dismiss() {
    const box = region();
    if (box) box.replaceChildren();
    if (returnFocusTo && returnFocusTo.isConnected) returnFocusTo.focus();
    returnFocusTo = null;
  }

  function show(message, options) {
    const box = region();
    if (!box) return;
    const current = box.querySelector(".request-error-text");
    if (current && current.textContent === message) return; // a poller failing again
    const note = document.createElement("div");
    note.className = "request-error";
    const text = document.createElement("p");
    text.className = "request-error-text";
    text.textContent = message;
    const actions = document.createElement("p");
    actions.className = "actions";
    if (options && options.reload) {
      actions.append(button(gettext("Reload the page"), function () { window.location.reload(); }, "button button-small"));
    }
    actions.append(button(gettext("Dismiss"), dismiss));
    note.append(text, actions);
    box.replaceChildren(note);
  }

  function plainText(xhr) {
    const type = xhr.getResponseHeader("Content-Type") || "";
    const body = (xhr.responseText || "").trim();
    return type.startsWith("text/plain") && body && body.length < 300 ? body : "";
  }

  function messageFor(xhr) {
    const status = xhr.status;
    if (status === 403 && xhr.getResponseHeader("X-CSRF-Failure")) {
      return {
        text: gettext("Your session has expired or this page is out of date, so that was not saved. Reload the page and try again."),
        reload: true,
      };
    }
    const text = plainText(xhr);
    if (text) return { text: text };
    if (status === 403) return { text: gettext("You don't have permission to do that. You may need to sign in again."), reload: true };
    if (status === 404) return { text: gettext("That is no longer here. It may have been deleted: reload the page to see the latest."), reload: true };
    if (status === 429) return { text: gettext("Too many changes in a short time. Please wait a minute and try again.") };
    if (status >= 500) return { text: gettext("Something went wrong on our side, and it was not saved. Please try again in a moment.") };
    return { text: interpolate(gettext("That did not work (error %(status)s). Please try again."), { status: status }, true) };
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    const type = xhr.getResponseHeader("Content-Type") || "";
    // A form sent back with its errors (400) or with "slow down" (429) replaces the form.
    const formBack = xhr.status === 400 || xhr.status === 429;
    if (formBack && type.startsWith("text/html") && !xhr.getResponseHeader("X-CSRF-Failure")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    returnFocusTo = document.activeElement;
    const message = messageFor(event.detail.xhr);
    show(message.text, message);
  });

  document.addEventListener("htmx:sendError", function () {
    returnFocusTo = document.activeElement;
    show(OFFLINE);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    // A request that worked clears a stale "could not reach the server".
    if (event.detail.successful) {
      const box = region();
      const current = box && box.querySelector(".request-error-text");
      if (current && current.textContent === OFFLINE) box.replaceChildren();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && region() && region().contains(document.activeElement)) dismiss();
  });

  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-close]");
    if (!link) return;
    event.preventDefault();
    link.closest(link.dataset.close).remove();
    const back = document.getElementById(link.dataset.focus);
    if (back) back.focus();
  });

  document.body.addEventListener("reader-size", function (event) {
    document.querySelectorAll("[data-reader]").forEach(function (el) {
      el.classList.forEach(function (name) {
        if (name.startsWith("reader-at-")) el.classList.remove(name);
      });
      el.classList.add("reader-at-" + event.detail.size);
    });
  });
})();
