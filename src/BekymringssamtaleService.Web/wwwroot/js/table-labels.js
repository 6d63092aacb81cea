// Names each table cell by its column header (data-label), which site.css shows before the cell when a phone's narrow
// screen stacks a table's rows as cards.
for (const table of document.querySelectorAll("table.ds-table")) {
    const headers = [...table.querySelectorAll("thead th")].map(header => header.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
        [...row.children].forEach((cell, index) => {
            if (headers[index] && !cell.hasAttribute("data-label")) {
                cell.setAttribute("data-label", headers[index]);
            }
        });
    }
}
