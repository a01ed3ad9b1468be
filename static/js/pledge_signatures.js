/* The pledge's signature list: "tick all shown" ticks every row on the page. */
(function () {
  var all = document.getElementById("tick-all");
  if (!all) { return; }
  all.hidden = false;
  all.addEventListener("change", function () {
    document.querySelectorAll("#signatures .tick").forEach(function (box) { box.checked = all.checked; });
  });
})();
