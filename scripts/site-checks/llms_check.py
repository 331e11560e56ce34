#!/usr/bin/env python3
"""Check 9: what helpsite writes for AI assistants and feed readers, read by the tools that define it.

    llms_check.py FOLDER [FOLDER…]

For each built site (its base URL read from robots.txt):
  - llms.txt parses with the llms.txt convention's own parser (PyPI llms-txt): an H1, a summary blockquote,
    a section per language; every URL it lists is a file the build wrote;
  - every Markdown twin (<page>/index.md), parsed with mistletoe (CommonMark): every link into the site leads to
    a file the build wrote, and a #fragment to an id on that page; no link into the site is left relative;
    the page beside it links it with <link rel="alternate" type="text/markdown">;
  - every language's llms-full.txt exists and holds every twin of the language;
  - every <language>/feed.xml parses with feedparser as Atom 1.0 without a "bozo" error, validates against
    atom.rng (RELAX NG, lxml), has a self link to itself, entries newest first, every entry's link leads to a
    built page, and the language's home page links it (in <head> and visibly).
"""
import os
import re
import sys
from urllib.parse import unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import feedparser  # noqa: E402
import llms_txt  # noqa: E402
import mistletoe  # noqa: E402
from lxml import etree  # noqa: E402
from lxml import html as lxml_html  # noqa: E402
from mistletoe.span_token import Image, Link  # noqa: E402

SCHEMA = etree.RelaxNG(etree.parse(os.path.join(os.path.dirname(os.path.abspath(__file__)), "atom.rng")))


class Site:
    def __init__(self, folder):
        self.folder = folder
        robots = open(os.path.join(folder, "robots.txt"), encoding="utf-8").read()
        sitemap = re.search(r"^Sitemap: (\S+)sitemap\.xml$", robots, re.M)
        self.base = sitemap.group(1) if sitemap else None
        self._ids = {}

    def file_for(self, url):
        """The built file a URL into the site leads to (a folder's index.html), or None for other URLs."""
        if not self.base or not url.startswith(self.base):
            return None
        path = unquote(urlsplit(url).path[len(urlsplit(self.base).path):])
        if path == "" or path.endswith("/"):
            path += "index.html"
        return os.path.join(self.folder, path)

    def ids(self, file):
        if file not in self._ids:
            tree = lxml_html.parse(file)
            self._ids[file] = set(tree.xpath("//@id"))
        return self._ids[file]

    def resolves(self, url):
        """None when the URL leads to a built file (and its #fragment to an id there), else the problem."""
        file = self.file_for(url)
        if file is None:
            return None
        if not os.path.isfile(file):
            if os.path.isfile(os.path.join(file, "index.html")):
                file = os.path.join(file, "index.html")
            else:
                return f"{url} is not in the build"
        fragment = urlsplit(url).fragment
        if fragment and file.endswith(".html") and unquote(fragment) not in self.ids(file):
            return f"{url}: no id {unquote(fragment)!r} on that page"
        return None


def links_in_markdown(text):
    """Every link and image destination in a CommonMark document, in order."""
    found = []

    def walk(token):
        if isinstance(token, (Link, Image)):
            found.append(token.target if isinstance(token, Link) else token.src)
        for child in getattr(token, "children", None) or []:
            walk(child)

    walk(mistletoe.Document(text))
    return found


def check_llms_txt(site, report, where):
    path = os.path.join(site.folder, "llms.txt")
    if not report.check(os.path.isfile(path), f"{where}: no llms.txt"):
        return 0
    text = open(path, encoding="utf-8").read()
    parsed = llms_txt.parse_llms_file(text)
    report.check(parsed.get("title"), f"{where}/llms.txt: no H1 title")
    report.check(parsed.get("summary"), f"{where}/llms.txt: no summary blockquote")
    sections = parsed.get("sections") or {}
    languages = sorted(name for name in os.listdir(site.folder) if os.path.isfile(os.path.join(site.folder, name, "llms-full.txt")))
    report.check(languages, f"{where}: no <language>/llms-full.txt")
    for code in languages:
        report.check(any(name.endswith(f"({code})") for name in sections), f"{where}/llms.txt: no section for {code}")
    count = 0
    for name, links in sections.items():
        report.check(links, f"{where}/llms.txt: section {name!r} lists nothing")
        for link in links:
            count += 1
            report.check(link["url"].startswith(site.base or "\0"), f"{where}/llms.txt: {link['url']} is not on the site")
            problem = site.resolves(link["url"])
            report.check(problem is None, f"{where}/llms.txt: {problem}")
    return count


