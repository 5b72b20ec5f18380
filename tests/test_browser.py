"""Real-browser tests: every notebook run in JupyterLab, the dashboard in Voilà, in headless Chromium.

Marked ``browser``. They need Debian's chromium (``make setup`` installs it); a missing browser is
a failure, not a skip. Screenshots are kept in ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import papermill
import pytest
from playwright.sync_api import sync_playwright

import toolkit
from toolkit.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--no-sandbox"]  # fmt: skip
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
NOTEBOOKS = sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob("*.ipynb"))
HOSTILE = (
    "Council approves the new harbour after a long night of debate\n\n"
    "The city council approved the harbour plan on Tuesday after eleven hours of debate about costs and the environment.\n\n"
    '“The plan is <script>window.__pwned = 1</script> finally ready for the <img src=x onerror="window.__pwned = 2"> city,” '
    'said Anna Berg, who chairs the committee, adding that <b>bold</b> &amp; <a href="javascript:window.__pwned=3">linked</a> '
    "promises were kept.\n\n"
    "Opponents led by Tom Reed argued that the budget was unrealistic and asked for an independent review before work begins.\n\n"
    "Construction is expected to start next spring, and the first phase should be finished within three years, officials said.\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def serve(command: list[str], url: str, environment: dict | None = None) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(environment or {})})  # fmt: skip
    try:
        wait_for(url)
    except TimeoutError:
        process.kill()
        raise
    return process


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is required for the browser tests (make setup installs it)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    toolkit.run("data/raw", "data/processed", progress=False)
    settings = tmp_path_factory.mktemp("lab-settings")
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))  # fmt: skip
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    process = serve([sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
                     "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
                     f"--ServerApp.root_dir={PROJECT_ROOT}"],
                    f"{base}/api/status?token={token}", {"JUPYTERLAB_SETTINGS_DIR": str(settings)})  # fmt: skip
    yield base, token
    process.terminate()
    process.wait(timeout=30)


RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  await panel.sessionContext.session.kernel.info;
  await app.commands.execute('notebook:run-all-cells');
}"""
DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return panel.sessionContext.session.kernel.status === 'idle'
      && cells.every(c => c.model.executionCount !== null && c.model.executionState !== 'running');
}"""
ERRORS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .flatMap(c => c.model.outputs.toJSON())
  .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)"""
