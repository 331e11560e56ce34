#!/usr/bin/env python3
"""Check 7: the contact form and the feedback widget, submitted in Chromium against `helpsite serve`.

    serve_forms_check.py --helpsite .build/release/helpsite --content content --work DIR

content/site.yaml sets neither endpoint, so a plain `helpsite serve` must show neither form (checked
first, over HTTP). Then starts `helpsite serve --try-forms` on a free loopback port with
`--submissions DIR/submissions.jsonl`, where both forms show marked "Preview only", and:
fills in and sends the Norwegian contact form (a thank-you page in Norwegian follows); answers "No"
on the Norwegian ARN page, writes a comment and sends it (the widget thanks in place, with fetch);
answers "Yes" on the German ARN page with JavaScript off (a plain POST, a German thank-you page).
The submissions file must then hold exactly those three, one JSON line each.
"""
import argparse
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def click(driver, element):
    """Clicks an element after scrolling it to the middle of the window (at once: the theme scrolls smoothly)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def serve(args, name, extra):
    """`helpsite serve` of the content on a free port, its output in WORK/NAME.log."""
    return common.Served([args.helpsite, "serve", "--content", args.content] + extra,
                         os.path.join(args.work, name + ".log"), ready_path="nb/")


def check_no_forms_without_endpoints(report, args):
    """site.yaml sets no endpoint: the preview shows what readers get, no form at all."""
    with serve(args, "serve-plain", []) as served:
        if not report.check(served.ready, "serve (without --try-forms) did not answer"):
            return
        for page in ("nb/kontakt/", "nb/arn/"):
            html = urllib.request.urlopen(served.base + page, timeout=10).read().decode("utf-8")
            report.check('method="post"' not in html and "Preview only" not in html,
                         f"serve without --try-forms shows a form on /{page} although site.yaml sets no endpoint")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--helpsite", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    report = common.Report("forms against serve (Selenium)")
    check_no_forms_without_endpoints(report, args)
    submissions = os.path.join(args.work, "submissions.jsonl")
    with serve(args, "serve", ["--try-forms", "--submissions", submissions]) as served:
        if not served.ready:
            return report.finish(report.fail("serve did not answer") or "serve did not start")

        driver = common.chromium(language="nb")
        try:
            common.load(driver, served.base + "nb/kontakt/")
            marks = driver.find_elements(By.CSS_SELECTOR, ".contact-form .preview-only")
            report.check(len(marks) == 1 and marks[0].is_displayed() and "Preview only" in marks[0].text,
                         "serve --try-forms does not mark the contact form as preview-only")
            form = driver.find_element(By.CSS_SELECTOR, ".contact-form form")
            report.check(form.get_attribute("action").endswith("/__helpsite/forms/contact"), "the contact form does not post to serve")
            driver.find_element(By.ID, "contact-name").send_keys("Kari Nordmann")
            driver.find_element(By.ID, "contact-email").send_keys("kari@example.org")
            driver.find_element(By.ID, "contact-message").send_keys("Hei! Jeg har et spørsmål.")
            click(driver, driver.find_element(By.ID, "contact-consent"))
            click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            thanked = common.wait_for(driver, lambda d: "/__helpsite/forms/contact" in d.current_url and "Takk" in d.page_source)
            report.check(thanked, f"no thank-you page after the contact form (at {driver.current_url})")
            report.check('lang="nb"' in driver.page_source, "the contact thank-you page is not in Norwegian")

            common.load(driver, served.base + "nb/arn/")
            widget = driver.find_element(By.CSS_SELECTOR, "form.feedback")
            click(driver, widget.find_element(By.CSS_SELECTOR, "button[value=no]"))
            comment = driver.find_element(By.ID, "feedback-comment")
            report.check(common.wait_for(driver, lambda d: comment.is_displayed()), "the comment did not open after No")
            comment.send_keys("Mangler telefontid.")
            click(driver, widget.find_element(By.CSS_SELECTOR, ".feedback__send"))
            status = common.wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".feedback__status").text)
            report.check(status == "Takk for tilbakemeldingen!", f"the widget said {status!r} after sending")
            report.check(driver.current_url.endswith("/nb/arn/"), "sending the widget left the page")
        finally:
            common.close(driver)

        driver = common.chromium(language="de", javascript=False)
        try:
            common.load(driver, served.base + "de/arn/")
            click(driver, driver.find_element(By.CSS_SELECTOR, "form.feedback button[value=yes]"))
            thanked = common.wait_for(driver, lambda d: "/__helpsite/forms/feedback" in d.current_url and "Vielen Dank" in d.page_source)
            report.check(thanked, f"no German thank-you page after Yes without JavaScript (at {driver.current_url})")
        finally:
            common.close(driver)

        time.sleep(0.2)
        lines = []
        if report.check(os.path.exists(submissions), f"{submissions} was not written"):
            with open(submissions, encoding="utf-8") as handle:
                lines = [json.loads(line) for line in handle]
        forms = [(line["form"], line["fields"].get("language"), line["fields"].get("answer")) for line in lines]
        report.check(forms == [("contact", "nb", None), ("feedback", "nb", "no"), ("feedback", "de", "yes")],
                     f"the submissions file holds {forms}")
        if len(lines) == 3:
            report.check(lines[0]["fields"].get("email") == "kari@example.org", "the contact line lacks the e-mail address")
            report.check(lines[1]["fields"].get("comment") == "Mangler telefontid.", "the feedback line lacks the comment")
            report.check(lines[1]["fields"].get("page") == "arn" and lines[1]["fields"].get("translation") == "source",
                         f"the nb feedback line says {lines[1]['fields']}")
            report.check(lines[2]["fields"].get("translation") in ("up-to-date", "outdated", "unstamped", "fallback"),
                         f"the de feedback line says {lines[2]['fields']}")
        return report.finish(f"{len(lines)} submissions in {os.path.basename(submissions)}")


if __name__ == "__main__":
    sys.exit(main())
