/* The fast member picker (members/pickers.py).
 *
 * Progressive enhancement of a plain <select multiple>: the select stays in the form and
 * keeps the chosen members; this script hides it and shows chips, a pinyin search box
 * (htmx asks the server) and buttons that add a department, the women staff, the
 * retirees or everyone in service (read from the options' data attributes).
 * Each picker is independent: any field name, any number of pickers on a page.
 */
(function () {
  "use strict";
  if (window.UnionHubMemberPicker) {
    window.UnionHubMemberPicker.initAll(document);
    return;
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function init(root) {
    if (root.dataset.pickerReady) return;
    var select = root.querySelector("select");
    var ui = root.querySelector(".member-picker-ui");
    if (!select || !ui) return;
    root.dataset.pickerReady = "1";

    var chips = root.querySelector("[data-picker-chips]");
    var count = root.querySelector("[data-picker-count]");
    var search = root.querySelector("[data-picker-search]");
    var results = root.querySelector("[data-picker-results]");

    select.classList.add("d-none");
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    ui.hidden = false;

    function optionFor(id) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === String(id)) return select.options[i];
      }
      return null;
    }

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
    }

    function render() {
      chips.textContent = "";
      var chosen = 0;
      each(select.options, function (option) {
        if (!option.selected) return;
        chosen += 1;
        var chip = document.createElement("span");
        chip.className = "member-chip badge rounded-pill text-bg-light border fw-normal";
        chip.dataset.memberId = option.value;
        chip.appendChild(document.createTextNode(option.text));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close ms-1";
        remove.dataset.pickerRemove = option.value;
        remove.setAttribute("aria-label", (root.dataset.removeLabel || "×") + " " + option.text);
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      count.textContent = String(chosen);
      markResults();
    }

    function markResults() {
      each(results.querySelectorAll("[data-member-id]"), function (button) {
        var option = optionFor(button.dataset.memberId);
        if (!option) {
          // Not a choice of this field (e.g. a retiree where only staff in service count).
          button.remove();
          return;
        }
        var picked = option.selected;
        button.classList.toggle("active", picked);
        button.toggleAttribute("data-picked", picked);
        button.setAttribute("aria-pressed", picked ? "true" : "false");
      });
    }

    function clearSearch() {
      search.value = "";
      results.textContent = "";
    }

    results.addEventListener("click", function (event) {
      var button = event.target.closest("[data-member-id]");
      if (!button) return;
      var option = optionFor(button.dataset.memberId);
      if (option) {
        option.selected = true;
        changed();
      }
      clearSearch();
      search.focus();
    });

    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter takes the first member found: type "zs", Enter, type the next.
        event.preventDefault();
        var first = results.querySelector("[data-member-id]:not([data-picked])");
        if (first) first.click();
      } else if (event.key === "Escape") {
        clearSearch();
      }
    });

    // htmx swaps the search results into ``results``: mark who is already chosen.
    results.addEventListener("htmx:afterSettle", markResults);

    chips.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-picker-remove]");
      if (!remove) return;
      var option = optionFor(remove.dataset.pickerRemove);
      if (option) {
        option.selected = false;
        changed();
      }
    });

    each(root.querySelectorAll("[data-picker-add]"), function (button) {
      button.addEventListener("click", function () {
        var kind = button.dataset.pickerAdd;
        var added = 0;
        each(select.options, function (option) {
          var data = option.dataset;
          var match =
            (kind === "department" && data.department === button.dataset.department) ||
            (kind === "women" && data.woman === "1" && data.status === "active") ||
            (kind === "retirees" && data.status === "retired") ||
            (kind === "everyone" && data.status === "active");
          if (match && !option.selected) {
            option.selected = true;
            added += 1;
          }
        });
        if (added) changed();
      });
    });

    var clear = root.querySelector("[data-picker-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        each(select.options, function (option) {
          option.selected = false;
        });
        changed();
      });
    }

    select.addEventListener("change", function (event) {
      if (event.isTrusted) render();
    });
    render();
  }

  function initAll(scope) {
    var roots = [];
    if (scope.matches && scope.matches("[data-member-picker]")) roots.push(scope);
    each((scope.querySelectorAll ? scope : document).querySelectorAll("[data-member-picker]"), function (root) {
      roots.push(root);
    });
    roots.forEach(init);
  }

  window.UnionHubMemberPicker = { initAll: initAll };
  initAll(document);
  if (window.htmx) {
    window.htmx.onLoad(function (element) {
      initAll(element);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      initAll(document);
    });
  }
})();
