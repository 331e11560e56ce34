#!/usr/bin/env python3
"""Check 6: an alias redirects, through nginx-redirects.conf and through its redirect page.

    redirect_check.py --site FOLDER --url BASE --alias PATH --target PATH

nginx (with the build's nginx-redirects.conf included) must answer the alias with 301 and the target
as Location, with and without the trailing slash; the redirect page in the build must refresh to the
target, name it as canonical and say noindex; `_redirects` must list the alias.
"""
import argparse
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--alias", required=True)
    parser.add_argument("--target", required=True)
    args = parser.parse_args()
    report = common.Report("redirects (nginx, redirect page)")
    opener = urllib.request.build_opener(NoRedirect)
    for path in (args.alias, args.alias.rstrip("/")):
        try:
            response = opener.open(common.absolute(args.url, path.lstrip("/")), timeout=10)
            status, location = response.status, response.headers.get("Location")
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location")
        report.check(status == 301 and location == args.target, f"{path}: {status} {location}, expected 301 {args.target}")
    with open(os.path.join(args.site, args.alias.strip("/"), "index.html"), encoding="utf-8") as handle:
        page = handle.read()
    report.check(f'content="0; url={args.target}"' in page, "the redirect page has no meta refresh to the target")
    report.check('<meta name="robots" content="noindex">' in page, "the redirect page is not noindex")
    report.check(f'rel="canonical" href="' in page and args.target in page, "the redirect page names no canonical")
    with open(os.path.join(args.site, "_redirects"), encoding="utf-8") as handle:
        report.check(f"{args.alias} {args.target} 301" in handle.read(), "_redirects does not list the alias")
    return report.finish(f"{args.alias} → {args.target}")


if __name__ == "__main__":
    sys.exit(main())
