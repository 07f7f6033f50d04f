// Lets the vendored Jupyter widgets manager and MathJax 3 work together with no CDN.
// Loaded before require.js and the widgets manager on every page that shows widgets
// (see nb_ipywidgets_js in _config.yml).
(function () {
  var staticFolder = document.currentScript.src.replace(/[^/]*$/, "");
  var managerFolder = staticFolder + "vendor/html-manager";

  // 1. The widgets manager's modules find their icon fonts next to their own AMD ids
  //    ("@jupyter-widgets/html-manager/dist/libembed-amd", "@jupyter-widgets/controls", …);
  //    point those ids at the vendored folder, which holds the fonts. A global `require`
  //    object is read by require.js as its configuration (the longest matching path wins).
  window.require = {
    paths: {
      "@jupyter-widgets": managerFolder,
      "@jupyter-widgets/html-manager/dist": managerFolder,
    },
  };
  window.__jupyter_widgets_assets_path__ = managerFolder + "/";

  // 2. The widgets manager typesets labels with the MathJax 2 call MathJax.Hub.Queue; the book
  //    serves MathJax 3, so every MathJax object gets that one call, mapped to typesetPromise.
  var hub = {
    Queue: function (job) {
      var element = Array.isArray(job) ? job[2] : undefined;
      var mathjax = window.MathJax;
      if (element && mathjax && mathjax.typesetPromise) {
        mathjax.typesetPromise([element]);
      }
    },
  };
  var current = window.MathJax;
  function withHub(value) {
    if (value && typeof value === "object" && value.Hub === undefined) {
      value.Hub = hub;
    }
    return value;
  }
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = withHub(value);
    },
  });
  current = withHub(current || {});
})();
