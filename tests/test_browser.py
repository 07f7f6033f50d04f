"""Open every built page in Chromium and check what a reader would meet.

Each page must: request nothing from any host but the one serving the book;
log no console error; show no error output or traceback; give every image alt
text; pass axe-core with no serious or critical violation; and every static
widget twin must change its picture when its control moves, with no kernel.
Every slider is also swept through all its positions, one way and back, as fast
as key presses can come: the page must log no error (the widgets manager used to
throw when frames changed faster than it built them) and end on the frame it
started from.

Needs Debian's ``chromium`` (``apt-get install chromium``) and axe-core from npm
(``make install-test``). Locally a missing tool skips this file; in CI it fails.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, missing_tool

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "tests" / ".node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]


REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.IGNORECASE)


def _pages(html: Path) -> list[str]:
    """Every built page a reader can land on, except pure redirects (their target is a page of its own)."""
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(p.relative_to(html).parts)
        and not REDIRECT.match(p.read_text(encoding="utf-8"))
    )


def test_the_root_page_redirects_to_a_built_page(instructor_html: Path) -> None:
    # Checked as a file: in the browser loop the redirect would race the accessibility scan.
    match = REDIRECT.match((instructor_html / "index.html").read_text(encoding="utf-8"))
    assert match, "the root index.html should redirect to the first page"
    assert (instructor_html / match.group(1)).is_file()


@pytest.fixture(scope="module")
def server(instructor_html: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(instructor_html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM:
        missing_tool("Chromium is not installed (apt-get install chromium)")
    if not AXE.exists():
        missing_tool("axe-core is not installed (make install-test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


def visible_frame(widget: object) -> str:
    """A fingerprint of what the widget's stack shows now: visible images and text."""
    return widget.evaluate(  # type: ignore[attr-defined]
        """w => Array.from(w.querySelectorAll('.lessons-frame'))
                 .filter(f => f.offsetParent !== null && f.getClientRects().length > 0)
                 .map(f => Array.from(f.querySelectorAll('img')).map(i => i.src.slice(-200)).join('|')
                           + f.innerText.slice(0, 400))
                 .join('##')"""
    )


def move_control(page: object, widget: object, before: str) -> bool:
    """Move the widget's first control (one way, then the other); True if the frame changed."""
    control = widget.query_selector(".noUi-handle, [role='slider'], select")  # type: ignore[attr-defined]
    if control is None:
        return False
    if control.evaluate("e => e.tagName") == "SELECT":
        options = control.eval_on_selector_all("option", "os => os.map(o => o.value)")
        current = control.evaluate("s => s.value")
        moves = [lambda o=o: control.select_option(o) for o in options if o != current]
    else:
        moves = [lambda key=key: (control.focus(), control.press(key)) for key in ("End", "Home")]
    for move in moves:
        move()
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        if visible_frame(widget) != before:
            return True
    return False


SWEEP = """handle => {
    const low = Number(handle.getAttribute('aria-valuemin')), high = Number(handle.getAttribute('aria-valuemax'));
    const press = key => handle.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true, cancelable: true}));
    const reached = [];
    for (let i = low; i < high; i++) press('ArrowRight');
    reached.push(Number(handle.getAttribute('aria-valuenow')));
    for (let i = low; i < high; i++) press('ArrowLeft');
    reached.push(Number(handle.getAttribute('aria-valuenow')));
    return [low, high, reached];
}"""


def sweep_sliders(page: object, widget: object) -> list[str]:
    """Sweep each slider from its first position to its last and back, with no pause; return what went wrong."""
    found = []
    for number, handle in enumerate(widget.query_selector_all(".noUi-handle"), start=1):  # type: ignore[attr-defined]
        handle.focus()
        handle.press("Home")
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        start = visible_frame(widget)
        low, high, reached = handle.evaluate(SWEEP)
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        if reached != [high, low]:
            found.append(f"slider {number}: the sweep reached {reached}, not [{high}, {low}]")
        shown = widget.evaluate(  # type: ignore[attr-defined]
            "w => Array.from(w.querySelectorAll('.lessons-frame')).filter(f => f.offsetParent !== null).length"
        )
        if shown != 1:
            found.append(f"slider {number}: {shown} frames shown after the sweep, not 1")
        if visible_frame(widget) != start:
            found.append(f"slider {number}: after sweeping back to the start the frame differs from the start's")
    return found


def test_every_page_works_offline_accessibly_and_its_widgets_respond(
    browser: object, server: str, instructor_html: Path
) -> None:
    pages = _pages(instructor_html)
    assert pages
    axe_source = AXE.read_text(encoding="utf-8")
    problems: dict[str, list[str]] = {}
    widget_pages = 0
    for name in pages:
        found: list[str] = []
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()

        def on_request(request: object, found: list[str] = found) -> None:
            host = urlparse(request.url).hostname  # type: ignore[attr-defined]
            if request.url.startswith(("data:", "blob:", "about:")):  # type: ignore[attr-defined]
                return
            if host not in ("127.0.0.1", "localhost"):
                found.append(f"request to another host: {request.url}")  # type: ignore[attr-defined]

        def on_console(message: object, found: list[str] = found) -> None:
            if message.type == "error":  # type: ignore[attr-defined]
                where = (message.location or {}).get("url", "")  # type: ignore[attr-defined]
                found.append(f"console error: {message.text} {where}")  # type: ignore[attr-defined]

        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda error, found=found: found.append(f"page error: {error}"))
        page.route("**/*", lambda route: route.abort()
                   if urlparse(route.request.url).hostname not in ("127.0.0.1", "localhost", None)
                   else route.continue_())
        page.goto(server + name, wait_until="load")
        page.wait_for_timeout(300)
        if page.query_selector(".lessons-widget, .jupyter-widgets, script[type='application/vnd.jupyter.widget-view+json']"):
            page.wait_for_selector(".lessons-widget", timeout=15_000)
            page.wait_for_timeout(500)

        errors = page.eval_on_selector_all(
            ".output.error, .output.traceback, .output.stderr, .cell_output .stderr",
            "els => els.map(e => e.innerText.slice(0, 200))",
        )
        found += [f"error output: {e}" for e in errors]
        outputs = page.eval_on_selector_all(".cell_output, .output", "els => els.map(e => e.innerText).join('\\n')")
        if "Traceback (most recent call last)" in outputs:
            found.append("a traceback is shown in a cell output")
        no_alt = page.eval_on_selector_all(
            "img", "els => els.filter(i => !i.hasAttribute('alt') || !i.getAttribute('alt').trim()).map(i => i.src.slice(0, 80))"
        )
        found += [f"image without alt text: {src}" for src in no_alt]

        for index, widget in enumerate(page.query_selector_all(".lessons-widget-static")):
            widget_pages += 1 if index == 0 else 0
            widget.scroll_into_view_if_needed()
            before = visible_frame(widget)
            if not before:
                found.append(f"widget {index + 1} shows no frame")
                continue
            if not move_control(page, widget, before):
                found.append(f"widget {index + 1}: the picture did not change when its first control moved")
            found += [f"widget {index + 1}, {problem}" for problem in sweep_sliders(page, widget)]

        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ['violations'], preload: false});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
            }"""
        )
        found += [f"axe: {v}" for v in violations]
        if found:
            problems[name] = found
        context.close()
    assert not problems, "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in problems.items())
