/* The ethics assessment grid (activities/pledges/ethics_grid.html). */
(function () {
  // The violation box shows once the veto is ticked (or it holds text); without script it always shows.
  document.querySelectorAll("#ethics-grid .grid-row").forEach(function (row) {
    var veto = row.querySelector(".veto");
    var reason = row.querySelector("[data-reason]");
    var input = reason.querySelector("input");
    function update() { reason.hidden = !veto.checked && !input.value && !input.classList.contains("is-invalid"); }
    veto.addEventListener("change", function () { update(); if (veto.checked) { input.focus(); } });
    update();
  });
})();
