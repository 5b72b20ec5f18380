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
from toolkit.explore.selection import entity_options
from toolkit.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--no-sandbox"]  # fmt: skip
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
NOTEBOOKS = sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
DEV_DUMPS = PROJECT_ROOT.parent / "shared" / "dev" / "cleaning" / "dumps"
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


def all_html(page) -> str:
    return page.evaluate("() => [...document.querySelectorAll('.widget-html-content')].map(e => e.innerHTML).join('|')")


def changes_the_view(page, action) -> None:
    """Run ``action`` and wait until some explorer output on the page shows something else."""
    before = all_html(page)
    action()
    page.wait_for_function("(old) => [...document.querySelectorAll('.widget-html-content')].map(e => e.innerHTML).join('|') !== old",
                           arg=before, timeout=30_000)  # fmt: skip


def search(page, picker, text: str) -> str:
    """Type part of a name into a searchable picker; the options it offers must contain it.
    Then pick the first match (as a user does from the list) and return it."""
    picker.fill(text)
    options = page.evaluate("(id) => [...document.getElementById(id).options].map(o => o.value)", picker.get_attribute("list"))
    matches = [o for o in options if text.lower() in o.lower()]
    assert matches, f"no option of the picker contains {text!r}"
    changes_the_view(page, lambda: picker.fill(matches[0]))
    return matches[0]


def exercise_explorers(page, tabs: bool = False) -> None:
    """One interaction per explorer, each changing its view: search an entity, search a speaker,
    search another outlet to compare. ``tabs``: the explorers sit in tabs (the dashboard)."""
    pickers = page.locator("input[list]")
    pickers.first.wait_for(timeout=60_000)
    entity = pickers.first
    options = page.evaluate("(id) => [...document.getElementById(id).options].map(o => o.value)", entity.get_attribute("list"))
    wanted = options[1].split(" (")[0][:5]  # part of the second entity's name
    search(page, entity, wanted)
    if tabs:
        page.get_by_role("tab", name="Quotes").click()
    speaker = pickers.nth(2)  # pickers in page order: entity, its outlet filter, speaker, its outlet filter, outlet A, outlet B
    speaker.wait_for(state="visible", timeout=30_000)
    speakers = page.evaluate("(id) => [...document.getElementById(id).options].map(o => o.value)", speaker.get_attribute("list"))
    search(page, speaker, speakers[0][:4])
    assert page.locator(".widget-select select option").count() >= 1
    if tabs:
        page.get_by_role("tab", name="Compare outlets").click()
    outlet_b = pickers.last
    outlet_b.wait_for(state="visible", timeout=30_000)
    outlets = page.evaluate("(id) => [...document.getElementById(id).options].map(o => o.value)", outlet_b.get_attribute("list"))
    other = next(o for o in reversed(outlets) if o != outlet_b.input_value())
    changes_the_view(page, lambda: outlet_b.fill(other))


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory):
    """The 119 development dumps, copied (never read in place), and their tables."""
    if not DEV_DUMPS.is_dir():
        pytest.skip(f"the development dumps are not beside the project ({DEV_DUMPS}); the seed corpus is tested instead")
    raw = tmp_path_factory.mktemp("dev") / "raw"
    shutil.copytree(DEV_DUMPS, raw)
    out = raw.parent / "dev-out"
    toolkit.run(raw, out, progress=False)
    return raw, out


def has_explorers(notebook: str) -> bool:
    cells = json.loads((PROJECT_ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return any("widgets." in "".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


def check_notebook(page, base: str, token: str, path: str, screenshot: str, explorers: bool) -> None:
    open_and_run(page, base, token, path)
    assert page.evaluate(ERRORS) == []
    expected_charts = page.evaluate(PLOTLY_OUTPUTS)
    if expected_charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {expected_charts}", timeout=60_000)
    if explorers:
        exercise_explorers(page)
    page.screenshot(path=str(ARTIFACTS / screenshot), full_page=False)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(browser, lab, notebook):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    check_notebook(page, base, token, f"notebooks/{notebook}", f"lab-{notebook}.png", has_explorers(notebook))
    page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_on_the_development_dumps(browser, lab, dev_corpus, notebook):
    base, token = lab
    raw, out = dev_corpus
    prepared = ARTIFACTS / f"dev-{notebook}"
    papermill.execute_notebook(str(PROJECT_ROOT / "notebooks" / notebook), str(prepared), prepare_only=True,
                               parameters={"RAW_DIR": str(raw), "OUT_DIR": str(out)})  # fmt: skip
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    check_notebook(page, base, token, f"test-artifacts/{prepared.name}", f"lab-dev-{notebook}.png", has_explorers(notebook))
    page.close()


def voila(notebook: Path, environment: dict | None = None) -> tuple[subprocess.Popen, str]:
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/?token={token}"
    process = serve([sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
                     "--Voila.port_retries=0", f"--token={token}"], url, environment)  # fmt: skip
    return process, url


def check_dashboard(browser, environment: dict | None, first_entity: str, screenshot: str) -> None:
    process, url = voila(PROJECT_ROOT / "notebooks" / "dashboard.ipynb", environment)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=120_000)
        assert page.locator(".js-plotly-plot").count() == 3
        picker = page.locator("input[list]").first
        picker.wait_for(timeout=60_000)
        assert picker.input_value() == first_entity  # the data set asked for, not the embedded one
        exercise_explorers(page, tabs=True)
        assert str(PROJECT_ROOT) not in page.content()  # a dashboard shows no machine paths
        assert "Traceback" not in page.content()
        page.get_by_role("tab", name="Entities").click()
        page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_dashboard_in_voila(browser):
    tables = toolkit.run("data/raw", "data/processed", progress=False)
    check_dashboard(browser, None, next(iter(entity_options(tables.entities))), "voila-dashboard.png")


def test_dashboard_in_voila_on_the_development_dumps(browser, dev_corpus):
    raw, out = dev_corpus
    tables = toolkit.load(out)
    environment = {"TOOLKIT_RAW_DIR": str(raw), "TOOLKIT_OUT_DIR": str(out)}  # what make dashboard RAW=... OUT=... sets
    check_dashboard(browser, environment, next(iter(entity_options(tables.entities))), "voila-dev-dashboard.png")


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
