#!/usr/bin/env python3
"""Check 4: linkchecker crawls the site as nginx serves it and finds no broken link.

    link_check.py --name NAME --config LINKCHECKERRC START_URL [START_URL…]

Only URLs on 127.0.0.1 are checked: every other http(s) URL, and mailto:/tel: links, are only
syntax-checked (--ignore-url), so nothing leaves the machine and a mail address is not a failure.
linkchecker's AnchorCheck plugin (enabled in the config file, with maxrequestspersecond raised:
the nginx config answers with the "LinkChecker" header that allows it) also checks #fragments.
A URL that is not valid (404, connection refused, bad syntax) fails the check, and so does a
fragment that names no id on its page; every other warning is only listed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

IGNORE = [r"^https?://(?!127\.0\.0\.1[:/])", r"^mailto:", r"^tel:"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--config")
    parser.add_argument("urls", nargs="+")
    arguments = parser.parse_args()
    report = common.Report(f"links ({arguments.name})")

    # --verbose lists every URL, valid or not; the text format names each warning's type.
    command = [linkchecker(), "--no-status", "--verbose", "--output", "text",
               "--threads", "8", "--timeout", "20"]
    if arguments.config:
        command += ["--config", arguments.config]
    for pattern in IGNORE:
        command += ["--ignore-url", pattern]
    result = subprocess.run(command + arguments.urls, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        report.fail(f"linkchecker exited {result.returncode}:\n{result.stderr[-3000:]}")
    entries = parse(result.stdout)
    summary = re.search(r"That's it\. (\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found\.",
                        result.stdout)
    if not entries or not summary:
        report.fail(f"linkchecker's output has no results:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    local = external = anchors = 0
    distinct = set()
    for entry in entries:
        url = entry.get("Real URL") or entry.get("URL", "").strip("`'")
        where = f"{entry.get('URL')} (on {entry.get('Parent URL') or 'start URL'})"
        outcome = entry.get("Result", "")
        if not outcome.startswith("Valid"):
            report.fail(f"broken: {where}: {outcome}")
            continue
        if outcome in ("Valid: filtered", "Valid: ignored") or not url.startswith("http://127.0.0.1"):
            external += 1
            continue
        local += 1
        distinct.add(url.split("#")[0])
        anchors += "#" in url
        for warning in entry.get("Warning", []):
            # AnchorCheck's warning: "[url-anchor-not-found] Anchor `x' … not found", tagged [None] in 10.2.
            if re.search(r"\bAnchor `.*' .*not found", warning):
                report.fail(f"missing #fragment: {where}: {warning}")
            else:
                print(f"  warning {where}: {warning}")
    if result.returncode == 1 and not report.failures:
        report.fail("linkchecker reported errors that were not listed:\n" + result.stdout[-2000:])
    said = f"linkchecker: {summary.group(1)} links in {summary.group(2)} URLs, {summary.group(4)} errors; " if summary else ""
    return report.finish(f"{said}{local} links checked on 127.0.0.1 ({len(distinct)} distinct pages and files, "
                         f"{anchors} with a #fragment), {external} external/mailto/tel links only syntax-checked, "
                         f"{len(report.failures)} broken")


def linkchecker():
    """The pinned LinkChecker installed beside this Python (the checks' virtual environment), else PATH's."""
    beside = os.path.join(os.path.dirname(sys.executable), "linkchecker")
    return beside if os.access(beside, os.X_OK) else shutil.which("linkchecker") or "linkchecker"


def parse(text):
    """linkchecker's text output as a list of {field: value}; "Warning" is a list."""
    entries, entry, key = [], None, None
    for line in text.splitlines():
        if line.startswith("URL        "):
            entry = {"Warning": []}
            entries.append(entry)
        if entry is None:
            continue
        if not line.strip():
            key = None
            continue
        if line.startswith("           ") and key:  # continuation of the previous field
            if key == "Warning":
                entry["Warning"][-1] += " " + line.strip()
            else:
                entry[key] += " " + line.strip()
            continue
        if line.startswith(("That's it.", "Statistics:")):
            entry, key = None, None
            continue
        key, value = line[:11].strip(), line[11:].strip()
        if key == "Warning":
            entry["Warning"].append(value)
        else:
            entry[key] = value
    return entries


if __name__ == "__main__":
    sys.exit(main())
