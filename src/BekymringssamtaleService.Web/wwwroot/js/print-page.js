// The "Skriv ut" button prints the page (the print style makes it a case summary); without scripts it stays hidden.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
