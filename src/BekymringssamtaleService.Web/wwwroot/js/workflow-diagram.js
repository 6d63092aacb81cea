// Draws the Mermaid text of each workflow diagram on the page; strict mode allows no script or HTML in labels.
// Labels are drawn at the body's size and the diagram keeps its natural width: its container scrolls on narrow screens.
// A diagram folded in <details data-diagram> is drawn when it is first opened (hidden, it would have no size to lay out in).
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "neutral",
  themeVariables: { fontSize: "18px" },
  state: { useMaxWidth: false },
  flowchart: { useMaxWidth: false },
});

const folded = [...document.querySelectorAll("details[data-diagram]")];
for (const details of folded) {
  details.addEventListener("toggle", () => {
    if (details.open) {
      mermaid.run({ nodes: details.querySelectorAll(".mermaid:not([data-processed])") });
    }
  });
}

const shown = [...document.querySelectorAll(".mermaid")].filter((node) => !folded.some((details) => details.contains(node)));
if (shown.length > 0) {
  mermaid.run({ nodes: shown });
}
