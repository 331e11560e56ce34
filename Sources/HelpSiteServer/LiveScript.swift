import HelpCore

/// The script `serve` adds to every page: reloads after a rebuild that touched it, and shows build errors
/// as an overlay until they are fixed. Never part of `helpsite build` output.
enum LiveScript {
    static let tag = "<script src=\"/__helpsite/live.js\" defer></script>\n"

    static let source = """
    (function () {
      "use strict";
      var overlay = null;
      function show(items) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "helpsite-build-errors";
        overlay.setAttribute("role", "alert");
        overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
        var title = document.createElement("h2");
        title.textContent = "helpsite: the last change broke the build";
        title.style.cssText = "font:bold 18px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4b4";
        overlay.appendChild(title);
        items.forEach(function (item) {
          var line = document.createElement("pre");
          line.textContent = item.text;
          line.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem";
          overlay.appendChild(line);
        });
        var note = document.createElement("p");
        note.textContent = "Still showing the last good version. This clears when the error is fixed.";
        overlay.appendChild(note);
        document.body.appendChild(overlay);
      }
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      var events = new EventSource("/__helpsite/events");
      events.addEventListener("reload", function (event) {
        var paths = JSON.parse(event.data);
        var here = decodeURI(location.pathname);
        if (paths.indexOf("*") >= 0 || paths.some(function (path) { return decodeURI(path) === here; })) {
          location.reload();
        }
      });
      events.addEventListener("failed", function (event) { show(JSON.parse(event.data)); });
      events.addEventListener("recovered", hide);
    })();
    """
}
