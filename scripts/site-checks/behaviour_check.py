#!/usr/bin/env python3
"""Check 3: how the site behaves in a real browser (headless Chromium through Selenium).

    behaviour_check.py --site public --url http://127.0.0.1:8080/ \
                       [--subpath-url http://127.0.0.1:8082/help/] [--form-site DIR --form-url URL]

- Language choice: a reader whose browser asks for German (--lang=de, intl.accept_languages=de)
  who opens the root page lands on /de/; de-AT lands on /de/ too, nn on /nb/ (alias), and a language
  the site lacks (zu) keeps the chooser on screen.
- Switcher: on every German page, opening the switcher's <details> and clicking "Français" leads to
  the same page in French: the French page is the German page's hreflang="fr" alternate, its
  canonical URL is that alternate, and both pages announce the same set of alternates. From each
  language's ARN page, the switcher also leads to the next language's ARN page.
- Without JavaScript (profile.managed_default_content_settings.javascript=2): every page has a
  <main> with text and an <h1>, the root page stays put and offers every language (one link with
  hreflang per language), and the switcher still works (<details> needs no script).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402

READ_PAGE = """
var main = document.querySelector('main');
var alternates = {};
document.querySelectorAll('link[rel=alternate][hreflang]').forEach(function (l) { alternates[l.hreflang] = l.href; });
var canonical = document.querySelector('link[rel=canonical]');
return {
  lang: document.documentElement.lang,
  mains: document.querySelectorAll('main').length,
  mainText: main ? main.innerText.trim() : '',
  h1: document.querySelector('main h1') ? document.querySelector('main h1').innerText.trim() : '',
  canonical: canonical ? canonical.href : null,
  alternates: alternates,
  title: document.title
};
"""


def language_codes(site):
    """The site's languages, in switcher order, read from the root page's alternates."""
    codes = []
    with open(os.path.join(site, "index.html"), encoding="utf-8") as handle:
        for line in handle:
            if 'rel="alternate"' in line and 'hreflang="' in line:
                code = line.split('hreflang="', 1)[1].split('"', 1)[0]
                if code != "x-default":
                    codes.append(code)
    return codes


def contact_pages(site):
    pages = set()
    for path in common.site_pages(site):
        file = os.path.join(site, path + "index.html" if path == "" or path.endswith("/") else path)
        with open(file, encoding="utf-8") as handle:
            if 'class="layout-contact"' in handle.read():
                pages.add(path)
    return pages


def check_redirects(report, base, label):
    cases = [("de", "de/"), ("de-AT", "de/"), ("nn", "nb/"), ("zu", "")]
    passed = 0
    for browser_language, expected in cases:
        driver = common.chromium(language=browser_language)
        try:
            root = base
            driver.get(root)
            want = common.path_of(common.absolute(base, expected))
            landed = common.wait_for(driver, lambda d: common.path_of(d.current_url) == want and
                                     d.execute_script("return document.readyState") == "complete", timeout=6)
            if expected == "":
                # Give a wrong redirect the chance to happen before looking.
                common.wait_for(driver, lambda d: common.path_of(d.current_url) != want, timeout=1.5)
                landed = common.path_of(driver.current_url) == want
            languages = driver.execute_script("return navigator.languages")
            if report.check(landed, f"{label}: browser language {browser_language} (navigator.languages {languages}): "
                                    f"root page ended at {driver.current_url}, expected {want}"):
                passed += 1
        finally:
            common.close(driver)
    return passed, len(cases)


def switch(report, driver, url, target, label):
    """Opens url, opens the switcher, clicks the link to `target`; checks it is the same page in `target`."""
    try:
        return switch_once(report, driver, url, target, label)
    except Exception as error:  # a WebDriver error is this page's failure, not the end of the check
        report.fail(f"{label}: {url}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        return False


def switch_once(report, driver, url, target, label):
    common.load(driver, url)
    before = driver.execute_script(READ_PAGE)
    links = driver.find_elements(By.CSS_SELECTOR, f'.language-switcher a[hreflang="{target}"]')
    if not report.check(len(links) == 1, f"{label}: {len(links)} switcher links with hreflang={target} on {url}"):
        return False
    link = links[0]
    if not report.check(not link.is_displayed(), f"{label}: switcher list is visible before it is opened on {url}"):
        return False
    driver.find_element(By.CSS_SELECTOR, ".language-switcher summary").click()
    if not report.check(common.wait_for(driver, lambda d: link.is_displayed(), timeout=3),
                        f"{label}: the switcher link to {target} did not appear after opening the switcher on {url}"):
        return False
    expected = before["alternates"].get(target)
    # A page without alternates (404) links to the target language's home.
    want_path = common.path_of(expected) if expected else common.path_of(common.absolute(url, link.get_attribute("href")))
    link.click()
    moved = common.wait_for(driver, lambda d: common.path_of(d.current_url) == want_path and
                            d.execute_script("return document.readyState") == "complete", timeout=6)
    if not report.check(moved, f"{label}: clicking {target} on {url} ended at {driver.current_url}, expected {want_path}"):
        return False
    after = driver.execute_script(READ_PAGE)
    ok = report.check(after["lang"] == target, f"{label}: {driver.current_url} has lang={after['lang']!r}, expected {target}")
    if expected:
        ok &= report.check(after["canonical"] == expected,
                           f"{label}: {driver.current_url} canonical {after['canonical']} is not the hreflang={target} alternate {expected}")
        ok &= report.check(after["alternates"] == before["alternates"],
                           f"{label}: {url} and {driver.current_url} announce different alternates")
    return ok


def check_switcher(report, site, base, label, languages):
    driver = common.chromium(language="de")
    clicks = passed = 0
    try:
        german = [p for p in common.site_pages(site) if p.startswith("de/")]
        report.check(german, f"{label}: no German pages")
        for path in german:
            clicks += 1
            passed += switch(report, driver, common.absolute(base, path), "fr", f"{label} de→fr")
        # Every language once: its ARN page to the next language's.
        for index, code in enumerate(languages):
            target = languages[(index + 1) % len(languages)]
            page = next((p for p in common.site_pages(site) if p.startswith(code + "/") and p.endswith("/arn/")), None)
            if report.check(page, f"{label}: no ARN page in {code}"):
                clicks += 1
                passed += switch(report, driver, common.absolute(base, page), target, f"{label} {code}→{target}")
    finally:
        common.close(driver)
    return passed, clicks


def check_without_javascript(report, sites, languages):
    """sites: [(folder, base URL, label, page filter)]. Returns (pages read, pages checked)."""
    driver = common.chromium(language="de", javascript=False)
    read = total = 0
    try:
        for site, base, label, wanted in sites:
            # The root page: no redirect, and a link for every language.
            common.load(driver, base)
            common.wait_for(driver, lambda d: common.path_of(d.current_url) != common.path_of(base), timeout=1.5)
            report.check(common.path_of(driver.current_url) == common.path_of(base),
                         f"{label}: without JavaScript the root page moved to {driver.current_url}")
            offered = driver.execute_script(
                "return Array.from(document.querySelectorAll('main a[hreflang]')).map(function (a) {"
                " return [a.getAttribute('hreflang'), a.closest('[lang]') ? a.closest('[lang]').lang : '', a.innerText.trim()]; });")
            codes = [entry[0] for entry in offered]
            report.check(sorted(codes) == sorted(languages) and len(codes) == len(languages),
                         f"{label}: without JavaScript the root page offers {codes}, expected one link each for {languages}")
            for code, lang, text in offered:
                report.check(lang == code and text, f"{label}: root link {code} has lang={lang!r}, text {text!r}")
            for path in [p for p in common.site_pages(site) if wanted is None or wanted(p)]:
                total += 1
                url = common.absolute(base, path)
                common.load(driver, url)
                page = driver.execute_script(READ_PAGE)
                ok = report.check(page["mains"] == 1, f"{label}: {url} has {page['mains']} <main> elements")
                ok &= report.check(len(page["mainText"]) >= 20, f"{label}: {url} <main> has no readable text ({page['mainText']!r})")
                ok &= report.check(bool(page["h1"]), f"{label}: {url} has no <h1> in <main>")
                ok &= report.check(bool(page["lang"]), f"{label}: {url} has no lang")
                read += bool(ok)
        # The switcher is a <details>: it works without scripts too.
        site, base, label, _ = sites[0]
        german = next((p for p in common.site_pages(site) if p.startswith("de/") and p.endswith("/arn/")), None)
        if german:
            switch(report, driver, common.absolute(base, german), "fr", f"{label} without JavaScript de→fr")
    finally:
        common.close(driver)
    return read, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--subpath-site")
    parser.add_argument("--subpath-url")
    parser.add_argument("--form-site")
    parser.add_argument("--form-url")
    arguments = parser.parse_args()
    report = common.Report("browser behaviour (Selenium)")
    languages = language_codes(arguments.site)
    report.check(len(languages) >= 2, f"found languages {languages} in the root page")

    summary = []
    ok, total = check_redirects(report, arguments.url, "root")
    if arguments.subpath_url:
        more_ok, more = check_redirects(report, arguments.subpath_url, "sub-path")
        ok, total = ok + more_ok, total + more
    summary.append(f"language redirects {ok}/{total}")

    ok, total = check_switcher(report, arguments.site, arguments.url, "root", languages)
    if arguments.subpath_site and arguments.subpath_url:
        more_ok, more = check_switcher(report, arguments.subpath_site, arguments.subpath_url, "sub-path", languages)
        ok, total = ok + more_ok, total + more
    summary.append(f"switcher clicks {ok}/{total}")

    sites = [(arguments.site, arguments.url, "root", None)]
    if arguments.form_site and arguments.form_url:
        # Only the contact pages differ in the form build.
        contact = contact_pages(arguments.form_site)
        sites.append((arguments.form_site, arguments.form_url, "form build", lambda path: path in contact))
    ok, total = check_without_javascript(report, sites, languages)
    summary.append(f"pages readable without JavaScript {ok}/{total}, root chooser offers {len(languages)} languages")
    return report.finish(", ".join(summary))


if __name__ == "__main__":
    sys.exit(main())
