// "Was this helpful?": after "No" the optional comment opens; the answer is sent with fetch and thanked for in
// place. Without JavaScript, or when the endpoint does not answer JSON to this page, the form posts as usual.
(function () {
  var form = document.querySelector("form.feedback");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var comment = form.querySelector(".feedback__comment");
  var send = form.querySelector(".feedback__send");
  var question = form.querySelector(".feedback__question");
  var status = form.querySelector(".feedback__status");
  comment.hidden = true;

  function postPlainly(answer) {
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "answer";
    field.value = answer;
    form.appendChild(field);
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    var answer = event.submitter ? event.submitter.value : "no";
    event.preventDefault();
    if (answer === "no" && comment.hidden) {
      comment.hidden = false;
      send.hidden = false;
      comment.querySelector("textarea").focus();
      return;
    }
    var data = new URLSearchParams(new FormData(form));
    data.set("answer", answer);
    fetch(form.action, { method: "POST", body: data, credentials: "omit", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function () {
        question.hidden = true;
        comment.hidden = true;
        status.textContent = form.dataset.thanks;
      })
      .catch(function () { postPlainly(answer); });
  });
})();
