// What every timer in Ossify shares (Today's hold timers, the strength and balance tests): a short tone she can
// switch off (remembered on this device), and a clock face "m:ss". Loaded before the page's own timer script.
(function () {
  var audio = null;
  var soundBox = null;
  function sound(box) {
    soundBox = box;
    if (!box) { return; }
    var holder = box.closest(".timer-sound");
    if (holder) { holder.hidden = false; }
    try { box.checked = localStorage.getItem("ossify-timer-sound") !== "off"; } catch (e) { /* private mode */ }
    box.addEventListener("change", function () {
      try { localStorage.setItem("ossify-timer-sound", box.checked ? "on" : "off"); } catch (e) { /* ignore */ }
    });
  }
  function tone() {
    if (soundBox && !soundBox.checked) { return; }
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    audio = audio || new Context();
    var osc = audio.createOscillator();
    var gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.6);
  }
  function clock(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }
  window.OssifyTimers = { sound: sound, tone: tone, clock: clock };
})();
