// "Đọc to": reads the declaration aloud in Vietnamese with the browser's own speech synthesis,
// so a citizen who cannot read it confirms what was written before signing. The text stays on
// screen. No inline script (CSP), nothing fetched from elsewhere.
//
// Only a Vietnamese voice reads: another language's voice would spell the words out wrongly,
// and a browser without any voice accepts the text and says nothing, with no event at all. So
// the voice is looked for first, and when there is none, or speech has not started a few
// seconds later, the officer is told to read the large print to the citizen instead.
(function () {
  "use strict";
  var speech = window.speechSynthesis;
  var VOICES_WAIT_MS = 1500;  // Chrome lists its voices asynchronously, once per page
  var START_WAIT_MS = 5000;   // a voice that has not begun by then will not

  function lines(element) {
    // One utterance per line: Chrome stops long utterances after about fifteen seconds.
    return element.innerText.split(/\n+/).map(function (line) {
      return line.replace(/[.\u2026]{3,}/g, " ").replace(/\s+/g, " ").trim();
    }).filter(function (line) { return line.length > 0; });
  }

  function vietnameseVoice() {
    var voices = speech.getVoices ? speech.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().replace("_", "-").indexOf("vi") === 0) {
        return voices[i];
      }
    }
    return null;
  }

  // Calls back with the Vietnamese voice, or null once the voices are known not to have one.
  function findVoice(callback) {
    var voice = vietnameseVoice();
    if (voice || (speech.getVoices && speech.getVoices().length)) {
      callback(voice);
      return;
    }
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      speech.removeEventListener("voiceschanged", finish);
      callback(vietnameseVoice());
    }
    if (speech.addEventListener) speech.addEventListener("voiceschanged", finish);
    window.setTimeout(finish, VOICES_WAIT_MS);
  }

  function setStatus(text) {
    var status = document.querySelector("[data-read-status]");
    if (status) status.textContent = text;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var start = document.querySelector("[data-read-aloud]");
    var stop = document.querySelector("[data-read-stop]");
    if (!start) return;
    var target = document.querySelector(start.getAttribute("data-read-aloud"));
    var run = 0;  // each click starts a new run; events of an older run are ignored

    function reading(on) {
      if (stop) stop.hidden = !on;
      start.disabled = on;
      if (!on && document.activeElement === stop) start.focus();
      if (on && stop) stop.focus();
    }

    // No voice: say so and hand the officer the text, in large print on this page.
    function noVoice() {
      reading(false);
      setStatus(start.getAttribute("data-no-voice"));
      if (target) {
        target.setAttribute("tabindex", "-1");
        target.focus();
      }
    }

    if (!speech || typeof window.SpeechSynthesisUtterance !== "function" || !target) {
      start.disabled = true;
      setStatus(start.getAttribute("data-unsupported"));
      return;
    }

    start.addEventListener("click", function () {
      speech.cancel();
      var current = ++run;
      setStatus(start.getAttribute("data-preparing"));
      findVoice(function (voice) {
        if (current !== run) return;
        if (!voice) {
          noVoice();
          return;
        }
        var parts = lines(target);
        var started = false;
        parts.forEach(function (text, index) {
          var utterance = new window.SpeechSynthesisUtterance(text);
          utterance.lang = voice.lang || "vi-VN";
          utterance.voice = voice;
          utterance.rate = 0.9;
          utterance.onstart = function () { started = true; };
          utterance.onerror = function (event) {
            // "interrupted"/"canceled" come from our own stop; anything else ends the run.
            if (current !== run || event.error === "interrupted" || event.error === "canceled") return;
            run++;
            speech.cancel();
            noVoice();
          };
          if (index === parts.length - 1) {
            utterance.onend = function () {
              if (current !== run) return;
              reading(false);
              setStatus(start.getAttribute("data-done"));
            };
          }
          speech.speak(utterance);
        });
        reading(true);
        setStatus(start.getAttribute("data-reading"));
        window.setTimeout(function () {
          if (current === run && !started) {
            run++;
            speech.cancel();
            noVoice();
          }
        }, START_WAIT_MS);
      });
    });

    if (stop) {
      stop.addEventListener("click", function () {
        run++;
        speech.cancel();
        reading(false);
        setStatus(start.getAttribute("data-stopped"));
        start.focus();
      });
    }
  });
})();
