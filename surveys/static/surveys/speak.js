// Reads the rating page aloud with the browser's own speech synthesis, for citizens who cannot
// read it. An enhancement only: without it (or without a Vietnamese voice) the page works the
// same, and the button stays hidden.
(function () {
  "use strict";
  if (!("speechSynthesis" in window)) return;
  function say(texts) {
    window.speechSynthesis.cancel();
    texts.forEach(function (text) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "vi-VN";
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-speak-all]");
    var parts = Array.prototype.map.call(document.querySelectorAll("[data-speak]"), function (el) {
      return el.textContent.trim();
    });
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { say(parts); });
    }
    // On the counter's screen, each answer is read when it gets the focus or the finger.
    if (document.body.classList.contains("kiosk")) {
      document.querySelectorAll(".rate-button").forEach(function (el) {
        el.addEventListener("focus", function () { say([el.textContent.trim()]); });
      });
    }
  });
})();
