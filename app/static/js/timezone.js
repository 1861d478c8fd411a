// Fill the hidden time-zone field at registration with the browser's own zone.
(function () {
  var field = document.getElementById("tz-detect");
  if (!field || !window.Intl) { return; }
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) { field.value = zone; }
  } catch (e) { /* keep the server's default */ }
})();

// "Use this phone's time zone" beside a time-zone field (hidden where this script doesn't run).
(function () {
  if (!window.Intl) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  document.querySelectorAll("[data-tz-fill]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-tz-fill"));
    var row = button.closest("[data-tz-row]");
    if (!field) { return; }
    if (row) { row.hidden = false; }
    button.textContent = "Use this phone's time zone (" + zone.split("/").pop().replace(/_/g, " ") + ")";
    button.addEventListener("click", function () { field.value = zone; field.focus(); });
  });
})();
