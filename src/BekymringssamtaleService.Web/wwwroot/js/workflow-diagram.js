// Renders the Mermaid text of each workflow diagram on the page; strict mode allows no script or HTML in labels.
// Labels are drawn at the body's size and the diagram keeps its natural width: its container scrolls on narrow screens.
mermaid.initialize({
  startOnLoad: true,
  securityLevel: "strict",
  theme: "neutral",
  themeVariables: { fontSize: "18px" },
  state: { useMaxWidth: false },
  flowchart: { useMaxWidth: false },
});
