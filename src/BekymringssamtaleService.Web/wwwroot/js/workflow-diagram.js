// Renders the Mermaid text of each workflow diagram on the page; strict mode allows no script or HTML in labels.
mermaid.initialize({ startOnLoad: true, securityLevel: "strict", theme: "neutral" });
