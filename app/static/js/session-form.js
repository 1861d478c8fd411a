// Show only the fields that fit the chosen exercise (minutes, sets and reps, or hold time), and add an
// exercise row in place, keeping the sets, reps and band of the row above.
// Without JavaScript every field stays visible, "Add another exercise" asks the server for the new row
// (the page opens at it) and the server still checks what is needed.
(function () {
  function update(entry) {
    var select = entry.querySelector("select[id$='exercise']");
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

  // The picture of the exercise chosen: asked of the server when the choice changes (no picture for none).
  function picture(entry) {
    var box = entry.querySelector("[data-picture-url]");
    var select = entry.querySelector("select[id$='exercise']");
    if (!box || !select) { return; }
    if (!select.value) { box.innerHTML = ""; return; }
    var url = box.getAttribute("data-picture-url").replace(/\/\d+\/picture$/, "/" + select.value + "/picture");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { box.innerHTML = html; }).catch(function () { box.innerHTML = ""; });
  }

  function watch(entry) {
    update(entry);
    var select = entry.querySelector("select[id$='exercise']");
    if (select) { select.addEventListener("change", function () { update(entry); picture(entry); }); }
  }

  var ROW = /entries-\d+-/;

  function renumber(entry, index) {
    entry.id = "entry-" + (index + 1);
    entry.querySelectorAll("[id], [name], [for], [aria-describedby]").forEach(function (el) {
      ["id", "name", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value && ROW.test(value)) { el.setAttribute(attr, value.replace(/entries-\d+-/g, "entries-" + index + "-")); }
      });
    });
    var legend = entry.querySelector("legend");
    if (legend) { legend.textContent = "Exercise " + (index + 1); }
  }

  function addRow(form, button) {
    var rows = form.querySelectorAll("[data-entry]");
    var last = rows[rows.length - 1];
    var row = last.cloneNode(true);
    // A fresh row: no exercise chosen, no messages or cautions of the row it was copied from.
    row.querySelectorAll(".field-error, .caution").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".entry-picture").forEach(function (el) { el.innerHTML = ""; });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("button[name='remove_entry'], [data-remove-row]").forEach(function (el) { el.remove(); });
    var carried = {};
    last.querySelectorAll("input, select, textarea").forEach(function (el) {
      var name = (el.getAttribute("name") || "").replace(ROW, "");
      carried[name] = el.value;
    });
    renumber(row, rows.length);
    row.querySelectorAll("input, select, textarea").forEach(function (el) {
      var name = (el.getAttribute("name") || "").replace(ROW, "");
      var keep = ["sets", "reps", "band_colour", "band_note"].indexOf(name) !== -1;
      el.value = keep ? (carried[name] || "") : "";
    });
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary outline small";
    remove.setAttribute("data-remove-row", "");
    remove.addEventListener("click", function () {
      var next = row.nextElementSibling;
      row.remove();
      form.querySelectorAll("[data-entry]").forEach(function (entry, i) {
        renumber(entry, i);
        var own = entry.querySelector("[data-remove-row]");
        if (own) { own.textContent = "Remove exercise " + (i + 1); }
      });
      button.hidden = false;
      (next && next.matches("[data-entry]") ? next : button).focus();
    });
    row.appendChild(remove);
    last.after(row);
    remove.textContent = "Remove exercise " + (rows.length + 1);
    watch(row);
    if (form.querySelectorAll("[data-entry]").length >= Number(form.getAttribute("data-max-entries"))) {
      button.hidden = true;
    }
    var select = row.querySelector("select[id$='-exercise']");
    row.scrollIntoView({ block: "start" });
    if (select) { select.focus({ preventScroll: true }); }
  }

  document.querySelectorAll("[data-entry]").forEach(watch);
  document.querySelectorAll("[data-add-entry]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      addRow(button.form, button);
    });
  });
})();
