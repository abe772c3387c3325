// Officer workspace, keyboard first: Alt+<key> presses the button marked data-key, "/" jumps
// to the search box, the e-form copies what the applicant fields already say, the checklist
// ticks a line when its scan is attached. Everything works without this file.
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

  // Copy applicant values into the e-form fields marked data-prefill="applicant.<name>",
  // unless the officer typed something else there.
  document.querySelectorAll("[data-prefill]").forEach(function (field) {
    var source = document.getElementById("id_" + field.dataset.prefill.replace("applicant.", ""));
    if (!source) { return; }
    var copy = function () {
      if (field.value === "" || field.dataset.copied === field.value) {
        field.value = source.value;
        field.dataset.copied = source.value;
      }
    };
    source.addEventListener("change", copy);
    copy();
  });

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

  // Show the organisation's fields only for an organisation applicant.
  var organisation = document.querySelector("[data-organisation]");
  var kinds = document.querySelectorAll('input[name="kind"]');
  var sync = function () {
    var chosen = document.querySelector('input[name="kind"]:checked');
    if (organisation) { organisation.hidden = !chosen || chosen.value !== "organisation"; }
  };
  kinds.forEach(function (radio) { radio.addEventListener("change", sync); });
  if (organisation && kinds.length) { sync(); }
})();
