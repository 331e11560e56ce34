#!/usr/bin/env python3
"""Check 9: the first view of every page type is at most 10 KB gzipped.

    first_view_check.py SITE [SITE ...] [--inform SITE ...] [--limit 10240] [--markdown]

A page's first view is what a browser fetches before the reader does anything: the HTML, every stylesheet
it links and every script it loads (`<script src>`, deferred and module scripts included; inline scripts are
part of the HTML). A stylesheet with `media="print"` is left out: browsers fetch it last and it does not hold
up the first render. Each file is counted once per page, gzipped at level 6 (the zlib default most servers
and CDNs use). Pages are grouped by type, the `layout-…` class on <body> (root, home, page, contact,
search, 404, redirect, a site's own layouts); each type is reported by its largest page, which must fit
under the limit. Sites after `--inform` are measured and printed but not held to the limit. `--markdown` prints the
table BENCHMARKS.md keeps.
"""
import argparse
import gzip
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

LINKED = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>', re.IGNORECASE)
PRINT_ONLY = re.compile(r'\bmedia="print"', re.IGNORECASE)
HREF = re.compile(r'\b(?:href|src)="([^"]+)"')
BODY = re.compile(r'<body\b[^>]*\bclass="[^"]*\blayout-([\w-]+)')


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def site_file(site, url):
    """The file under `site` a root-relative or absolute URL names (the site may be built under a sub-path)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url).split("?")[0].split("#")[0].lstrip("/").split("/")
    for start in range(len(path)):
        candidate = os.path.join(site, *path[start:])
        if os.path.isfile(candidate):
            return candidate
    return None


def first_view(site, page):
    """(total, html, css, js, missing) in gzipped bytes for one page."""
    html_path = os.path.join(site, page, "index.html") if page == "" or page.endswith("/") else os.path.join(site, page)
    with open(html_path, "rb") as handle:
        html = handle.read()
    sizes = {"html": gzipped(html), "css": 0, "js": 0}
    missing = []
    seen = set()
    for tag in LINKED.findall(html.decode("utf-8", "replace")):
        if PRINT_ONLY.search(tag):
            continue
        url = HREF.search(tag).group(1)
        if url in seen:
            continue
        seen.add(url)
        path = site_file(site, url)
        if path is None:
            missing.append(url)
            continue
        with open(path, "rb") as handle:
            sizes["css" if tag.lower().startswith("<link") else "js"] += gzipped(handle.read())
    return sum(sizes.values()), sizes, missing, BODY.search(html.decode("utf-8", "replace"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sites", nargs="+")
    parser.add_argument("--inform", nargs="*", default=[])
    parser.add_argument("--limit", type=int, default=10 * 1024)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    report = common.Report(f"first view (HTML + CSS + scripts, gzipped, at most {args.limit} bytes)")
    largest = {}
    for site in args.sites + args.inform:
        for page in common.site_pages(site):
            total, sizes, missing, body = first_view(site, page)
            report.check(not missing, f"{site}/{page}: loads {missing}, which the site does not have")
            kind = body.group(1) if body else "other"
            key = (site, kind)
            if key not in largest or total > largest[key][0]:
                largest[key] = (total, sizes, page)
    if args.markdown:
        print("| site | page type | largest page | HTML | CSS | scripts | first view |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for (site, kind), (total, sizes, page) in sorted(largest.items()):
        if args.markdown:
            print(f"| {os.path.basename(site.rstrip('/'))} | {kind} | /{page} | {sizes['html']} | {sizes['css']} | {sizes['js']} | {total} |")
        else:
            note = " (not held to the limit)" if site in args.inform else ""
            print(f"  {site}: {kind:<10} {total:>6} bytes (HTML {sizes['html']}, CSS {sizes['css']}, scripts {sizes['js']}) on /{page}{note}")
        if site not in args.inform:
            report.check(total <= args.limit, f"{site}: the {kind} page /{page} needs {total} bytes at first view, over {args.limit}")
    held = [entry for (site, _), entry in largest.items() if site not in args.inform]
    worst = max(held, key=lambda entry: entry[0]) if held else (0, None, "")
    return report.finish(f"{len(held)} page types, largest first view {worst[0]} bytes (/{worst[2]})")


if __name__ == "__main__":
    sys.exit(main())
