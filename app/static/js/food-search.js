// The food search updates as she types: the results list alone is fetched (?results=1) and swapped in.
// Without JavaScript the form's Search button does the same with a page load.
(function () {
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("food-results");
  if (!form || !results || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var timer = null, asked = 0;

  function update() {
    var params = new URLSearchParams(new FormData(form));
    var url = form.getAttribute("action") || window.location.pathname;
    var number = ++asked;
    params.set("results", "1");
    fetch(url + "?" + params.toString(), {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || number !== asked) { return; }  // an older answer than the last asked
        var box = document.createElement("div");
        box.innerHTML = html;
        var fresh = box.querySelector("#food-results");
        if (fresh) { results.replaceWith(fresh); results = fresh; }
        params.delete("results");
        window.history.replaceState(null, "", url + "?" + params.toString());
      })
      .catch(function () { /* offline: the Search button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  });
})();
