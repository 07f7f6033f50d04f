"""Drive the book's notebooks in a real JupyterLab from Chromium: run them, move their live widgets, time the moves.

Used by ``tests/test_live.py`` (every notebook runs and every live widget responds) and by
``benchmarks/run.py`` (key press to new figure, per widget). Nothing here knows about finance.

    with JupyterLab(book_copy, home=tmp) as lab, chromium() as browser:
        notebook = open_notebook(browser, lab, "credit-assessment/cutoffs.ipynb")
        report = notebook.run_all()                 # every code cell, kernel idle at the end
        for widget in notebook.live_widgets():
            for control in notebook.controls(widget):
                move = notebook.move(widget, control)   # one step; .changed, .ms, .problems
        notebook.close()                            # shuts its kernel down

The server runs on 127.0.0.1 on a free port with no token, over whatever folder it is given (a
temporary copy of ``book/``), with its configuration, runtime, workspace, settings and IPython folders
inside ``home`` so nothing leaks into the user's own. Kernels are started by the server, so
``lessons.widgets`` sees a live front end (``JPY_SESSION_NAME``) and builds live views; the server's
environment never carries ``LESSONS_WIDGETS`` (which would force a mode).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Kernel traceback markers in the server's log (a kernel's own stderr goes there: comm handlers log there).
TRACEBACK = "Traceback (most recent call last)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_book(book: Path, target: Path) -> Path:
    """Copy the book's pages (not its build output or checkpoints) to ``target`` and return it."""
    shutil.copytree(book, target, ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints", "_static"))
    return target


class JupyterLab:
    """A JupyterLab server over ``root``; a context manager that always shuts it (and its kernels) down."""

    def __init__(self, root: Path, *, home: Path, startup_timeout: float = 90.0) -> None:
        self.root = Path(root)
        self.home = Path(home)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / "jupyterlab.log"
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._opener: urllib.request.OpenerDirector | None = None
        self._xsrf = ""

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("LESSONS_WIDGETS", "JPY_SESSION_NAME")}
        folders = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
            "JUPYTERLAB_SETTINGS_DIR": "settings",
            "IPYTHONDIR": "ipython",
        }
        for variable, name in folders.items():
            (self.home / name).mkdir(parents=True, exist_ok=True)
            env[variable] = str(self.home / name)
        # Every cell in the DOM (no windowing), so every widget can be found and moved.
        tracker = self.home / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True, exist_ok=True)
        tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def start(self) -> None:
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            "--ServerApp.token=", "--ServerApp.password=",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.workspaces_dir={self.home / 'workspaces'}",
            f"--LabApp.user_settings_dir={self.home / 'settings'}",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        env = self.environment()
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/api/status", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer within {self.startup_timeout:.0f} s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def api(self, method: str, path: str) -> Any:
        """Call the server's REST API (with the XSRF cookie a browser would send); the decoded JSON or None."""
        if self._opener is None:
            jar = http.cookiejar.CookieJar()
            self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            self._opener.open(self.url + "/lab", timeout=10).read()
            self._xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
        request = urllib.request.Request(self.url + path, method=method, headers={"X-XSRFToken": self._xsrf})
        with self._opener.open(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernels(self) -> list[dict[str, Any]]:
        return self.api("GET", "/api/kernels")

    def shut_down_sessions(self, path: str | None = None) -> None:
        """Shut down the kernel of every session (of ``path`` only, if given)."""
        for session in self.api("GET", "/api/sessions"):
            if path is None or session.get("path") == path:
                with contextlib.suppress(urllib.error.HTTPError):
                    self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        """SIGTERM: the server shuts every kernel down and exits; kill its process group if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> JupyterLab:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def chromium(executable: str | None = None) -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (closed on exit)."""
    executable = executable or CHROMIUM
    if not executable:
        raise FileNotFoundError("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# --- in-page JavaScript (JupyterLab 4, exposed as window.jupyterapp) --------------------------------------

_READY = """path => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    if (!panel || !panel.sessionContext || !panel.content || !panel.context || panel.context.path !== path) return false;
    const context = panel.sessionContext;
    const kernel = context.session && context.session.kernel;
    return !!(kernel && context.isReady && kernel.status === 'idle' && kernel.connectionStatus === 'connected');
}"""

# Collect the kernel's error and stderr messages (from cells and from widget callbacks alike).
_LISTEN = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    window.__lessonsKernelProblems = [];
    panel.sessionContext.session.kernel.iopubMessage.connect((_, msg) => {
        const type = msg.header.msg_type;
        if (type === 'error') window.__lessonsKernelProblems.push(msg.content.ename + ': ' + msg.content.evalue);
        if (type === 'stream' && msg.content.name === 'stderr') window.__lessonsKernelProblems.push('stderr: ' + msg.content.text);
    });
}"""

_CELLS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    const cells = panel.content.widgets.filter(c => c.model.type === 'code').map((cell, index) => {
        const outputs = [];
        for (let i = 0; i < cell.model.outputs.length; i++) outputs.push(cell.model.outputs.get(i).toJSON());
        return {
            index: index,
            count: cell.model.executionCount,
            running: cell.model.executionState === 'running' || cell.promptNode && cell.promptNode.textContent.includes('*'),
            errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
            stderr: outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr').map(o => [].concat(o.text).join('')),
            source: cell.model.sharedModel.getSource().slice(0, 80),
        };
    });
    return {status: kernel ? kernel.status : 'none', cells: cells};
}"""

# Arm a timer for one move: it starts at the first key press or change event (the user's action) and stops
# when the output widget's content is replaced and its images are decoded (the new figure is on screen).
_ARM = """(widget) => {
    const outputs = widget.querySelectorAll('.widget-html-content');
    const content = outputs[outputs.length - 1];
    const move = {start: null, end: null, html: content.innerHTML};
    window.__lessonsMove = move;
    const mark = () => {
        if (move.start === null) move.start = performance.now();
        document.removeEventListener('keydown', mark, true);
        document.removeEventListener('change', mark, true);
    };
    document.addEventListener('keydown', mark, true);
    document.addEventListener('change', mark, true);
    const observer = new MutationObserver(() => {
        if (content.innerHTML === move.html) return;
        observer.disconnect();
        const images = Array.from(content.querySelectorAll('img'));
        Promise.all(images.map(i => i.decode().catch(() => null))).then(() => {
            requestAnimationFrame(() => { move.end = performance.now(); });
        });
    });
    observer.observe(content, {childList: true, subtree: true, characterData: true});
    move.observer = observer;
}"""

_MOVE_DONE = "() => window.__lessonsMove && window.__lessonsMove.end !== null"
_MOVE_RESULT = """() => {
    const move = window.__lessonsMove;
    if (move.observer) move.observer.disconnect();
    return {start: move.start, end: move.end};
}"""


@dataclass
class CellReport:
    """What running every cell gave."""

    cells: list[dict[str, Any]]
    seconds: float

    @property
    def problems(self) -> list[str]:
        found = []
        for cell in self.cells:
            where = f"code cell {cell['index'] + 1} ({cell['source'].splitlines()[0] if cell['source'] else ''!r})"
            if cell["count"] is None:
                found.append(f"{where} did not run")
            found += [f"{where}: error output {e}" for e in cell["errors"]]
            found += [f"{where}: stderr output {s[:300]}" for s in cell["stderr"]]
        return found


@dataclass
class Move:
    """One step of one control."""

    control: str
    changed: bool
    ms: float | None
    problems: list[str] = field(default_factory=list)


class Notebook:
    """One notebook open in its own browser page with a fresh workspace and its own kernel."""

    def __init__(self, page: Any, lab: JupyterLab, path: str, *, owns_context: bool = True) -> None:
        self.page = page
        self.lab = lab
        self.path = path
        self.owns_context = owns_context
        self.console_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    def start(self) -> Notebook:
        """Load JupyterLab with a fresh workspace showing this notebook (returns before it is ready)."""
        self.page.goto(f"{self.lab.url}/lab/tree/{quote(self.path)}?reset", wait_until="domcontentloaded")
        return self

    def wait_ready(self, timeout: float = 90.0) -> Notebook:
        """Wait until the notebook is shown and its kernel is connected and idle."""
        self.page.wait_for_function(_READY, arg=self.path, timeout=timeout * 1000, polling=200)
        self.page.evaluate(_LISTEN)
        return self

    def kernel_problems(self) -> list[str]:
        return self.page.evaluate("() => window.__lessonsKernelProblems.splice(0)")

    def run_all(self, timeout: float = 240.0) -> CellReport:
        """Run every cell; return when each code cell has run (or one failed) and the kernel is idle."""
        start = time.perf_counter()
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        deadline = time.monotonic() + timeout
        while True:
            state = self.page.evaluate(_CELLS)
            cells = state["cells"]
            ran = all(c["count"] is not None for c in cells)
            failed = any(c["errors"] for c in cells)
            busy = state["status"] != "idle" or any(c["running"] for c in cells)
            if (ran or failed) and not busy:
                # idle twice in a row, a moment apart: no cell is queued behind the last reply
                self.page.wait_for_timeout(200)
                again = self.page.evaluate(_CELLS)
                if again["status"] == "idle" and not any(c["running"] for c in again["cells"]):
                    return CellReport(cells=again["cells"], seconds=time.perf_counter() - start)
            if time.monotonic() > deadline:
                return CellReport(cells=cells, seconds=time.perf_counter() - start)
            self.page.wait_for_timeout(200)

    def live_widgets(self) -> list[Any]:
        return self.page.query_selector_all(".jp-Notebook .lessons-widget-live")

    def static_widgets(self) -> list[Any]:
        return self.page.query_selector_all(".jp-Notebook .lessons-widget-static")

    @staticmethod
    def controls(widget: Any) -> list[Any]:
        return widget.query_selector_all(".noUi-handle, select")

    @staticmethod
    def describe(control: Any) -> str:
        return control.evaluate(
            """c => {
                const box = c.closest('.widget-inline-hbox') || c.parentElement;
                const label = box && box.querySelector('label');
                return (c.tagName === 'SELECT' ? 'drop-down ' : 'slider ') + (label ? label.textContent.trim() : '');
            }"""
        )

    def _act(self, control: Any) -> None:
        if control.evaluate("c => c.tagName") == "SELECT":
            options = control.eval_on_selector_all("option", "os => os.map(o => o.value)")
            current = control.evaluate("s => s.value")
            following = options[(options.index(current) + 1) % len(options)] if current in options else options[0]
            control.select_option(following)
            return
        now, top = control.evaluate(
            "h => [Number(h.getAttribute('aria-valuenow')), Number(h.getAttribute('aria-valuemax'))]"
        )
        control.focus()
        control.press("ArrowLeft" if now >= top else "ArrowRight")

    def move(self, widget: Any, control: Any, timeout: float = 20.0) -> Move:
        """Move ``control`` one step; time key press (or change) to the new output drawn."""
        name = self.describe(control)
        widget.scroll_into_view_if_needed()
        log_before = len(self.lab.log())
        self.kernel_problems()
        widget.evaluate(_ARM)
        self._act(control)
        changed = True
        try:
            self.page.wait_for_function(_MOVE_DONE, timeout=timeout * 1000, polling="raf")
        except Exception:  # Playwright's TimeoutError: the output never changed
            changed = False
        timing = self.page.evaluate(_MOVE_RESULT)
        problems = [f"kernel: {p[:300]}" for p in self.kernel_problems()]
        new_log = self.lab.log()[log_before:]
        if TRACEBACK in new_log:
            problems.append("traceback in the kernel log: " + new_log[new_log.index(TRACEBACK):][:800])
        if TRACEBACK in widget.inner_text():
            problems.append("a traceback is shown in the widget")
        ms = timing["end"] - timing["start"] if changed and timing["start"] is not None else None
        return Move(control=name, changed=changed, ms=ms, problems=problems)

    def close(self) -> None:
        """Close the page and shut this notebook's kernel down (waits until the server has done so)."""
        with contextlib.suppress(Exception):
            if self.owns_context:
                self.page.context.close()
            else:
                self.page.close()
        with contextlib.suppress(Exception):
            self.lab.shut_down_sessions(self.path)


def open_notebook(
    browser: Any, lab: JupyterLab, path: str, *, wait: bool = True, timeout: float = 90.0, context: Any = None
) -> Notebook:
    """Open ``path`` (relative to the server's root) in a new page with a fresh workspace.

    The page gets a browser context of its own unless ``context`` is given (a context keeps its HTTP
    cache, so JupyterLab loads faster the next time; keep one notebook at a time per context). With
    ``wait=False`` it returns as soon as the page starts loading; call ``wait_ready()`` later.
    """
    owns = context is None
    if owns:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
    notebook = Notebook(context.new_page(), lab, path, owns_context=owns)
    try:
        notebook.start()
        return notebook.wait_ready(timeout=timeout) if wait else notebook
    except Exception:
        notebook.close()
        raise


class OpenAhead:
    """Hand out notebooks in order, each opened while the one before it runs.

    JupyterLab takes seconds to load and a kernel seconds to start; the browser and the kernel of the
    previous notebook mostly wait on each other, so loading the next notebook meanwhile uses the two
    cores better. Pages take turns over ``ahead + 1`` browser contexts, so each context shows one
    notebook at a time and its HTTP cache serves JupyterLab's scripts from the second notebook on.
    Not for timing measurements (the pages would compete).
    """

    def __init__(self, browser: Any, lab: JupyterLab, paths: list[str], ahead: int = 1) -> None:
        self.browser, self.lab, self.paths, self.ahead = browser, lab, list(paths), ahead
        self.pending: dict[str, Notebook] = {}
        self.contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(ahead + 1)]

    def _open(self, path: str) -> Notebook:
        position = self.paths.index(path) if path in self.paths else 0
        context = self.contexts[position % len(self.contexts)]
        return open_notebook(self.browser, self.lab, path, wait=False, context=context)

    def take(self, path: str, timeout: float = 90.0) -> Notebook:
        notebook = self.pending.pop(path, None) or self._open(path)
        if path in self.paths:
            position = self.paths.index(path)
            for following in self.paths[position + 1 : position + 1 + self.ahead]:
                if following not in self.pending:
                    self.pending[following] = self._open(following)
        try:
            return notebook.wait_ready(timeout=timeout)
        except Exception:
            notebook.close()
            raise

    def close(self) -> None:
        for notebook in self.pending.values():
            notebook.close()
        self.pending.clear()
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()


FLOOR_SOURCE = '''from lessons.widgets import Slider, explore

explore(lambda n: f"<p>{n}</p>", n=Slider(0, 100, step=1, value=50, label="n"))
'''


def write_floor_notebook(folder: Path, name: str = "floor-widget.ipynb") -> str:
    """A notebook with one trivial live widget (a slider showing its value): the latency floor."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(notebook, folder / name)
    return name
