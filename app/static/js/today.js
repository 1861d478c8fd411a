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

// Hold timers: a countdown for each exercise held for a time (balance, planks, wall sits), set by set, with a
// rest between sets when one is prescribed. The end is shown and said (a live region), with a short tone she can
// switch off; after the last set the exercise is ticked. Without this script the hold time is the dose in words.
(function () {
  var timers = document.querySelectorAll(".hold-timer");
  if (!timers.length) { return; }
  var timing = window.OssifyTimers;  // app/static/js/timers.js: the tone and the clock face
  timing.sound(document.getElementById("timer-sound"));
  var tone = timing.tone;
  var clock = timing.clock;
  timers.forEach(function (timer) {
    timer.hidden = false;
    var hold = parseInt(timer.getAttribute("data-hold"), 10);
    var sets = parseInt(timer.getAttribute("data-sets"), 10) || 1;
    var rest = parseInt(timer.getAttribute("data-rest"), 10) || 0;
    var sides = timer.getAttribute("data-each-side") ? ["left side", "right side"] : [""];
    var holds = [];
    for (var s = 1; s <= sets; s++) {
      sides.forEach(function (side) { holds.push({ set: s, side: side }); });
    }
    var display = timer.querySelector(".timer-display");
    var status = timer.querySelector(".timer-status");
    var start = timer.querySelector(".timer-start");
    var stop = timer.querySelector(".timer-stop");
    var next = 0;
    var ticking = null;
    function label(h) {
      return "set " + h.set + " of " + sets + (h.side ? ", " + h.side : "");
    }
    function countdown(seconds, each, done) {
      var left = seconds;
      display.textContent = clock(left);
      ticking = setInterval(function () {
        left -= 1;
        display.textContent = clock(Math.max(left, 0));
        each(left);
        if (left <= 0) { clearInterval(ticking); ticking = null; done(); }
      }, 1000);
    }
    function setLabel(text) {  // the button's words; its hidden exercise name stays
      start.firstChild.nodeValue = text;
    }
    function finish() {
      start.hidden = false;
      stop.hidden = true;
    }
    start.addEventListener("click", function () {
      if (next >= holds.length) { next = 0; }
      var h = holds[next];
      start.hidden = true;
      stop.hidden = false;
      timer.classList.remove("timer-ended");
      status.textContent = "Holding: " + label(h) + ".";
      countdown(hold, function (left) {
        if (left === 10 && hold > 15) { status.textContent = "10 seconds left: " + label(h) + "."; }
      }, function () {
        tone();
        timer.classList.add("timer-ended");
        next += 1;
        if (next >= holds.length) {
          status.textContent = "Done: all " + sets + " set" + (sets === 1 ? "" : "s") + " held, and ticked.";
          var box = document.getElementById(timer.getAttribute("data-tick"));
          if (box && !box.checked) { box.checked = true; box.dispatchEvent(new Event("change")); }
          setLabel("Start again");
          finish();
          return;
        }
        var upcoming = holds[next];
        if (rest > 0 && upcoming.set !== h.set) {
          status.textContent = "Done: " + label(h) + ". Rest " + rest + " s.";
          countdown(rest, function () {}, function () {
            tone();
            status.textContent = "Rest over. Next: " + label(upcoming) + ".";
            setLabel("Start " + label(upcoming));
            finish();
          });
          return;
        }
        status.textContent = "Done: " + label(h) + ". Next: " + label(upcoming) + ".";
        setLabel("Start " + label(upcoming));
        finish();
      });
    });
    stop.addEventListener("click", function () {
      if (ticking) { clearInterval(ticking); ticking = null; }
      display.textContent = clock(hold);
      status.textContent = "Stopped. " + (next < holds.length ? "Next: " + label(holds[next]) + "." : "");
      setLabel("Start " + label(holds[Math.min(next, holds.length - 1)]));
      finish();
    });
  });
})();
