// The STEADI tests' timers: the chair stand's 30-second countdown with a stand counter, Timed Up and Go's
// stopwatch, and 4-Stage Balance's four 10-second holds. Each fills the result form below it; she can still change
// the number before saving. Without this script the timers stay hidden and she types the result.
(function () {
  var timing = window.OssifyTimers;  // app/static/js/timers.js: the tone and the clock face, as Today's holds
  timing.sound(document.getElementById("timer-sound"));
  var tone = timing.tone;
  var clock = timing.clock;
  function fill(name, value) {
    var input = document.querySelector("[data-result-form] [name='" + name + "']");
    if (!input) { return; }
    if (input.type === "radio") {
      var choice = document.querySelector("[data-result-form] [name='" + name + "'][value='" + value + "']");
      if (choice) { choice.checked = true; }
    } else {
      input.value = value;
    }
  }

  // 30-second chair stand: a countdown, and a big button her helper (or she) taps at each full stand.
  document.querySelectorAll("[data-countdown]").forEach(function (timer) {
    timer.hidden = false;
    var total = parseInt(timer.getAttribute("data-countdown"), 10);
    var display = timer.querySelector(".timer-display");
    var status = timer.querySelector(".timer-status");
    var start = timer.querySelector(".timer-start");
    var stop = timer.querySelector(".timer-stop");
    var counter = timer.querySelector("[data-count]");
    var shown = timer.querySelector("[data-count-value]");
    var count = 0;
    var ticking = null;
    function end(message) {
      clearInterval(ticking);
      ticking = null;
      counter.hidden = true;
      stop.hidden = true;
      start.hidden = false;
      start.textContent = "Start again";
      status.textContent = message;
      fill(timer.getAttribute("data-counts"), String(count));
    }
    counter.addEventListener("click", function () {
      count += 1;
      shown.textContent = String(count);
    });
    start.addEventListener("click", function () {
      var left = total;
      count = 0;
      shown.textContent = "0";
      display.textContent = clock(left);
      start.hidden = true;
      stop.hidden = false;
      counter.hidden = false;
      timer.classList.remove("timer-ended");
      status.textContent = "Go: stand up and sit down, arms crossed.";
      tone();
      counter.focus();
      ticking = setInterval(function () {
        left -= 1;
        display.textContent = clock(Math.max(left, 0));
        if (left === 10) { status.textContent = "10 seconds left."; }
        if (left <= 0) {
          tone();
          timer.classList.add("timer-ended");
          end("Time. " + count + " stand" + (count === 1 ? "" : "s") + " counted: if you were over halfway up, add one below.");
        }
      }, 1000);
    });
    stop.addEventListener("click", function () { end("Stopped. Type the stands below if you finished the 30 seconds."); });
  });

  // Timed Up and Go: a stopwatch in tenths of a second.
  document.querySelectorAll("[data-stopwatch]").forEach(function (timer) {
    timer.hidden = false;
    var display = timer.querySelector(".timer-display");
    var status = timer.querySelector(".timer-status");
    var start = timer.querySelector(".timer-start");
    var stop = timer.querySelector(".timer-stop");
    var began = 0;
    var ticking = null;
    function seconds() { return Math.round((Date.now() - began) / 100) / 10; }
    start.addEventListener("click", function () {
      began = Date.now();
      start.hidden = true;
      stop.hidden = false;
      timer.classList.remove("timer-ended");
      status.textContent = "Timing: walk to the line, turn, come back and sit.";
      stop.focus();
      ticking = setInterval(function () { display.textContent = seconds().toFixed(1) + " s"; }, 100);
    });
    stop.addEventListener("click", function () {
      clearInterval(ticking);
      var taken = seconds();
      display.textContent = taken.toFixed(1) + " s";
      stop.hidden = true;
      start.hidden = false;
      start.textContent = "Go again";
      timer.classList.add("timer-ended");
      status.textContent = "Stopped at " + taken.toFixed(1) + " seconds: it is in the form below.";
      fill("seconds", taken.toFixed(1));
    });
  });

  // 4-Stage Balance: each stance held for the hold time; "I moved or held on" ends the test at that stance.
  document.querySelectorAll("[data-balance]").forEach(function (timer) {
    timer.hidden = false;
    var hold = parseInt(timer.getAttribute("data-balance"), 10);
    var stages = timer.getAttribute("data-stages").split("|");
    var stageText = timer.querySelector(".balance-stage");
    var display = timer.querySelector(".timer-display");
    var status = timer.querySelector(".timer-status");
    var start = timer.querySelector(".timer-start");
    var stop = timer.querySelector(".timer-stop");
    var held = 0;
    var ticking = null;
    function show() {
      stageText.textContent = "Stance " + (held + 1) + " of " + stages.length + ": " + stages[held];
      display.textContent = clock(hold);
      start.textContent = "Start stance " + (held + 1);
    }
    function finish(message) {
      clearInterval(ticking);
      ticking = null;
      stop.hidden = true;
      start.hidden = false;
      timer.classList.add("timer-ended");
      status.textContent = message;
      fill("stage", String(held));
      start.textContent = "Start again";
      start.setAttribute("data-restart", "yes");
    }
    start.addEventListener("click", function () {
      if (start.getAttribute("data-restart")) {
        start.removeAttribute("data-restart");
        held = 0;
        timer.classList.remove("timer-ended");
        show();
      }
      var left = hold;
      start.hidden = true;
      stop.hidden = false;
      status.textContent = "Holding: " + stages[held] + ".";
      ticking = setInterval(function () {
        left -= 1;
        display.textContent = clock(Math.max(left, 0));
        if (left <= 0) {
          clearInterval(ticking);
          ticking = null;
          tone();
          held += 1;
          if (held >= stages.length) {
            finish("Done: all " + stages.length + " stances held for " + hold + " seconds. It is in the form below.");
            return;
          }
          stop.hidden = true;
          start.hidden = false;
          status.textContent = "Held. Next: " + stages[held] + ".";
          fill("stage", String(held));
          show();
        }
      }, 1000);
    });
    stop.addEventListener("click", function () {
      finish("Stopped at " + stages[held] + ": " + held + " stance" + (held === 1 ? "" : "s") +
             " held. It is in the form below.");
    });
  });
})();
