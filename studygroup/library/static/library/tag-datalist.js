// Tags fields: suggest existing tags for the name being typed after the last comma.
// Without this script the <datalist> still completes the first tag.
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-tag-datalist")) return;
  // Admin inline rows added by "Add another" get new ids; follow the datalist beside the input.
  const list = input.parentElement.querySelector("datalist");
  if (!list) return;
  if (input.getAttribute("list") !== list.id) input.setAttribute("list", list.id);
  const comma = input.value.lastIndexOf(",");
  const head = comma === -1 ? "" : input.value.slice(0, comma + 1).trimEnd() + " ";
  for (const option of list.options) {
    option.value = head + option.dataset.name;
    option.label = option.dataset.name;
  }
});
