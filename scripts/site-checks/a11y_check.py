#!/usr/bin/env python3
"""Check 2: axe-core (as shipped by axe-selenium-python) in headless Chromium reports no violations.

    a11y_check.py --site public --url http://127.0.0.1:8080/ \
                  [--form-site DIR --form-url http://127.0.0.1:8081/] [--languages all|nb,de,el]
                  [--page-types all|present] [--name NAME]

Every page type is checked in each language given: the root chooser, the language home, an
ordinary page, a page with a contact card (ARN), the contact page, the 404 page and the search
results page with results open (?q=ARN, once the results are shown). The form build
(a site built with contactFormEndpoint set) adds its contact page with the real form. Each page is
checked twice: as it loads, and with every <details> (the language switcher) opened, in the light
and the dark colour scheme (prefers-color-scheme emulated through DevTools), at a desktop
and at a phone width, each time with the window as tall as the page (axe 3 does not judge the
contrast of text outside the viewport).

With --page-types present (a small site such as examples/languages, one home page a language), the
page types the site has are checked and none is required.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from axe_selenium_python import Axe  # noqa: E402

BODY_CLASS = re.compile(r'<body class="([^"]*)"')


def page_type(folder, path):
    """root, home, 404, contact, contact-card or page, read from the built file."""
    file = os.path.join(folder, path + "index.html" if path == "" or path.endswith("/") else path)
    with open(file, encoding="utf-8") as handle:
        html = handle.read()
    match = BODY_CLASS.search(html)
    classes = match.group(1).split() if match else []
    if "layout-root" in classes:
        return "root"
    if "layout-404" in classes:
        return "404"
    if "layout-search" in classes:
        return "search"
    if "is-home" in classes:
        return "home"
    if "layout-contact" in classes:
        return "contact"
    if 'class="contact-card"' in html:
        return "contact-card"
    return "page"


def choose(folder, languages):
    """{(language, type): path}: one page of each type per language (the first in path order)."""
    chosen = {}
    for path in common.site_pages(folder):
        language = path.split("/")[0] if "/" in path else ""
        if path == "404.html":
            language = ""
        kind = page_type(folder, path)
        if language and language not in languages:
            continue
        chosen.setdefault((language, kind), path)
    return chosen


def describe(violation):
    targets = []
    for node in violation.get("nodes", [])[:5]:
        targets.append(" ".join(node.get("target", [])) + ": " + node.get("html", "")[:160])
    more = len(violation.get("nodes", [])) - len(targets)
    lines = [f"{violation['id']} ({violation.get('impact')}): {violation.get('help')}"] + ["      " + t for t in targets]
    if more > 0:
        lines.append(f"      … and {more} more")
    return "\n".join(lines)


FULL_HEIGHT = "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);"
SEARCH_QUERY = "?q=ARN"
RESULTS_OPEN = ("var p = document.querySelector('[data-search-page]');"
                " return !!p && !p.hasAttribute('aria-busy') && document.querySelectorAll('[data-search-results] li').length > 0;")
OPEN_DETAILS = "var d = document.querySelectorAll('details'); d.forEach(function (e) { e.open = true; }); return d.length;"


def run_axe(driver, axe, report, label, width):
    """Runs axe once with the whole page in the viewport (axe skips the contrast of text outside it).

    Violations are failures. Returns (violations, {(rule, node target)} that axe could not decide).
    """
    driver.set_window_size(width, min(driver.execute_script(FULL_HEIGHT) + 100, 16000))
    axe.inject()
    results = axe.run()
    violations = results.get("violations", [])
    for violation in violations:
        report.fail(f"{label}: {describe(violation)}")
    undecided = {(result["id"], " ".join(node.get("target", [])))
                 for result in results.get("incomplete", []) for node in result.get("nodes", [])}
    return len(violations), undecided


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--form-site")
    parser.add_argument("--form-url")
    parser.add_argument("--languages", default="all", help='comma-separated codes, or "all" (default)')
    parser.add_argument("--name", default="accessibility (axe-core)", help="the check's name in its summary line")
    parser.add_argument("--page-types", choices=("all", "present"), default="all",
                        help='"all" (default): every page type must exist in every language; "present": check what the site has')
    arguments = parser.parse_args()
    if arguments.languages == "all":
        languages = sorted({path.split("/")[0] for path in common.site_pages(arguments.site) if "/" in path})
    else:
        languages = [code for code in arguments.languages.split(",") if code]

    report = common.Report(arguments.name)
    targets = []  # (label, url)
    chosen = choose(arguments.site, languages)
    for (language, kind), path in sorted(chosen.items()):
        query = SEARCH_QUERY if kind == "search" else ""
        targets.append((f"{language or 'root'} {kind} /{path}{query}", common.absolute(arguments.url, path) + query))
    if arguments.form_site and arguments.form_url:
        form_chosen = choose(arguments.form_site, languages)
        for (language, kind), path in sorted(form_chosen.items()):
            if kind == "contact":
                targets.append((f"{language} contact+form /{path}", common.absolute(arguments.form_url, path)))
    requires_all = arguments.page_types == "all"
    required_page = "contact" if requires_all else "home"
    for language in languages:
        if not any(key[0] == language and key[1] == required_page for key in chosen):
            report.fail(f"{language}: no {required_page} page found")
        if arguments.form_site and not any(label.startswith(f"{language} contact+form") for label, _ in targets):
            report.fail(f"{language}: no contact page in the form build")
    kinds = {key[1] for key in chosen}
    for kind in ("root", "home", "page", "contact-card", "contact", "404", "search") if requires_all else ("root", "home", "404"):
        report.check(kind in kinds, f"no page of type {kind} found")

    checks = violations = 0
    # What axe could not decide in both states of a page (with the switcher closed its links are
    # hidden; open, it covers the text below it): reported, not failed.
    undecided = {}
    for scheme in ("light", "dark"):
        for width, height in ((1280, 900), (375, 800)):
            driver = common.chromium(language="zu", width=width, height=height)
            try:
                common.color_scheme(driver, scheme)
                axe = Axe(driver)
                for label, url in targets:
                    label = f"{label} ({scheme})"
                    driver.set_window_size(width, height)
                    common.load(driver, url)
                    if common.path_of(driver.current_url) != common.path_of(url):
                        report.fail(f"{label}: loading {url} ended at {driver.current_url}")
                        continue
                    if not report.check(driver.execute_script(f"return matchMedia('(prefers-color-scheme: {scheme})').matches"),
                                        f"{label}: the browser did not take the {scheme} scheme"):
                        continue
                    if url.endswith(SEARCH_QUERY) and not common.wait_for(driver, lambda d: d.execute_script(RESULTS_OPEN), timeout=15):
                        report.fail(f"{label}: the search results did not open")
                        continue
                    count, closed = run_axe(driver, axe, report, f"{label} @{width}px", width)
                    violations += count
                    checks += 1
                    if driver.execute_script(OPEN_DETAILS):
                        count, opened = run_axe(driver, axe, report, f"{label} @{width}px, switcher open", width)
                        violations += count
                        checks += 1
                        closed &= opened
                    for rule, target in closed:
                        undecided.setdefault(rule, []).append(f"{label} @{width}px: {target}")
            finally:
                common.close(driver)
    form_pages = sum(1 for label, _ in targets if "contact+form" in label)
    for rule, nodes in sorted(undecided.items()):
        print(f"  note: axe could not decide {rule} for {len(nodes)} element(s) (not a failure), e.g. {nodes[0]}")
    return report.finish(f"{len(targets)} pages ({len(targets) - form_pages} page types in {', '.join(languages)} "
                         f"+ root, {form_pages} with the contact form), light and dark, {checks} axe runs, {violations} violations, "
                         f"{sum(map(len, undecided.values()))} elements undecided")


if __name__ == "__main__":
    sys.exit(main())
