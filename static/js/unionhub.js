/* Behaviour every page may use, declared in the markup with data attributes, so that no
 * page needs an inline script or an on…= handler (the Content-Security-Policy forbids
 * both):
 *
 *   data-autosubmit        on a <select>: submits its form when the choice changes
 *   data-confirm="…"       on a button or link: asks first, does nothing if declined
 *   data-print             on a button or link: opens the print dialog
 *   data-bar-width="40"    on a progress bar: its width in per cent
 *   data-scroll-active     on a sideways-scrolling nav: brings its .active link into view
 */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (!select || !select.form) return;
    if (select.form.requestSubmit) {
      select.form.requestSubmit();
    } else {
      select.form.submit();
    }
  });

  // Capture phase: the question comes before htmx or any other handler sees the click.
  document.addEventListener(
    "click",
    function (event) {
      var asking = event.target.closest("[data-confirm]");
      if (asking && !window.confirm(asking.getAttribute("data-confirm"))) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      if (event.target.closest("[data-print]")) {
        event.preventDefault();
        window.print();
      }
    },
    true,
  );

  // The elements in root (root itself included) that match selector.
  function within(root, selector) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) found.unshift(root);
    return found;
  }

  function enhance(root) {
    within(root, "[data-bar-width]").forEach(function (bar) {
      bar.style.width = bar.getAttribute("data-bar-width") + "%";
    });
    within(root, "[data-scroll-active]").forEach(function (nav) {
      var active = nav.querySelector(".active");
      if (active) {
        nav.scrollLeft +=
          active.getBoundingClientRect().left -
          nav.getBoundingClientRect().left -
          (nav.clientWidth - active.offsetWidth) / 2;
      }
    });
  }

  enhance(document);
  // Content htmx swaps in gets the same treatment.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
