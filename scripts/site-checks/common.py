"""Shared helpers for the site checks: headless Chromium through Selenium, and the site's page list.

Uses Debian's chromium and chromium-driver. Selenium Manager is never asked to download a browser
or a driver: the driver's path is given explicitly and SE_OFFLINE is set.
"""
import os
import shutil
import sys
import tempfile
import time
from urllib.parse import urljoin, urlsplit

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Every browser made here gets its own profile folder, removed by `close`.
_PROFILES = {}


def find_executable(names, env, fallback):
    """$env if set, else the first of `names` on PATH, else `fallback` if it exists."""
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return fallback if os.path.exists(fallback) else None


def chromium(language="zu", javascript=True, width=1280, height=900):
    """A headless Chromium whose reader prefers `language` (navigator.languages and Accept-Language).

    The default `zu` is a language the site does not have, so the root page's script keeps the
    chooser on screen. `javascript=False` blocks page scripts the way a reader's setting does;
    WebDriver's own scripts (used to read the page) still run.
    """
    binary = find_executable(["chromium", "chromium-browser"], "CHROMIUM", "/usr/lib/chromium/chromium")
    driver_path = find_executable(["chromedriver"], "CHROMEDRIVER", "/usr/lib/chromium/chromedriver")
    if not binary or not driver_path:
        sys.exit("error: chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="helpsite-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                     f"--window-size={width},{height}", f"--user-data-dir={profile}",
                     f"--lang={language}"):
        options.add_argument(argument)
    prefs = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    _PROFILES[id(driver)] = profile
    return driver


def color_scheme(driver, scheme):
    """Makes the page see prefers-color-scheme: `scheme` ("light" or "dark") from now on, through DevTools."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def close(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(_PROFILES.pop(id(driver), ""), ignore_errors=True)


def wait_for(driver, condition, timeout=10):
    """Waits until `condition(driver)` is truthy; returns its value, or None after `timeout` seconds."""
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))
    except Exception:
        return None


def load(driver, url):
    driver.get(url)
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def site_pages(folder):
    """Every HTML file of a built site, as URL paths relative to the site root ("de/arn/", "404.html")."""
    paths = []
    for directory, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".html"):
                continue
            relative = os.path.relpath(os.path.join(directory, name), folder).replace(os.sep, "/")
            if relative == "index.html":
                relative = ""
            elif relative.endswith("/index.html"):
                relative = relative[: -len("index.html")]
            paths.append(relative)
    return sorted(paths)


def path_of(url):
    return urlsplit(url).path


def absolute(base, path):
    return urljoin(base, path)


class Report:
    """Collects failures of one check and prints them with a one-line summary."""

    def __init__(self, name):
        self.name = name
        self.failures = []
        self.started = time.monotonic()

    def fail(self, message):
        self.failures.append(message)
        print(f"  FAIL {message}", flush=True)

    def check(self, condition, message):
        if not condition:
            self.fail(message)
        return condition

    def finish(self, summary):
        seconds = time.monotonic() - self.started
        status = "PASS" if not self.failures else "FAIL"
        print(f"{self.name}: {status}: {summary} ({len(self.failures)} failure(s), {seconds:.1f} s)", flush=True)
        return 0 if not self.failures else 1


def free_port():
    """A loopback port nothing listens on right now."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`helpsite serve` on a free loopback port while the `with` block runs; `base` is its URL, `ready` whether
    `ready_path` answered within 30 s. Its output goes to `log_path`."""

    def __init__(self, command, log_path, ready_path=""):
        import subprocess
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self._log = open(log_path, "w")
        self._process = subprocess.Popen(command + ["--port", str(self.port)], stdout=self._log, stderr=subprocess.STDOUT)
        self.ready = self._wait(ready_path)

    def _wait(self, path):
        import urllib.request
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + path, timeout=2).read()
                return True
            except Exception:
                time.sleep(0.1)
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        import subprocess
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._log.close()
        return False
