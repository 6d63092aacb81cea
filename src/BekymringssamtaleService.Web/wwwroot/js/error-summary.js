// Designsystemet's error summary pattern: after a failed submit, focus moves to the summary, so a screen reader reads
// it and a keyboard user starts at the list of links to the fields that need fixing.
const summary = document.querySelector(".ds-error-summary");
if (summary) {
    summary.focus();
}
