// Keep today's ticks if the page is reloaded or she comes back to it later the same day (this device only).
// Without JavaScript the ticks live in the form until she saves.
(function () {
  var form = document.querySelector("[data-today]");
  if (!form || !window.sessionStorage) { return; }
  var key = "ossify-today-" + form.getAttribute("data-today");
  var boxes = form.querySelectorAll("input[name='done']");
  var saved = [];
  try { saved = JSON.parse(sessionStorage.getItem(key) || "[]"); } catch (e) { saved = []; }
  boxes.forEach(function (box) {
    if (saved.indexOf(box.value) !== -1) { box.checked = true; }
    box.addEventListener("change", function () {
      var ticked = [];
      boxes.forEach(function (b) { if (b.checked) { ticked.push(b.value); } });
      sessionStorage.setItem(key, JSON.stringify(ticked));
    });
  });
  form.addEventListener("submit", function () { sessionStorage.removeItem(key); });
})();
