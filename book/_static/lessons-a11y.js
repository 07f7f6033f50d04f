// Accessibility fixes for markup made by third-party components, applied in the reader's browser.
// (tests/test_browser.py runs axe-core on every page; these are the gaps it finds in those components.)
(function () {
  // 1. Slider handles drawn by the Jupyter widgets manager have role="slider" but no name:
  //    name each one after its widget's visible label.
  function nameSliders(root) {
    root.querySelectorAll('[role="slider"]:not([aria-label])').forEach(function (handle) {
      var widget = handle.closest(".widget-slider, .jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      var text = label && label.textContent.trim();
      handle.setAttribute("aria-label", text || "Slider");
    });
  }
  // 2. The bibliography is a role="list" whose entries carry a retired ARIA role; make them list items.
  function fixCitationLists(root) {
    root.querySelectorAll('.citation-list[role="list"] > .citation').forEach(function (entry) {
      entry.setAttribute("role", "listitem");
    });
  }
  // 3. The sidebar's expand/collapse toggles are <summary> elements holding only an icon:
  //    name each after the page whose sub-pages it shows.
  function nameToggles(root) {
    root.querySelectorAll("summary").forEach(function (toggle) {
      if (toggle.textContent.trim() || toggle.hasAttribute("aria-label")) return;
      var item = toggle.closest("li");
      var link = item && item.querySelector("a");
      var title = link ? link.textContent.trim() : "this section";
      toggle.setAttribute("aria-label", "Show or hide the pages under " + title);
    });
  }
  function fix(root) {
    nameSliders(root);
    fixCitationLists(root);
    nameToggles(root);
  }
  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    new MutationObserver(function () {
      nameSliders(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
