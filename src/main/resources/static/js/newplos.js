// The admin UI's few behaviours, as a file: the Content-Security-Policy allows no inline script, no
// handler attributes and no eval (htmx's allowEval is off too), so markup someone manages to inject
// cannot run anything. Wired by data attributes, so it also works on content htmx swaps in.
(function () {
  "use strict";

  // <button data-confirm="Question?">: submit only if the user confirms.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // <input type="file" data-max-bytes="N">: say at once when a file is too large, and keep the form from sending it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) {
      return;
    }
    var limit = Number(input.getAttribute("data-max-bytes"));
    var file = input.files[0];
    var message = document.getElementById(input.getAttribute("data-size-message") || "file-size");
    if (file && file.size > limit) {
      message.textContent = "This file is " + (file.size / 1048576).toFixed(1) + " MB; the limit is "
          + Math.round(limit / 1048576) + " MB. Split it into smaller files.";
      input.setCustomValidity(message.textContent);
    } else {
      message.textContent = "";
      input.setCustomValidity("");
    }
  });

  // <form data-upload-progress="progress-id" data-upload-progress-text="text-id">: htmx upload progress.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload-progress]") : null;
    if (!form || !event.detail.lengthComputable) {
      return;
    }
    var bar = document.getElementById(form.getAttribute("data-upload-progress"));
    var text = document.getElementById(form.getAttribute("data-upload-progress-text"));
    bar.value = Math.round(event.detail.loaded * 100 / event.detail.total);
    text.textContent = bar.value + "% uploaded" + (bar.value === 100 ? ", checking rows…" : "");
  });
})();
