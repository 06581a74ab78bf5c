// "@" in a comment box offers the group's members: the ARIA combobox pattern on the textarea.
// The textarea's hx-get fetches the options (an HTML fragment) as one types; this script
// picks the "@…" to ask about, moves the active option and inserts the chosen handle.
// Everything is delegated from the document, so boxes added later by HTMX work too.
(function () {
  "use strict";

  // "@" then the handle typed so far, right before the caret.
  var TYPED = /(^|[^\w@\/])@([A-Za-z0-9_-]{0,30})$/;

  function parts(box) {
    var list = document.getElementById(box.getAttribute("aria-controls"));
    var status = list && document.getElementById(list.id + "-status");
    return { list: list, status: status };
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
  }

  function close(box) {
    var list = parts(box).list;
    if (!list) return;
    list.hidden = true;
    list.innerHTML = "";
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function announce(status, count) {
    if (!status) return;
    var text = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many;
    status.textContent = (text || "").replace("%s", String(count));
  }

  function opened(box) {
    var p = parts(box);
    var found = options(p.list);
    found.forEach(function (option, i) {
      option.id = p.list.id + "-" + i;
    });
    announce(p.status, found.length);
    if (found.length === 0) {
      close(box);
      return;
    }
    p.list.hidden = false;
    box.setAttribute("aria-expanded", "true");
    box.removeAttribute("aria-activedescendant");
  }

  // The textarea's own hx-get asks for the options: send only the "@…" typed so far, or
  // nothing at all (and close the list) when the caret is not after one.
  document.addEventListener("htmx:configRequest", function (event) {
    var box = event.detail.elt;
    if (!isMentionBox(box)) return;
    var match = TYPED.exec(box.value.slice(0, box.selectionStart));
    if (!match) {
      event.preventDefault();
      close(box);
      return;
    }
    event.detail.parameters.q = match[2];
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var box = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (isMentionBox(box)) opened(box);
  });

  function activate(box, index) {
    var found = options(parts(box).list);
    if (found.length === 0) return;
    index = (index + found.length) % found.length;
    found.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    box.setAttribute("aria-activedescendant", found[index].id);
    found[index].scrollIntoView({ block: "nearest" });
  }

  function insert(box, option) {
    var before = box.value.slice(0, box.selectionStart);
    var after = box.value.slice(box.selectionEnd);
    var match = TYPED.exec(before);
    if (!match) return close(box);
    var start = before.length - match[2].length;
    var text = option.dataset.handle + " ";
    box.value = before.slice(0, start) + text + after;
    box.selectionStart = box.selectionEnd = start + text.length;
    close(box);
    box.focus();
  }

  function isMentionBox(el) {
    return el && el.matches && el.matches("textarea[data-mention-url]");
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!isMentionBox(box) || box.getAttribute("aria-expanded") !== "true") return;
    var found = options(parts(box).list);
    var active = document.getElementById(box.getAttribute("aria-activedescendant") || "");
    var index = found.indexOf(active);
    if (event.key === "ArrowDown") {
      activate(box, index + 1);
    } else if (event.key === "ArrowUp") {
      activate(box, index < 0 ? -1 : index - 1);
    } else if (event.key === "Enter" && active) {
      insert(box, active);
    } else if (event.key === "Escape") {
      close(box);
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("focusout", function (event) {
    if (isMentionBox(event.target)) close(event.target);
  });

  // A pointer picks an option without taking the focus from the box first.
  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest && event.target.closest('.mention-list [role="option"]');
    if (!option) return;
    event.preventDefault();
    var box = document.querySelector('[aria-controls="' + option.parentElement.id + '"]');
    if (box) insert(box, option);
  });
})();
