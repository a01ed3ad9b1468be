(function () {
  // Show the department or the member list only when that choice is taken; the form works without it.
  var radios = document.querySelectorAll('input[name="audience"]');
  function update() {
    var chosen = document.querySelector('input[name="audience"]:checked');
    var value = chosen ? chosen.value : "";
    document.querySelectorAll("[data-audience-field]").forEach(function (el) {
      el.hidden = el.getAttribute("data-audience-field") !== value && !el.querySelector(".is-invalid");
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
