// "Đọc to": reads the declaration aloud in Vietnamese with the browser's own speech synthesis,
// so a citizen who cannot read it confirms what was written before signing. The text stays on
// screen. No inline script (CSP), nothing fetched from elsewhere.
(function () {
  "use strict";
  var speech = window.speechSynthesis;

  function lines(element) {
    // One utterance per line: Chrome stops long utterances after about fifteen seconds.
    return element.innerText.split(/\n+/).map(function (line) {
      return line.replace(/[.\u2026]{3,}/g, " ").replace(/\s+/g, " ").trim();
    }).filter(function (line) { return line.length > 0; });
  }

  function vietnameseVoice() {
    var voices = speech.getVoices ? speech.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf("vi") === 0) return voices[i];
    }
    return null;
  }

  function setStatus(text) {
    var status = document.querySelector("[data-read-status]");
    if (status) status.textContent = text;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var start = document.querySelector("[data-read-aloud]");
    var stop = document.querySelector("[data-read-stop]");
    if (!start) return;
    if (!speech || typeof window.SpeechSynthesisUtterance !== "function") {
      start.disabled = true;
      setStatus(start.getAttribute("data-unsupported"));
      return;
    }
    start.addEventListener("click", function () {
      var target = document.querySelector(start.getAttribute("data-read-aloud"));
      if (!target) return;
      speech.cancel();
      var voice = vietnameseVoice();
      var parts = lines(target);
      parts.forEach(function (text, index) {
        var utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = "vi-VN";
        utterance.rate = 0.9;
        if (voice) utterance.voice = voice;
        if (index === parts.length - 1) {
          utterance.onend = function () { setStatus(start.getAttribute("data-done")); };
        }
        speech.speak(utterance);
      });
      setStatus(start.getAttribute("data-reading"));
      if (stop) stop.hidden = false;
    });
    if (stop) {
      stop.addEventListener("click", function () {
        speech.cancel();
        stop.hidden = true;
        setStatus(start.getAttribute("data-stopped"));
        start.focus();
      });
    }
  });
})();
