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

  // 3. A static widget twin switches frames with an ipywidgets Stack linked to its controls. The
  //    manager's StackView throws away the shown frame's view and builds a new one on every change,
  //    asynchronously; when changes come faster than views are built (a quick slider sweep), a late
  //    step acts on a view that is already gone and the page logs "Cannot read properties of null
  //    (reading 'processLuminoMessage')" (a resize message posted to a removed frame) or "… (reading
  //    'widgets')" (a frame added to a removed inner stack). Instead, each Stack builds the views of
  //    all its children once and only shows the selected one, so nothing is removed while a
  //    reader moves a control. The patch is applied when the controls module is defined, before any
  //    view exists (views bind update_children when they are created).
  function patchStackView(controls) {
    var StackView = controls && controls.StackView;
    if (!StackView || StackView.prototype.lessonsShowsSelectedOnly) {
      return;
    }
    StackView.prototype.update_children = function () {
      var view = this;
      if (!view.children_views) {
        return;
      }
      view.children_views
        .update(view.model.get("children"))
        .then(function (views) {
          var selected = view.model.get("selected_index");
          views.forEach(function (child, index) {
            var widget = child && child.luminoWidget;
            if (widget && !widget.isDisposed) {
              widget.setHidden(index !== selected);
            }
          });
        })
        .catch(function (error) {
          console.error("lessons: could not show the selected frame", error);
        });
    };
    StackView.prototype.lessonsShowsSelectedOnly = true;
  }

  // require.js assigns the global `define` (it checks first that none exists); wrap what it assigns
  // so that the factory of "@jupyter-widgets/controls" is patched as it runs.
  var amdDefine;
  function define(name, deps, factory) {
    if (name === "@jupyter-widgets/controls" && typeof factory === "function") {
      var original = factory;
      factory = function () {
        var exported = original.apply(this, arguments);
        patchStackView(exported);
        return exported;
      };
      return amdDefine.call(this, name, deps, factory);
    }
    return amdDefine.apply(this, arguments);
  }
  Object.defineProperty(window, "define", {
    configurable: true,
    enumerable: true,
    get: function () {
      return amdDefine === undefined ? undefined : define;
    },
    set: function (value) {
      amdDefine = value;
    },
  });
})();
