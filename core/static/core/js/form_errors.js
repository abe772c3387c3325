// After a refused form the focus goes to the first thing to correct (DESIGN.md: "a failed form
// keeps everything typed and jumps to the first error"): the first field marked invalid, else
// the summary of errors (its links lead to the fields), else the field beside the first error
// message. A page without errors is left alone, and so is a field the server already focused.
(function () {
  "use strict";

  function shown(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
  }

  function focusable(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    return element;
  }

  function firstError(main) {
    var fields = main.querySelectorAll('[aria-invalid="true"]');
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].disabled && fields[i].type !== "hidden" && shown(fields[i])) { return fields[i]; }
    }
    var summary = main.querySelector(".form-errors");
    if (summary && shown(summary)) { return focusable(summary); }
    var message = main.querySelector(".errorlist");
    if (!message || !shown(message)) { return null; }
    var holder = message.closest(".field, fieldset, form");
    var field = holder && holder.querySelector("input:not([type=hidden]), select, textarea");
    return field && shown(field) ? field : focusable(message);
  }

  var main = document.querySelector("main") || document.body;
  var target = firstError(main);
  var active = document.activeElement;
  if (!target || (active && active.getAttribute("aria-invalid") === "true")) { return; }
  target.focus();
  if (target.scrollIntoView) { target.scrollIntoView({ block: "center" }); }
})();
