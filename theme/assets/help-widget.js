// helpsite's in-product help widget. A product page includes it from the help site:
//   <script src="https://help.example/assets/help-widget.js" data-lang="nb" defer></script>
// It reads <help site>/<lang>/articles.json (no cookies sent, nothing stored, nothing else contacted) and adds a
// "Help" button that opens a dialog listing the articles whose `contexts:` match this page's path.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var language = script.getAttribute("data-lang") || (document.documentElement.lang || "").split("-")[0];
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language)) return;
  var siteRoot = new URL("../", script.src);

  var css =
    ".hsw{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1f1f1f}" +
    ".hsw-open{position:fixed;inset-block-end:1rem;inset-inline-end:1rem;z-index:2147483000;padding:.6rem 1.1rem;" +
    "border:0;border-radius:999px;background:#0b57d0;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 6px rgba(0,0,0,.3)}" +
    ".hsw-open:focus-visible,.hsw-close:focus-visible,.hsw a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}" +
    ".hsw-open:focus-visible{outline-color:#1f1f1f}" +
    ".hsw-dialog{width:min(28rem,calc(100vw - 2rem));max-height:calc(100vh - 4rem);padding:0;border:0;border-radius:.75rem;" +
    "background:#fff;color:#1f1f1f;box-shadow:0 8px 28px rgba(0,0,0,.35)}" +
    ".hsw-dialog::backdrop{background:rgba(0,0,0,.45)}" +
    ".hsw-head{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:1rem 1.25rem .5rem}" +
    ".hsw-head h2{margin:0;font-size:1.15rem;line-height:1.3}" +
    ".hsw-close{padding:.35rem .8rem;border:1px solid #5f6368;border-radius:.4rem;background:transparent;color:inherit;font:inherit;cursor:pointer}" +
    ".hsw-body{padding:0 1.25rem 1.25rem}" +
    ".hsw ul{list-style:none;margin:0;padding:0}" +
    ".hsw li{padding:.6rem 0;border-block-end:1px solid #dadce0}" +
    ".hsw a{color:#0b57d0;text-decoration:underline}" +
    ".hsw-article{font-weight:600}" +
    ".hsw p{margin:.2rem 0 0}" +
    ".hsw-note,.hsw-description{color:#474747;font-size:.93rem}" +
    ".hsw-search{display:inline-block;margin-block-start:1rem}" +
    "@media (prefers-color-scheme:dark){" +
    ".hsw,.hsw-dialog{color:#e3e3e3}.hsw-dialog{background:#1f1f1f}" +
    ".hsw-open{background:#a8c7fa;color:#062e6f}.hsw-open:focus-visible{outline-color:#fff}" +
    ".hsw a{color:#a8c7fa}.hsw-open:focus-visible,.hsw-close:focus-visible,.hsw a:focus-visible{outline-color:#a8c7fa}" +
    ".hsw-close{border-color:#9aa0a6}.hsw li{border-color:#444746}.hsw-note,.hsw-description{color:#c4c7c5}}";

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function patternMatches(pattern, path) {
    var normalized = pattern.length > 1 ? pattern.replace(/\/$/, "") : pattern;
    var source = normalized.split("*").map(function (part) {
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }).join(".*");
    var expression = new RegExp("^" + source + "$");
    var candidates = [path, path.length > 1 ? path.replace(/\/$/, "") : path];
    try { candidates.push(decodeURI(path)); } catch (error) { /* a malformed escape: match the raw path only */ }
    return candidates.some(function (candidate) { return expression.test(candidate); });
  }

  function matching(articles, path) {
    return articles.filter(function (article) {
      return (article.contexts || []).some(function (pattern) { return patternMatches(pattern, path); });
    });
  }

  function build(data) {
    var strings = data.strings || {};
    var titleID = "hsw-title-" + language;
    var root = element("aside", { "class": "hsw", lang: data.language, dir: data.direction || "ltr", "aria-label": strings.button });
    var style = element("style", {}, css);
    var open = element("button", { type: "button", "class": "hsw-open", "aria-haspopup": "dialog" }, strings.button);
    var dialog = element("dialog", { "class": "hsw-dialog", "aria-labelledby": titleID, "aria-modal": "true" });
    var head = element("div", { "class": "hsw-head" });
    head.appendChild(element("h2", { id: titleID }, strings.title));
    var close = element("button", { type: "button", "class": "hsw-close" }, strings.close);
    head.appendChild(close);
    var body = element("div", { "class": "hsw-body" });
    var list = element("ul");
    var empty = element("p", { "class": "hsw-empty" }, strings.empty);
    var search = element("a", { "class": "hsw-search", href: new URL(data.search || data.home, siteRoot).href }, strings.search);
    body.appendChild(list);
    body.appendChild(empty);
    body.appendChild(search);
    dialog.appendChild(head);
    dialog.appendChild(body);
    root.appendChild(style);
    root.appendChild(open);
    root.appendChild(dialog);

    function fill() {
      list.textContent = "";
      var found = matching(data.articles || [], location.pathname);
      found.forEach(function (article) {
        var item = element("li", { "data-article": article.id, "data-state": article.state });
        var link = element("a", { "class": "hsw-article", href: new URL(article.url, siteRoot).href }, article.title);
        if (article.language !== data.language) {
          link.setAttribute("lang", article.language);
          link.setAttribute("hreflang", article.language);
        }
        item.appendChild(link);
        if (article.note) item.appendChild(element("p", { "class": "hsw-note" }, article.note));
        if (article.description) {
          var description = element("p", { "class": "hsw-description" }, article.description);
          if (article.language !== data.language) description.setAttribute("lang", article.language);
          item.appendChild(description);
        }
        list.appendChild(item);
      });
      list.hidden = found.length === 0;
      empty.hidden = found.length > 0;
    }

    function focusable() {
      return Array.prototype.filter.call(dialog.querySelectorAll("a[href], button"), function (node) {
        return !node.hidden && node.offsetParent !== null;
      });
    }

    open.addEventListener("click", function () {
      fill();
      dialog.showModal();
      (focusable()[0] || close).focus();
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      } else if (event.key === "Tab") {
        var nodes = focusable();
        var first = nodes[0], last = nodes[nodes.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () { open.focus(); });
    document.body.appendChild(root);
  }

  function start() {
    fetch(new URL(language + "/articles.json", siteRoot).href, { credentials: "omit", mode: "cors" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      })
      .then(build)
      .catch(function (error) { if (window.console) console.warn("help widget: " + error.message); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
