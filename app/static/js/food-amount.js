// The food-log form: what the amount and unit chosen weigh and hold, said as she types ("2 tbsp = 30 g · …").
(function () {
  var VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875};

  // The same forms the server reads (app/guidance/amounts.py parse_amount): 2, 0.5, 1,5, 1/2, 1 1/2, ½, 1½.
  function parse(text) {
    var raw = (text || "").trim(), value = 0, m;
    if (!raw) { return null; }
    var last = raw.charAt(raw.length - 1);
    if (VULGAR[last] !== undefined) {
      value = VULGAR[last];
      raw = raw.slice(0, -1).trim();
      if (!raw) { return value; }
      return /^\d{1,6}$/.test(raw) ? parseInt(raw, 10) + value : null;
    }
    if ((m = raw.match(/^(\d{1,6})\s+(\d{1,3})\s*\/\s*(\d{1,3})$/))) {
      return m[3] === "0" ? null : parseInt(m[1], 10) + parseInt(m[2], 10) / parseInt(m[3], 10);
    }
    if ((m = raw.match(/^(\d{1,3})\s*\/\s*(\d{1,3})$/))) {
      return m[2] === "0" ? null : parseInt(m[1], 10) / parseInt(m[2], 10);
    }
    if ((m = raw.match(/^(\d{1,6})(?:[.,](\d{1,4}))?$/))) {
      return parseFloat(m[1] + "." + (m[2] || "0"));
    }
    return null;
  }

  function number(value, decimals) {
    return value.toLocaleString("en-US", {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
  }

  function watch(form) {
  var amount = form.querySelector("[name=amount]");
  var unit = form.querySelector("[name=unit]");
  var output = form.querySelector("output.amount-preview");
  if (!amount || !unit || !output) { return; }

  function update() {
    var quantity = parse(amount.value);
    var option = unit.options[unit.selectedIndex];
    if (!quantity || !option) { output.textContent = ""; return; }
    var grams = quantity * parseFloat(option.getAttribute("data-grams"));
    var per = function (name) {
      var v = form.getAttribute("data-" + name);
      return v === "" || v === null ? null : parseFloat(v) * grams / 100;
    };
    var calcium = per("calcium"), vitaminD = per("vitamin-d"), protein = per("protein");
    var dUnit = form.getAttribute("data-vitamin-d-unit");
    var d = vitaminD === null ? "unknown" : (dUnit === "ug" ? number(vitaminD / 40, 1) + " µg" : number(vitaminD, 0) + " IU");
    var label = option.value.indexOf("m:") === 0 ? quantity + " × " + option.value.slice(2) : quantity + " " + option.text;
    var weight = option.value === "g" ? label : label + " = " + String(Math.round(grams * 10) / 10) + " g";
    output.textContent = weight + " · calcium " +
      (calcium === null ? "unknown" : number(calcium, 0) + " mg") + " · vitamin D " + d + " · protein " + number(protein, 1) + " g";
  }

  amount.addEventListener("input", update);
  unit.addEventListener("change", update);
  update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.food-amount"), watch);
})();
