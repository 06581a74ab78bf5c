// Copy buttons: <button data-copy="#input-id" hidden>. Without JavaScript they stay hidden
// and the read-only field can still be selected and copied by hand.
// gettext comes from Django's JavaScript catalogue (base.html); without it, English.
(() => {
  const gettext = window.gettext || ((text) => text);
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const field = document.querySelector(button.dataset.copy);
    if (!field) return;
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      document.execCommand("copy");
    }
    const label = button.textContent;
    button.textContent = gettext("Copied");
    setTimeout(() => { button.textContent = label; }, 1500);
  });
  function reveal(root) {
    for (const button of root.querySelectorAll("[data-copy]")) button.hidden = false;
  }
  reveal(document);
  // Content swapped in by htmx brings its own hidden copy buttons.
  document.addEventListener("htmx:load", (event) => reveal(event.detail.elt.parentNode || document));
})();
