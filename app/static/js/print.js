// The report's Print button: shown only where this script runs (without it, the browser's own print menu).
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    var row = button.closest("[data-print-row]");
    if (row) { row.hidden = false; }
    button.addEventListener("click", function () { window.print(); });
  });
})();
