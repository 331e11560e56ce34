#!/usr/bin/env python3
"""Check 5: every content page's JSON-LD, read by a structured-data extractor (PyPI extruct).

    structured_data_check.py FOLDER [FOLDER…]

Every page of each built site except the 404 pages, the root language chooser and redirect pages
(meta refresh) must have JSON-LD blocks that parse as JSON, with a WebPage (a SearchResultsPage on the
search pages; its inLanguage the
language the text is written in: the page's, or the source language's on a fallback page) and a
BreadcrumbList; a page showing a facts card (`contact-card`) must also describe an Organization.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import extruct  # noqa: E402

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def nodes(data):
    """The JSON-LD objects of a page, each @graph opened."""
    for block in data:
        yield from block.get("@graph", [block])


def text_language(html):
    """The language the page's text is in: a fallback page marks its heading with the source's lang."""
    fallback = re.search(r'<article[^>]*>\s*<h1 lang="([^"]+)"', html)
    if fallback:
        return fallback.group(1)
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def main():
    report = common.Report("structured data (extruct)")
    checked = 0
    with_organization = 0
    for folder in sys.argv[1:]:
        for path in common.site_pages(folder):
            if path in ("", "404.html") or path.endswith("/404.html"):
                continue
            file = os.path.join(folder, path, "index.html") if path.endswith("/") or not path else os.path.join(folder, path)
            with open(file, encoding="utf-8") as handle:
                html = handle.read()
            if 'http-equiv="refresh"' in html:
                continue
            where = f"{os.path.basename(os.path.normpath(folder))}/{path}"
            raw = SCRIPT.findall(html)
            if not report.check(raw, f"{where}: no JSON-LD"):
                continue
            for block in raw:
                try:
                    json.loads(block)
                except ValueError as error:
                    report.fail(f"{where}: a JSON-LD block is not JSON: {error}")
            data = extruct.extract(html, base_url="https://help.example.com/" + path, syntaxes=["json-ld"], errors="strict")["json-ld"]
            found = {}
            for node in nodes(data):
                found.setdefault(node.get("@type"), node)
            checked += 1
            page = found.get("WebPage") or found.get("SearchResultsPage")
            if report.check(page, f"{where}: no WebPage"):
                language = text_language(html)
                report.check(page.get("inLanguage") == language,
                             f"{where}: WebPage inLanguage is {page.get('inLanguage')!r}, the text is in {language!r}")
                report.check(page.get("name"), f"{where}: WebPage has no name")
                if "<time datetime=" in html:
                    report.check(re.fullmatch(r"\d{4}-\d\d-\d\d", page.get("dateModified", "")),
                                 f"{where}: the page shows a review date but WebPage has no dateModified")
            crumbs = found.get("BreadcrumbList")
            if report.check(crumbs, f"{where}: no BreadcrumbList"):
                items = crumbs.get("itemListElement", [])
                report.check(items and all(item.get("@type") == "ListItem" for item in items),
                             f"{where}: BreadcrumbList has no ListItem")
                report.check([item.get("position") for item in items] == list(range(1, len(items) + 1)),
                             f"{where}: BreadcrumbList positions are not 1…n")
            if 'class="contact-card"' in html:
                with_organization += 1
                organization = found.get("Organization")
                if report.check(organization, f"{where}: shows a facts card but has no Organization"):
                    report.check(organization.get("name"), f"{where}: Organization has no name")
                    point = organization.get("contactPoint")
                    report.check(point is None or point.get("@type") == "ContactPoint",
                                 f"{where}: contactPoint is not a ContactPoint")
    report.check(checked, "no pages checked")
    return report.finish(f"{checked} pages with WebPage and BreadcrumbList, {with_organization} with an Organization")


if __name__ == "__main__":
    sys.exit(main())