def check_twins(site, report, where):
    twins = links = 0
    by_language = {}
    for folder, _, files in os.walk(site.folder):
        if "index.md" not in files:
            continue
        twin = os.path.join(folder, "index.md")
        relative = os.path.relpath(twin, site.folder)
        twins += 1
        text = open(twin, encoding="utf-8").read()
        by_language.setdefault(relative.split(os.sep)[0], []).append(text)
        page = os.path.join(folder, "index.html")
        if report.check(os.path.isfile(page), f"{where}/{relative}: no index.html beside it"):
            alternates = lxml_html.parse(page).xpath('//head/link[@rel="alternate"][@type="text/markdown"]/@href')
            report.check(len(alternates) == 1 and alternates[0].endswith("/" + relative.replace(os.sep, "/")),
                         f"{where}/{relative}: the page links {alternates} as its Markdown version")
        for url in links_in_markdown(text):
            links += 1
            scheme = urlsplit(url).scheme
            report.check(scheme, f"{where}/{relative}: link {url!r} is not absolute")
            problem = site.resolves(url)
            report.check(problem is None, f"{where}/{relative}: {problem}")
    for code, texts in by_language.items():
        full_path = os.path.join(site.folder, code, "llms-full.txt")
        if report.check(os.path.isfile(full_path), f"{where}: {code} has twins but no llms-full.txt"):
            full = open(full_path, encoding="utf-8").read()
            missing = sum(1 for text in texts if text not in full)
            report.check(missing == 0, f"{where}/{code}/llms-full.txt: {missing} of its {len(texts)} twins are not in it")
    report.check(twins, f"{where}: no Markdown twins")
    return twins, links


def check_feeds(site, report, where):
    feeds = entries = 0
    for code in sorted(os.listdir(site.folder)):
        path = os.path.join(site.folder, code, "feed.xml")
        if not os.path.isfile(os.path.join(site.folder, code, "llms-full.txt")):
            continue
        if not report.check(os.path.isfile(path), f"{where}: {code} has no feed.xml"):
            continue
        feeds += 1
        name = f"{where}/{code}/feed.xml"
        data = open(path, "rb").read()
        parsed = feedparser.parse(data)
        report.check(not parsed.bozo, f"{name}: feedparser: {parsed.get('bozo_exception')}")
        report.check(parsed.version == "atom10", f"{name}: feedparser reads it as {parsed.version!r}, not Atom 1.0")
        document = etree.fromstring(data)
        if not SCHEMA.validate(document):
            report.fail(f"{name}: RELAX NG (atom.rng): {SCHEMA.error_log.last_error}")
        self_links = [link.href for link in parsed.feed.get("links", []) if link.rel == "self"]
        report.check(len(self_links) == 1 and site.file_for(self_links[0]) == path, f"{name}: self link {self_links}")
        report.check(parsed.feed.get("author") or all(entry.get("author") for entry in parsed.entries),
                     f"{name}: an entry has no author and neither has the feed (RFC 4287 4.1.1)")
        dates = [entry.updated_parsed for entry in parsed.entries]
        report.check(dates == sorted(dates, reverse=True), f"{name}: entries are not newest first")
        for entry in parsed.entries:
            entries += 1
            problem = site.resolves(entry.link)
            report.check(problem is None, f"{name}: entry {entry.title!r}: {problem}")
        home = os.path.join(site.folder, code, "index.html")
        if os.path.isfile(home):
            tree = lxml_html.parse(home)
            href = "/" + os.path.relpath(path, site.folder).replace(os.sep, "/")
            head = [h for h in tree.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]/@href') if h.endswith(href)]
            body = [h for h in tree.xpath('//body//a/@href') if h.endswith(href)]
            report.check(head and body, f"{where}/{code}/index.html: does not link the feed in <head> and in the page")
    report.check(feeds, f"{where}: no feeds")
    return feeds, entries


def main():
    report = common.Report("llms.txt, Markdown twins and Atom feeds")
    totals = [0, 0, 0, 0, 0]
    for folder in sys.argv[1:]:
        site = Site(folder)
        where = folder.rstrip("/")
        if not report.check(site.base, f"{where}: robots.txt names no sitemap, so the base URL is unknown"):
            continue
        totals[0] += check_llms_txt(site, report, where)
        twins, links = check_twins(site, report, where)
        feeds, entries = check_feeds(site, report, where)
        totals[1] += twins
        totals[2] += links
        totals[3] += feeds
        totals[4] += entries
    return report.finish(f"{totals[0]} llms.txt URLs, {totals[1]} twins with {totals[2]} links, "
                         f"{totals[3]} Atom feeds with {totals[4]} entries, in {len(sys.argv) - 1} site(s)")


if __name__ == "__main__":
    sys.exit(main())
