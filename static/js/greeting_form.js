/* The festival greeting form (activities/welfare/greeting_form.html). */
(function () {
  // Proposes the festival's date of the year in "date given", unless a date was typed by hand.
  var form = document.getElementById("greeting-form");
  var festival = form.querySelector("[name=festival]");
  var year = form.querySelector("[name=year]");
  var given = form.querySelector("[name=given_on]");
  function proposed() {
    var row = document.querySelector("#festival-dates [data-festival='" + festival.value + "']");
    return row ? row.getAttribute("data-date") : "";
  }
  var automatic = !given.value || given.value === proposed();
  given.addEventListener("input", function () { automatic = !given.value; });
  function propose() {
    if (automatic) { given.value = proposed(); }
  }
  festival.addEventListener("change", propose);
  year.addEventListener("change", function () {
    // The dates of another year come from the server (lunar festivals move every year).
    fetch(window.location.pathname + "?year=" + encodeURIComponent(year.value), {credentials: "same-origin"})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("festival-dates");
        if (fresh) { document.getElementById("festival-dates").replaceWith(fresh); propose(); }
      });
  });
})();
