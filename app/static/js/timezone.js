// Fill the hidden time-zone field at registration with the browser's own zone.
(function () {
  var field = document.getElementById("tz-detect");
  if (!field || !window.Intl) { return; }
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) { field.value = zone; }
  } catch (e) { /* keep the server's default */ }
})();
