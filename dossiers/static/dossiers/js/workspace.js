// Officer workspace, keyboard first: Alt+<key> presses the button marked data-key, "/" jumps
// to the search box, the e-form copies what the applicant fields already say, the checklist
// ticks a line when its scan is attached, the reception reads the ID card in place. Everything
// works without this file.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "/" && !typing && !event.altKey && !event.ctrlKey && !event.metaKey) {
      var search = document.querySelector("[data-search]");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.length === 1) {
      var target = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
      if (target) { event.preventDefault(); target.click(); }
    }
  });

  // An error or refusal notice takes the focus so a screen reader reads it first.
  var notice = document.querySelector("[data-focus]");
  if (notice && !document.querySelector("[autofocus]")) { notice.focus(); }

  var tickAll = document.querySelector("[data-tick-all]");
  if (tickAll) {
    tickAll.hidden = false;
    tickAll.addEventListener("click", function () {
      document.querySelectorAll('.checklist input[type="checkbox"]').forEach(function (box) { box.checked = true; });
    });
  }
  document.querySelectorAll('.checklist input[type="file"]').forEach(function (input) {
    input.addEventListener("change", function () {
      var box = input.closest(".checklist__item").querySelector('input[type="checkbox"]');
      if (box && input.files.length) { box.checked = true; }
    });
  });

  // Within the applicant block, which the reception swaps after a scan: copy applicant values
  // into the e-form fields marked data-prefill="applicant.<name>" (unless the officer typed
  // something else there), show the organisation's fields only for an organisation, and hide
  // the no-JavaScript "fill in" button, since ticking the consent box does it.
  function bind(root) {
    root.querySelectorAll("[data-prefill]").forEach(function (field) {
      var source = document.getElementById("id_" + field.dataset.prefill.replace("applicant.", ""));
      if (!source) { return; }
      if (field.value === source.value) { field.dataset.copied = source.value; }
      var copy = function () {
        if (field.value === "" || field.dataset.copied === field.value) {
          field.value = source.value;
          field.dataset.copied = source.value;
        }
      };
      source.addEventListener("change", copy);
      copy();
    });
    var organisation = root.querySelector("[data-organisation]");
    var kinds = root.querySelectorAll('input[name="kind"]');
    var sync = function () {
      var chosen = root.querySelector('input[name="kind"]:checked');
      if (organisation) { organisation.hidden = !chosen || chosen.value !== "organisation"; }
    };
    kinds.forEach(function (radio) { radio.addEventListener("change", sync); });
    if (organisation && kinds.length) { sync(); }
    root.querySelectorAll("[data-reuse-submit]").forEach(function (button) { button.hidden = true; });
  }
  bind(document);

  // The focus goes where the next action is: the field the server marked, else the first
  // unticked document, else the accept button.
  function focusNext(root) {
    var form = root.closest("form");
    var target = root.querySelector("[autofocus]") ||
      form.querySelector('.checklist input[type="checkbox"]:not(:checked)') ||
      form.querySelector('button[name="decision"][value="accept"]:not([hidden])');
    if (target) { target.focus(); if (target.select && target.type === "text") { target.select(); } }
  }

  // Reception: a USB scanner types the ID card's QR text and Enter into the scan field. Enter
  // there sends the whole form (files stay in the page) to the server, which answers with the
  // applicant block filled; ticking the consent box fills in the data already held the same
  // way. If the request fails, the form is posted as a whole page instead.
  function refresh(decision) {
    stopCamera(); // the block and its camera panel are about to be replaced
    var block = document.querySelector("[data-applicant-block]");
    var form = block.closest("form");
    var body = new FormData(form);
    form.querySelectorAll('input[type="file"]').forEach(function (input) { body.delete(input.name); });
    body.set("decision", decision);
    block.setAttribute("aria-busy", "true");
    fetch(block.dataset.refreshUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fresh = holder.querySelector("[data-applicant-block]");
      block.replaceWith(fresh);
      bind(fresh);
      bindCamera(fresh);
      focusNext(fresh);
    }).catch(function () {
      var button = form.querySelector('button[name="decision"][value="' + decision + '"]');
      if (button) { button.hidden = false; form.requestSubmit(button); }
    });
  }
  // Reception without a USB scanner: the webcam. The browser's own QR reader (BarcodeDetector)
  // reads the picture where there is one; elsewhere one still at a time goes to the server,
  // which finds the code in memory and keeps nothing. The text found goes into the scan field
  // and is read like a scanner's, so a wrong code gets the same message.
  var camera = null; // the camera being opened or running: one at a time
  var LOCAL_EVERY_MS = 300;
  var SERVER_EVERY_MS = 700; // each still costs the server a decode
  var MAX_FAILURES = 5;
  var MAX_WIDTH = 960;

  function stopCamera() {
    if (!camera) { return; }
    if (camera.stream) { camera.stream.getTracks().forEach(function (track) { track.stop(); }); }
    clearTimeout(camera.timer);
    camera.panel.hidden = true;
    camera = null;
  }

  function found(text) {
    stopCamera();
    var scanField = document.querySelector("[data-scan]");
    scanField.value = text;
    refresh("scan");
  }

  function localReader() {
    if (!("BarcodeDetector" in window)) { return Promise.resolve(null); }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      return formats.indexOf("qr_code") >= 0 ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    }).catch(function () { return null; });
  }

  // One still to the server. It answers 200 with the text found ("" for none) or 400 with a
  // message; anything else (a session that expired, a refused token) ends the scanning.
  function askServer(current) {
    var video = current.video;
    var canvas = document.createElement("canvas");
    var scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.85); }).then(function (blob) {
      var form = current.panel.closest("form");
      var body = new FormData();
      body.append("frame", blob, "frame.jpg");
      body.append("csrfmiddlewaretoken", form.querySelector('[name="csrfmiddlewaretoken"]').value);
      return fetch(current.panel.dataset.frameUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" });
    }).then(function (response) {
      if (response.status !== 200 && response.status !== 400) {
        current.failures = MAX_FAILURES;
        throw { fromServer: false };
      }
      return response.json();
    }).then(function (answer) {
      if (answer.error) { throw { fromServer: true, message: answer.error }; }
      return answer.text;
    });
  }

  function look(current) {
    if (camera !== current) { return; }
    var next = function () {
      if (camera === current) {
        current.timer = setTimeout(function () { look(current); }, current.reader ? LOCAL_EVERY_MS : SERVER_EVERY_MS);
      }
    };
    if (current.video.readyState < 2 || !current.video.videoWidth) { next(); return; }
    var reading = current.reader
      ? current.reader.detect(current.video).then(function (codes) { return codes.length ? codes[0].rawValue : ""; })
      : askServer(current);
    reading.then(function (text) {
      if (camera !== current) { return; }
      current.failures = 0;
      if (text) { found(text); } else { next(); }
    }).catch(function (error) {
      if (camera !== current) { return; }
      current.failures += 1;
      current.status.textContent = error && error.fromServer ? error.message : current.panel.dataset.failed;
      if (current.failures >= MAX_FAILURES) {
        stopCamera();
        current.panel.hidden = false; // keep the message on screen
        current.status.textContent = current.panel.dataset.failed;
      } else {
        next();
      }
    });
  }

  function startCamera(button) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    var panel = button.closest("[data-applicant-block]").querySelector("[data-camera]");
    stopCamera();
    var current = {
      panel: panel, status: panel.querySelector("[data-camera-status]"), video: panel.querySelector("video"),
      stream: null, reader: null, timer: null, failures: 0
    };
    camera = current;
    panel.hidden = false;
    current.status.textContent = "";
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false })
      .then(function (stream) {
        // Turned off (or started again) while the browser was asking: let this camera go.
        if (camera !== current) { stream.getTracks().forEach(function (track) { track.stop(); }); return null; }
        current.stream = stream;
        return localReader().then(function (reader) {
          if (camera !== current) { return null; }
          current.reader = reader;
          current.video.srcObject = stream;
          current.status.textContent = panel.dataset.looking;
          return current.video.play().then(function () { look(current); });
        });
      })
      .catch(function () {
        if (camera === current) { current.status.textContent = panel.dataset.denied; }
      });
  }

  function bindCamera(root) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    root.querySelectorAll("[data-camera-start]").forEach(function (button) { button.hidden = false; });
  }
  bindCamera(document);
  // "Turn the camera off" or Esc: back to the scan field, for the scanner or typing.
  function turnOff() {
    stopCamera();
    var scanField = document.querySelector("[data-scan]");
    if (scanField) { scanField.focus(); }
  }
  document.addEventListener("click", function (event) {
    var start = event.target.closest("[data-camera-start]");
    if (start) { event.preventDefault(); startCamera(start); return; }
    if (event.target.closest("[data-camera-stop]")) { event.preventDefault(); turnOff(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && camera) { turnOff(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-scan]")) {
      event.preventDefault();
      if (event.target.value.trim()) { refresh("scan"); }
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest('[data-applicant-block] button[name="decision"][value="scan"]');
    if (button && !event.defaultPrevented) {
      event.preventDefault();
      var scanField = document.querySelector("[data-scan]");
      if (scanField && scanField.value.trim()) { refresh("scan"); } else if (scanField) { scanField.focus(); }
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-reuse-consent]")) { refresh("reuse"); return; }
    // Choosing between the card's and the registry's value puts it in the applicant field.
    var pick = event.target.closest("[data-pick]");
    if (pick && event.target.checked) {
      var field = document.getElementById("id_" + pick.dataset.pick);
      if (field) { field.value = event.target.value === "stored" ? pick.dataset.stored : pick.dataset.card; }
    }
  });
})();
