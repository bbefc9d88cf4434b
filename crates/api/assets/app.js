// Projektsök: small progressive enhancement. Every page works without it.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  // Ticking a facet checkbox or changing the sort submits the search form at once.
  form.addEventListener("change", function (ev) {
    var t = ev.target;
    if (!t) return;
    var facet = t.type === "checkbox" && t.closest && t.closest(".facet");
    var sort = t.hasAttribute && t.hasAttribute("data-autosubmit");
    if (!facet && !sort) return;
    // A new filter or order starts at page 1 (the form has no page field).
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
  // On a phone the filters come before the hits: fold the boxes without a selection.
  if (window.matchMedia && window.matchMedia("(max-width: 52rem)").matches) {
    var boxes = form.querySelectorAll("details.facet:not([data-selected])");
    for (var i = 0; i < boxes.length; i++) boxes[i].open = false;
  }
})();
