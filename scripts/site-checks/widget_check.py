#!/usr/bin/env python3
"""Check 9: the in-product help widget on a product page of another origin.

    widget_check.py --site FOLDER --url BASE [--languages nb,pl]

BASE is the help site (FOLDER, a build of content/ without pl/arn.md) served by nginx with the build's
nginx-headers.conf included. This check serves a demo product page itself, on a second loopback port:
any path answers with a page that includes BASE/assets/help-widget.js with data-lang from ?lang=.

For each language, at each product URL below, Chromium opens the widget and must find exactly the
articles the shipped content's `contexts:` name there (the pl arn page a fallback, labelled), with links
that lead to pages of the help site, the search link, and an empty-state text where nothing matches. The
panel is a modal dialog named by its heading; Tab stays inside it, Escape closes it and gives the focus
back to the button. axe-core runs with the panel open, light and dark. The articles and the script are
served with Access-Control-Allow-Origin: *, and _headers lists them.
"""
import argparse
import html
import http.server
import json
import os
import socket
import sys
import threading
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from a11y_check import run_axe  # noqa: E402
from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

# What content/ says (its nb pages' `contexts:`): product path → the article ids the widget lists there.
PRODUCT_PAGES = {
    "/orders/4711/dispute": {"arn", "complaints", "escalate"},
    "/settings/privacy/": {"privacy"},
    "/dashboard": set(),
}
# The fallback build has no pl/arn.md: in pl that article is the nb page, labelled.
FALLBACKS = {"pl": {"arn"}}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def product_server(help_url):
    """A demo product on its own origin; returns (server, base URL)."""
    script = common.absolute(help_url, "assets/help-widget.js")

    class Product(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            language = parse_qs(parts.query).get("lang", ["nb"])[0]
            body = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Demo product: {html.escape(parts.path)}</title>
</head>
<body>
<header><p>Demo product</p></header>
<main><h1>{html.escape(parts.path)}</h1><p>A product page on another origin that includes the help widget.</p></main>
<script src="{html.escape(script)}" data-lang="{html.escape(language)}" defer></script>
</body>
</html>
""".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Product)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def cross_origin(url, origin):
    request = urllib.request.Request(url, headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Access-Control-Allow-Origin")


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


PANEL = """
var dialog = document.querySelector('aside.hsw dialog');
if (!dialog || !dialog.open) return null;
var heading = document.getElementById(dialog.getAttribute('aria-labelledby') || '');
return {
  modal: dialog.getAttribute('aria-modal'), role: dialog.getAttribute('role') || 'dialog',
  label: heading ? heading.textContent : '', focusInside: dialog.contains(document.activeElement),
  articles: Array.prototype.map.call(dialog.querySelectorAll('li[data-article]'), function (li) {
    var note = li.querySelector('.hsw-note'), link = li.querySelector('a');
    return {id: li.getAttribute('data-article'), state: li.getAttribute('data-state'), href: link.href,
            lang: link.getAttribute('lang'), note: note ? note.textContent : null};
  }),
  empty: !dialog.querySelector('.hsw-empty').hidden,
  search: dialog.querySelector('.hsw-search').href
};
"""
FOCUS_INSIDE = "var d = document.querySelector('aside.hsw dialog'); return d.contains(document.activeElement);"
CLOSED_AND_RETURNED = ("var d = document.querySelector('aside.hsw dialog');"
                       " return !d.open && document.activeElement === document.querySelector('aside.hsw .hsw-open');")


def open_panel(driver):
    button = common.wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "aside.hsw .hsw-open"), timeout=10)
    if not button:
        return None
    button[0].click()
    return common.wait_for(driver, lambda d: d.execute_script(PANEL), timeout=5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--languages", default="nb,pl")
    args = parser.parse_args()
    languages = [code for code in args.languages.split(",") if code]
    report = common.Report("help widget (second origin, Selenium, axe-core)")
    server, product = product_server(args.url)

    with open(os.path.join(args.site, "_headers"), encoding="utf-8") as handle:
        headers = handle.read()
    for path in [f"{code}/articles.json" for code in languages] + ["assets/help-widget.js"]:
        allowed = cross_origin(common.absolute(args.url, path), product)
        report.check(allowed == "*", f"{path}: Access-Control-Allow-Origin is {allowed!r}, expected '*'")
        report.check(f"/{path}\n  Access-Control-Allow-Origin: *\n" in headers, f"_headers does not list /{path}")
    with open(os.path.join(args.site, "assets", "help-widget.js"), encoding="utf-8") as handle:
        script = handle.read()
    for token in ("document.cookie", "localStorage", "sessionStorage", "http://", "https://"):
        report.check(token not in script.replace("https://help.example/", ""), f"help-widget.js mentions {token}")

    runs = found = violations = 0
    try:
        for scheme in ("light", "dark"):
            driver = common.chromium(language="en")
            try:
                common.color_scheme(driver, scheme)
                axe = Axe(driver)
                for language in languages:
                    with urllib.request.urlopen(common.absolute(args.url, f"{language}/articles.json"), timeout=10) as response:
                        strings = json.load(response)["strings"]
                    for path, expected in PRODUCT_PAGES.items():
                        label = f"{language} {path} ({scheme})"
                        driver.set_window_size(1280, 900)
                        common.load(driver, f"{product}{path}?lang={language}")
                        panel = open_panel(driver)
                        if not report.check(panel, f"{label}: the widget's panel did not open"):
                            continue
                        ids = {article["id"] for article in panel["articles"]}
                        found += len(ids)
                        report.check(ids == expected, f"{label}: lists {sorted(ids)}, expected {sorted(expected)}")
                        report.check(panel["empty"] == (not expected), f"{label}: the empty-state text is {'not ' if not panel['empty'] else ''}shown")
                        report.check(panel["modal"] == "true" and panel["label"] == strings["title"],
                                     f"{label}: the panel is not a modal dialog named {strings['title']!r} ({panel})")
                        report.check(panel["focusInside"], f"{label}: the focus did not move into the panel")
                        report.check(panel["search"].startswith(args.url), f"{label}: the search link {panel['search']} is not on the help site")
                        for article in panel["articles"]:
                            fallback = article["id"] in FALLBACKS.get(language, set())
                            report.check(article["href"].startswith(args.url) and status_of(article["href"]) == 200,
                                         f"{label}: {article['id']} links to {article['href']}, which the help site does not answer")
                            report.check((article["state"] == "fallback") == fallback,
                                         f"{label}: {article['id']} has state {article['state']}")
                            if fallback:
                                report.check(article["note"] and "norsk bokmål" in article["note"] and article["lang"] == "nb",
                                             f"{label}: the fallback {article['id']} is not labelled as nb ({article})")
                        if scheme == "light" and language == languages[0]:
                            for _ in range(len(panel["articles"]) + 4):
                                driver.switch_to.active_element.send_keys(Keys.TAB)
                                report.check(driver.execute_script(FOCUS_INSIDE), f"{label}: Tab left the panel")
                            driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
                            report.check(driver.execute_script(FOCUS_INSIDE), f"{label}: Shift+Tab left the panel")
                            driver.switch_to.active_element.send_keys(Keys.ESCAPE)
                            report.check(common.wait_for(driver, lambda d: d.execute_script(CLOSED_AND_RETURNED), timeout=3),
                                         f"{label}: Escape did not close the panel and return the focus to its button")
                            if not open_panel(driver):
                                report.fail(f"{label}: the panel did not open again")
                                continue
                        count, _ = run_axe(driver, axe, report, f"{label}, panel open", 1280)
                        violations += count
                        runs += 1
            finally:
                common.close(driver)
    finally:
        server.shutdown()
    return report.finish(f"{', '.join(languages)} at {len(PRODUCT_PAGES)} product URLs, {found} articles listed, "
                         f"light and dark, {runs} axe runs, {violations} violations")


if __name__ == "__main__":
    sys.exit(main())