PLOTLY_OUTPUTS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .flatMap(c => c.model.outputs.toJSON())
  .filter(o => o.data && o.data['application/vnd.plotly.v1+json']).length"""


def open_and_run(page, base: str, token: str, notebook: str) -> None:
    """Open a notebook (path from the project root) in a fresh kernel and run all its cells."""
    request = urllib.request.Request(f"{base}/api/sessions?token={token}")
    for session in json.load(urllib.request.urlopen(request)):
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"))
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext", timeout=60_000)  # fmt: skip
    page.evaluate(RUN_ALL)
    page.wait_for_function(DONE, timeout=180_000, polling=500)


def change_first_dropdown(page) -> tuple[str, str]:
    """Pick another option in the first widget dropdown; the HTML below it before and after."""
    select = page.locator(".widget-dropdown select").first
    select.wait_for(timeout=30_000)
    html_output = page.locator(".widget-html-content").first
    before = html_output.inner_html()
    options = select.locator("option").all_inner_texts()
    assert len(options) > 1
    select.select_option(label=options[1])
    page.wait_for_function("(old) => document.querySelector('.widget-html-content').innerHTML !== old", arg=before, timeout=30_000)
    return before, html_output.inner_html()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(browser, lab, notebook):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_and_run(page, base, token, f"notebooks/{notebook}")
    assert page.evaluate(ERRORS) == []
    expected_charts = page.evaluate(PLOTLY_OUTPUTS)
    if expected_charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {expected_charts}", timeout=60_000)
    if page.locator(".widget-dropdown select").count():
        before, after = change_first_dropdown(page)
        assert before != after
    page.screenshot(path=str(ARTIFACTS / f"lab-{notebook}.png"), full_page=False)
    page.close()


def voila(notebook: Path) -> tuple[subprocess.Popen, str]:
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/?token={token}"
    process = serve([sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
                     "--Voila.port_retries=0", f"--token={token}"], url)  # fmt: skip
    return process, url


def test_dashboard_in_voila(browser):
    toolkit.run("data/raw", "data/processed", progress=False)
    process, url = voila(PROJECT_ROOT / "notebooks" / "dashboard.ipynb")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=120_000)
        assert page.locator(".js-plotly-plot").count() == 3
        before, after = change_first_dropdown(page)
        assert before != after
        assert str(PROJECT_ROOT) not in page.content()  # a dashboard shows no machine paths
        assert "Traceback" not in page.content()
        page.screenshot(path=str(ARTIFACTS / "voila-dashboard.png"), full_page=True)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_hostile_article_runs_nothing_in_voila_and_reports(browser, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "0-hostile.txt").write_text(HOSTILE)  # sorts first: the article the notebook highlights
    shutil.copy(PROJECT_ROOT / "data" / "raw" / "000_f018dc39b27d5f92.txt", raw)
    tables = toolkit.run(raw, out, progress=False)
    assert "<script>" in tables.articles["text"].str.cat()
    dashboard = tmp_path / "dashboard.ipynb"
    papermill.execute_notebook(str(PROJECT_ROOT / "notebooks" / "dashboard.ipynb"), str(dashboard), prepare_only=True,
                               parameters={"RAW_DIR": str(raw), "OUT_DIR": str(out)})  # fmt: skip
    process, url = voila(dashboard)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".widget-tab", timeout=120_000)
        page.get_by_role("tab", name="Quotes").click()
        speaker = page.locator(".widget-dropdown select").nth(0)
        page.wait_for_timeout(500)
        listing = page.locator("select[multiple], .widget-select select").first
        options = listing.locator("option").all_inner_texts()
        hostile_option = next(o for o in options if "script" in o)
        listing.select_option(label=hostile_option)
        page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')].some(e => e.textContent.includes('<script>'))",
                               timeout=30_000)  # fmt: skip
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".widget-html-content script").count() == 0
        assert page.locator(".widget-html-content img").count() == 0
        assert page.locator(".widget-html-content a[href^='javascript']").count() == 0
        assert dialogs == [] and speaker.count() == 1
        page.screenshot(path=str(ARTIFACTS / "voila-hostile.png"), full_page=True)
    finally:
        process.terminate()
        process.wait(timeout=30)
    executed = tmp_path / "report.ipynb"
    papermill.execute_notebook(str(PROJECT_ROOT / "notebooks" / "03-quotes.ipynb"), str(executed), cwd=str(PROJECT_ROOT / "notebooks"),
                               parameters={"RAW_DIR": str(raw), "OUT_DIR": str(out)}, progress_bar=False)  # fmt: skip
    html_outputs = [o["data"]["text/html"] for cell in json.loads(executed.read_text())["cells"] for o in cell.get("outputs", [])
                    if "text/html" in o.get("data", {})]  # fmt: skip
    joined = "".join("".join(h) if isinstance(h, list) else h for h in html_outputs)
    assert "&lt;script&gt;" in joined and "<script>window" not in joined and "<img src=x" not in joined


def test_hostile_article_runs_nothing_in_jupyterlab(browser, lab, tmp_path):
    base, token = lab
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "0-hostile.txt").write_text(HOSTILE)  # sorts first: the article the notebook highlights
    shutil.copy(PROJECT_ROOT / "data" / "raw" / "000_f018dc39b27d5f92.txt", raw)
    ARTIFACTS.mkdir(exist_ok=True)
    notebook = ARTIFACTS / "hostile-03-quotes.ipynb"
    papermill.execute_notebook(str(PROJECT_ROOT / "notebooks" / "03-quotes.ipynb"), str(notebook), prepare_only=True,
                               parameters={"RAW_DIR": str(raw), "OUT_DIR": str(out)})  # fmt: skip
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_and_run(page, base, token, f"test-artifacts/{notebook.name}")
    assert page.evaluate(ERRORS) == []
    page.wait_for_function("() => document.body.innerText.includes('<script>window.__pwned')", timeout=30_000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".jp-OutputArea-output script").count() == 0
    assert page.locator(".jp-OutputArea-output img[src='x']").count() == 0
    assert dialogs == []
    page.screenshot(path=str(ARTIFACTS / "lab-hostile.png"))
    page.close()
