// Draws each statistics table's chart from the table itself, so the chart and the accessible table always show the
// same numbers; a hidden count (under 5) has no data-value and is drawn as no bar.
for (const canvas of document.querySelectorAll("canvas[data-chart-for]")) {
    const table = document.getElementById(canvas.dataset.chartFor);
    if (!table || typeof Chart === "undefined") {
        continue;
    }

    const rows = [...table.querySelectorAll("tr[data-chart-row]")];
    const labels = rows.map(row => row.querySelector("th").textContent.trim());
    const values = rows.map(row => {
        const value = row.querySelector("td").dataset.value;
        return value === undefined || value === "" ? null : Number(value);
    });
    new Chart(canvas, {
        type: "bar",
        data: {
            labels,
            datasets: [{ label: table.dataset.chartLabel, data: values, backgroundColor: "#1e5aa8" }],
        },
        options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
    });
}
