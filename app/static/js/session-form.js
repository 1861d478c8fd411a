// Show only the fields that fit the chosen exercise (minutes, sets and reps, or hold time).
// Without JavaScript every field stays visible and the server still checks what is needed.
(function () {
  function update(entry) {
    var select = entry.querySelector("select[id$='-exercise']");
    if (!select) { return; }
    var option = select.options[select.selectedIndex];
    var measure = option ? option.getAttribute("data-measure") : null;
    entry.querySelectorAll("[data-show]").forEach(function (box) {
      var wanted = box.getAttribute("data-show").split(" ");
      box.hidden = measure !== null && wanted.indexOf(measure) === -1 && !box.querySelector("[aria-invalid]");
    });
    var band = entry.querySelector("[data-show-band]");
    if (band) { band.hidden = measure !== null && option.getAttribute("data-band") !== "yes" && !band.querySelector("[aria-invalid]"); }
    var impacts = entry.querySelector("[data-show-impacts]");
    if (impacts) { impacts.hidden = measure !== null && option.getAttribute("data-impacts") !== "yes" && !impacts.querySelector("[aria-invalid]"); }
  }
  document.querySelectorAll("[data-entry]").forEach(function (entry) {
    update(entry);
    var select = entry.querySelector("select[id$='-exercise']");
    if (select) { select.addEventListener("change", function () { update(entry); }); }
  });
})();
