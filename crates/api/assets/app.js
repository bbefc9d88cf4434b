// Projektsök: small progressive enhancement. Every page works without it.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var KEY = "projektsok-focus";
  // Ticking a facet checkbox or changing the sort submits the search form at once.
  form.addEventListener("change", function (ev) {
    var t = ev.target;
    if (!t) return;
    var facet = t.type === "checkbox" && t.closest && t.closest(".facet");
    var sort = t.hasAttribute && t.hasAttribute("data-autosubmit");
    if (!facet && !sort) return;
    // Keyboard users get the focus back on the same control after the reload.
    try { sessionStorage.setItem(KEY, JSON.stringify([t.name, facet ? t.value : ""])); } catch (e) {}
    // A new filter or order starts at page 1 (the form has no page field).
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
  try {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (saved) {
      var els = form.elements;
      for (var i = 0; i < els.length; i++) {
        var el = els[i];
        if (el.name === saved[0] && (saved[1] === "" || el.value === saved[1])) {
          var box = el.closest && el.closest("details");
          if (box) box.open = true;
          el.focus();
          break;
        }
      }
    }
  } catch (e) {}
  // On a phone the filters come before the hits: fold the boxes without a selection.
  if (window.matchMedia && window.matchMedia("(max-width: 52rem)").matches) {
    var boxes = form.querySelectorAll("details.facet:not([data-selected])");
    for (var j = 0; j < boxes.length; j++) {
      if (!boxes[j].contains(document.activeElement)) boxes[j].open = false;
    }
  }
})();
