// @ts-check
// "Vem använder vad": sorting the table in place. Without this script
// each column heading is a link to the page sorted by that column; with
// it, following the link reorders the rows without loading a page. Each
// row carries its rank in every order (data-ranks, in the order of the
// headings' data-sort), which the server computed, so the order here is
// the server's. The address follows the order (history.replaceState), so
// a reload or a shared link shows the same table. A table too long for one
// page is split into pages, each sorted by the server; it has no
// data-usage, and its links load the page sorted so.

for (const table of document.querySelectorAll("table[data-usage]")) {
  if (!(table instanceof HTMLTableElement)) continue;
  const body = table.tBodies[0];
  const status = document.querySelector("[data-sort-status]");
  const rows = Array.from(body.rows, (tr) => ({ tr, ranks: (tr.dataset.ranks || "").split(" ").map(Number) }));
  table.addEventListener("click", (ev) => {
    if (!(ev instanceof MouseEvent) || !(ev.target instanceof Element)) return;
    const link = ev.target.closest("a[data-sort]");
    if (!(link instanceof HTMLAnchorElement) || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button !== 0) return;
    ev.preventDefault();
    const k = Number(link.dataset.sort);
    rows.sort((a, b) => a.ranks[k] - b.ranks[k]);
    body.append(...rows.map((r) => r.tr));
    for (const th of table.tHead?.rows[0].cells ?? []) th.removeAttribute("aria-sort");
    link.closest("th")?.setAttribute("aria-sort", "ascending");
    if (status) status.textContent = link.dataset.sorted || "";
    history.replaceState(history.state, "", link.href);
  });
}
