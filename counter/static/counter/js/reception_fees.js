// Reception fees: while the officer types the pages, copies or items (or the declaration's
// fields a fee reads them from), the server computes each fee (counter:reception_fees) and the
// amounts change in place. The rules live on the server only; without JavaScript the
// "Recompute the fees" button does the same with a whole-page post.
(function () {
  "use strict";
  var section = document.querySelector("[data-fees]");
  if (!section) { return; }
  var form = section.closest("form");
  var timer = null;
  var sent = 0;

  function update(answer) {
    answer.fees.forEach(function (fee) {
      var line = section.querySelector('[data-fee="' + fee.id + '"]');
      if (!line) { return; }
      line.querySelector("[data-fee-computed]").textContent = fee.computed;
      line.querySelector("[data-fee-message]").textContent = fee.message;
    });
    var total = section.querySelector("[data-fee-total]");
    if (total) { total.textContent = answer.total; }
  }

  function recompute() {
    var body = new FormData(form);
    form.querySelectorAll('input[type="file"]').forEach(function (input) { body.delete(input.name); });
    var number = ++sent;
    fetch(section.dataset.feesUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      if (number === sent) { update(answer); } // an older answer never overwrites a newer one
    }).catch(function () { /* the button still recomputes */ });
  }

  // The declaration's fields a fee reads its quantities from count too.
  var watched = "[data-fee-input]";
  var linked = section.dataset.feeLinked;
  if (linked) { watched += ", " + linked; }
  form.addEventListener("input", function (event) {
    if (!event.target.matches(watched)) { return; }
    clearTimeout(timer);
    timer = setTimeout(recompute, 250);
  });
  var button = section.querySelector("[data-fee-recompute]");
  if (button) { button.hidden = true; }
})();
