// Validation messages in the page's language; without JavaScript the browser's own messages apply.
(function () {
  var form = document.querySelector("form[data-error-required]");
  if (!form) return;
  function message(field) {
    if (field.validity.valueMissing) return form.dataset.errorRequired;
    if (field.validity.typeMismatch) return form.dataset.errorEmail;
    return "";
  }
  form.addEventListener("invalid", function (event) {
    event.target.setCustomValidity(message(event.target));
  }, true);
  form.addEventListener("input", function (event) {
    event.target.setCustomValidity("");
  });
})();
