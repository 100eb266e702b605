"""The HTML report and the pyLDAvis page, opened in a real browser (headless Chromium).

Each page is opened from the file system with networking off. A test fails on any console
error, any uncaught JavaScript exception and any request that leaves the file system (a script
or style sheet on a CDN, say), and checks that the page did its job: every embedded figure of the
report decodes; the topic map draws one circle per topic and a click on "Next Topic" selects a
topic. A screenshot of each page is saved and its path printed (``RETAILKIT_SCREENSHOTS`` names
the folder; default: pytest's temporary folder, outside the work tree).

The report is built from the committed executed notebooks without executing them
(``python -m retailkit.report --no-execute``), in a temporary folder.

Needs Chromium (Debian package ``chromium``, ``/usr/bin/chromium``; another binary with
``RETAILKIT_CHROMIUM``) and the ``playwright`` package, which drives it; the tests skip, saying
why, where Chromium is missing. ``.ci/run`` installs it when it runs as root. Playwright's own
browser download (``playwright install``) is never used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from retailkit import report

ROOT = Path(__file__).resolve().parent.parent
LDAVIS_PAGE = ROOT / "figures" / "04_ldavis.html"
# What Chromium needs here: no sandbox (CI runs as root), and none of its own background
# connections (component updates, sync, safe browsing ...), which a closed network refuses.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _chromium() -> str | None:
    explicit = os.environ.get("RETAILKIT_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it "
            "when run as root), so the report and the pyLDAvis page are not checked in a browser"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("RETAILKIT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Visit:
    """One page opened offline, with what it logged and requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri(), wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def check(self) -> None:
        leaving = [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]
        assert not leaving, f"requests that leave the file system: {leaving}"
        assert not self.errors, "\n".join(self.errors)

    def screenshot(self, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.page.screenshot(path=str(path))
        with capsys.disabled():
            print(f"\nscreenshot: {path}")

    def close(self) -> None:
        self.context.close()


def _stored_figures() -> int:
    """Figures (PNG outputs) in the committed executed notebooks."""
    count = 0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            count += sum("image/png" in out.get("data", {}) for out in cell.get("outputs", []))
    return count


def test_html_report_opens_offline_without_errors(
    browser: Any, screenshots: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "retailkit_report.html"
    report.main(["--no-execute", "--output", str(output)])
    visit = Visit(browser, output)
    try:
        page = visit.page
        page.wait_for_timeout(500)
        images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert len(images) == _stored_figures() > 10
        assert all(complete and width > 0 for complete, width in images), "a figure did not decode"
        assert page.locator('a[href="#04_topics"]').count() == 1  # the table of contents
        visit.check()
        visit.screenshot(screenshots / "report.png", capsys)
        page.locator('[id="04_topics"]').scroll_into_view_if_needed()
        visit.screenshot(screenshots / "report_04_topics.png", capsys)
        visit.check()
    finally:
        visit.close()


def test_pyldavis_page_opens_offline_draws_the_topics_and_reacts(
    browser: Any, screenshots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = re.search(r'new LDAvis\("#ldavis_retailkit", (.*)\);', LDAVIS_PAGE.read_text("utf-8"))
    assert data is not None
    topics = json.loads(data.group(1))["mdsDat"]["topics"]
    visit = Visit(browser, LDAVIS_PAGE)
    try:
        page = visit.page
        circles = page.locator("#ldavis_retailkit svg circle.dot")
        circles.first.wait_for()
        assert circles.count() == len(topics)
        visit.screenshot(screenshots / "04_ldavis.png", capsys)
        page.get_by_role("button", name="Next Topic").click()
        page.wait_for_timeout(1000)  # LDAvis animates the bars for 750 ms
        assert page.locator("#ldavis_retailkit-topic").input_value() == "1"
        assert "Topic 1" in page.locator("#ldavis_retailkit").inner_text()
        visit.screenshot(screenshots / "04_ldavis_topic1.png", capsys)
        visit.check()
    finally:
        visit.close()
