/* Show only the fields of the chosen recipient kind and award kind. A hidden fieldset is disabled, so its
   values are not posted; without this script every field shows and the server explains. */
(function () {
  var form = document.getElementById("award-form");
  function update() {
    var checked = form.querySelector("input[name=recipient_kind]:checked");
    var kind = checked ? checked.value : "members";
    form.querySelectorAll("[data-recipients]").forEach(function (fieldset) {
      var shown = fieldset.dataset.recipients === kind;
      fieldset.hidden = !shown;
      fieldset.disabled = !shown;
    });
  }
  /* A published paper has no status to choose (it is published) and names its journal. */
  function updateKind() {
    var kind = form.querySelector("[name=kind]").value;
    form.querySelectorAll("[data-if-kind]").forEach(function (box) {
      box.hidden = box.dataset.ifKind !== kind;
    });
    form.querySelectorAll("[data-unless-kind]").forEach(function (box) {
      box.hidden = box.dataset.unlessKind === kind;
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "recipient_kind") update();
    if (event.target.name === "kind") updateKind();
  });
  update();
  updateKind();
})();
