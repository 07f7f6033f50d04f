"""No output above a checked exercise shows that exercise's answer (issue 14, item 2).

For every checked exercise (an ``{exercise}`` box that asks for ``check("<id>", answer)``) the test looks at
everything the executed notebook shows ABOVE the markdown cell that holds the box, and fails if the registered
answer (``lessons.check.exercises()[id].expected()``) is among it. It reuses the executions of
``tests/test_notebooks.py`` (``tools.run_notebook.executed``: each notebook runs once per test session).

Where the exercise is
    The markdown cell whose ``{exercise}`` directive has ``:label: <id>``; else the one whose box contains the
    call; else the last ``{exercise}`` cell before the (non-solution) code cell that runs the call.

What counts as shown above it
    Every output of every code cell above that cell, as the reader sees it: stream text (stdout and stderr);
    the richest text a front end displays for a result (a widget's state, else ``text/html``, else
    ``text/markdown``, else ``text/plain``); for a widget, the HTML of every frame of its static view (the
    ``HTMLModel``/``LabelModel`` values and ``Output`` widgets reachable from the output's ``model_id`` in the
    notebook's stored widget state, so every position of a slider counts, not only the first); in HTML, the
    visible text, ``alt``/``aria-label``/``title`` attributes, SVG ``<title>`` and ``<text>`` (except axis tick
    labels: three or more evenly spaced numbers that share an x or a y position). Values glued with
    ``lessons.prose.glue`` print nothing where they are computed; they count where markdown above the exercise
    pastes them (``{glue:text}`key:spec```, formatted as myst-nb formats them), read in their sentence (so
    "costs {glue:text}`x` points" is in points) — the typed words and numbers of the prose are not checked,
    only the pasted value. Cells of gated solutions
    (``{solution-start}`` … ``{solution-end}``, or tagged ``solution``) and text inside solution boxes never
    count: they are below their exercise or hidden in a dropdown, and absent from the student edition.

When a number is a leak (kinds ``number``, ``integer``, ``numbers``)
    Every number written in that text is read as a page writes it (``0.534``, ``53.4 %``, ``53.4%``,
    ``53 pp``, ``28,372.61``, ``RMB 3,168``, ``−13``). A number leaks the answer when, read in the answer's unit,
    (1) ``check`` would accept it (the exercise's own tolerance or ``decimals``), and (2) it is the answer
    correctly rounded to the digits it shows. So for a share 0.5997 checked within 0.005, "60.0 %", "60 %",
    "0.600", "0.60" and "0.6" leak, but "59 %" and "0.59" do not; for ``decimals=3`` and an answer 0.6276,
    "0.628" and "62.8 %" leak and "0.63" does not (check would say it is right only to two decimals).
    Shares are matched in percent (``%``/``pp``) or as decimals with at least one decimal place, never as bare
    integers; the other units never as percentages. Four guards keep coincidences out:

    - Units. A number followed by another unit ("13.0 points" for an answer in months), or in a table column
      whose header names another unit, is not the answer. A bare whole number below 100 (``12``, ``4``, ``30``)
      is too common to mean anything on its own, so it counts only with its unit: ``days``/``-day``,
      ``months``, ``points``/``pts``, ``×``/``times``/``-fold``/``:1``/``yuan per yuan`` for a ratio,
      ``RMB``/``¥``/``yuan`` around
      an amount, its column's header, and for a count the noun the question counts ("how many of the 40
      **suppliers**" → ``24 suppliers``, ``24 of 40 suppliers``). A negative answer also leaks as its magnitude
      with its unit ("costs 13 points"), not as "+13 points".
    - Labels. A table cell, an SVG label or a bar's tooltip needs three significant digits ("60.0 %", "0.600",
      "3,802", not "60 %" or "4.0"): a widget shows hundreds of two-digit labels across its frames and one of
      them is bound to equal a two-digit answer by chance. Sentences (printed lines, paragraphs, alt text,
      captions, glued prose) count at any precision.
    - Axis ticks (see above) are not read at all.
    - Inputs. A number equal to a literal written in the code cell that produced it ("Room for 60 % of
      applicants" from ``for share in (0.8, 0.6)``) is an input echoed back, not a computed result.

    A ``numbers`` answer leaks when all of its numbers are shown in one output.

When an option is a leak (kind ``choice``)
    A table that lists every option (with or without the property asked) does not single out which one is
    right, so the rule is narrower: the answer leaks when (a) an output's whole text is the answer option
    (e.g. a cell whose last line evaluates to ``'income'``), or (b) a sentence — of printed text, an HTML
    paragraph or list item, a caption, alt text, an SVG title or label, or glued prose whose pasted value is
    the option, but not a table cell — has a comparative or superlative word of the same kind as one the
    question uses (high: "highest", "most", "largest", "widens"…; low: "lowest", "cheapest", "fewest"…;
    "first"/"top"; "best"; "worst"; "binds") with the answer option named within 10 words of it (as a phrase,
    ignoring case, quotes and dashes) and no other option that close: e.g. "income costs the most points", or
    "the cheapest option that covers it in time is X" for a question asking which option covers the gap "at
    the lowest interest cost". What this misses: a table row that shows the answer next to the largest value,
    and sentences that describe the property in other words.
    ``bool`` answers (True/False) and ``set`` answers are not tested: a printed True or a listed option says
    nothing about the question.

Exercises that send the reader to a widget
    When the exercise text tells the reader to use "the widget", reading the answer off that widget is the
    exercise: the nearest widget above the box is not counted (other outputs are).

Reviewed coincidences
    A number can equal the answer and mean something else (an interval bound of another scenario).
    ``NOT_THE_ANSWER`` lists such matches a reviewer has judged, each with what the number is; they do not
    count. Everything else that matches fails the test.

Only the test over the book is marked ``slow`` (it needs the executed notebooks). The unit tests at the end run
the rule on small hand-written notebooks (outputs written by hand, no kernel) in well under a second, so that
the rule is known to fail when it should and to stay quiet when it should.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import ROOT, notebooks

from lessons.check import Exercise, exercises

# --- where the exercise is -----------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
_LABEL = re.compile(r"^:label:\s*(\S+)", re.MULTILINE)
_GLUE_ROLE = re.compile(r"\{glue(?::(?:text|any|md|math))?\}`(?P<content>[^`]+)`")
_GLUE_DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{glue(?::\w+)?\}\s+(?P<key>\S+)", re.MULTILINE)


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


@dataclass(frozen=True)
class ExerciseBox:
    """Where an exercise's ``{exercise}`` box is in a notebook, and its text."""

    cell: int
    text: str


def _exercise_blocks(notebook: Any) -> list[tuple[int, str | None, str]]:
    """(cell index, label, body) of every ``{exercise}`` directive, in order."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell.get("cell_type") != "markdown":
            continue
        for match in _DIRECTIVE.finditer(_source(cell)):
            if match.group("name") == "exercise":
                label = _LABEL.search(match.group("body"))
                found.append((index, label.group(1) if label else None, match.group("body")))
    return found


def _call_cell(notebook: Any, call: str) -> int | None:
    for index, cell in enumerate(notebook["cells"]):
        if cell.get("cell_type") == "code" and "solution" not in _tags(cell) and call in _source(cell):
            return index
    return None


def exercise_box(notebook: Any, exercise_id: str) -> ExerciseBox | None:
    """The ``{exercise}`` box of ``exercise_id`` in ``notebook`` (a dict or ``NotebookNode``), if any."""
    call = f'check("{exercise_id}", answer)'
    blocks = _exercise_blocks(notebook)
    for index, label, body in blocks:
        if label == exercise_id:
            return ExerciseBox(index, body)
    for index, label, body in blocks:
        if call in body:
            return ExerciseBox(index, body)
    runs = _call_cell(notebook, call)
    if runs is None:
        return None
    before = [(index, body) for index, _, body in blocks if index < runs]
    return ExerciseBox(*before[-1]) if before else None


def gated_cells(notebook: Any) -> set[int]:
    """Indices of the cells of gated solutions (``{solution-start}`` … ``{solution-end}``) or tagged ``solution``."""
    gated: set[int] = set()
    inside = False
    for index, cell in enumerate(notebook["cells"]):
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            for marker in re.findall(r"\{solution-(start|end)\}", source):
                inside = marker == "start"
        elif inside or "solution" in _tags(cell):
            gated.add(index)
    return gated


def _visible_markdown(source: str, inside_solution: bool) -> tuple[str, bool]:
    """The part of a markdown cell a reader sees outside solutions, and whether a gated solution stays open."""
    kept: list[str] = []
    position = 0
    for match in re.finditer(r"^(`{3,}|:{3,})\{(solution-start|solution-end|solution)\}[^\n]*$", source, re.MULTILINE):
        if not inside_solution:
            kept.append(source[position : match.start()])
        name = match.group(2)
        if name == "solution-start":
            inside_solution = True
            position = match.end()
        elif name == "solution-end":
            inside_solution = False
            closing = source.find(match.group(1), match.end())
            position = closing + len(match.group(1)) if closing >= 0 else match.end()
        else:  # a plain {solution} box: skip to its closing fence
            closing = re.compile(rf"^{re.escape(match.group(1))}[ \t]*$", re.MULTILINE).search(source, match.end())
            position = closing.end() if closing else len(source)
    if not inside_solution:
        kept.append(source[position:])
    return "".join(kept), inside_solution


# --- what is shown above it ----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One piece of shown text. ``kind``: text, cell (table cell), alt, title, svg (SVG label), caption.

    ``context`` says where it sits, for the report: a table cell's row, an SVG label's figure description;
    ``header`` is a table cell's column header (it can give the cell's unit).
    """

    kind: str
    text: str
    context: str = ""
    header: str = ""  # a table cell's column header
    spans: tuple[tuple[int, int], ...] = ()  # glued prose: only what these character spans paste counts


@dataclass(frozen=True)
class Shown:
    """One output (or one pasted glue value) above the exercise, as pieces of text."""

    cell: int
    where: str
    pieces: tuple[Piece, ...]
    whole: str
    widget: str | None = None  # the widget's model id, if it is a widget
    origin: int = -1  # the code cell that computed it (for glued prose: the cell that glued it)


_BLOCK_TAGS = {
    "p", "div", "li", "tr", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption",
    "table", "thead", "tbody", "ul", "ol", "section", "figure", "pre", "dt", "dd", "blockquote", "text", "title",
    "summary", "details", "label", "button", "option", "svg",
}  # fmt: skip
_SKIP_TAGS = {"style", "script"}
_NUMBER_ONLY = re.compile(r"^\s*[-−+]?\d[\d,.\s\u202f\u2009\u00a0]*\s*%?\s*$")


@dataclass
class _Raw:
    kind: str
    text: str
    attrs: dict[str, str]
    svg: int = 0  # which <svg> it is in (0: none)
    row: int = 0  # which <tr> (0: none)
    table: int = 0  # which <table>
    col: int = -1  # column within its row
    head: bool = False  # a cell of the table's header (<thead>)


class _TextPieces(HTMLParser):
    """Split HTML into pieces of text a reader sees (or a screen reader reads)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[_Raw] = []
        self._buffer: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._skip = 0
        self._counts = {"svg": 0, "tr": 0, "table": 0}
        self._svg = self._row = self._col = self._cell_col = 0
        self._tables: list[int] = []
        self._thead = 0

    def _kind(self) -> tuple[str, dict[str, str]]:
        for tag, attrs in reversed(self._stack):
            if tag in ("td", "th"):
                return "cell", attrs
            if tag == "text":
                return "svg", attrs
            if tag == "title":
                return "title", attrs
            if tag in ("figcaption", "caption"):
                return "caption", attrs
        return "text", {}

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buffer)).strip()
        self._buffer = []
        if text:
            kind, attrs = self._kind()
            table = self._tables[-1] if self._tables else 0
            col = self._cell_col if kind == "cell" else -1
            self.pieces.append(_Raw(kind, text, attrs, self._svg, self._row, table, col, self._thead > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name in ("alt", "aria-label", "title"):
            if values.get(name, "").strip():
                self.pieces.append(_Raw("alt", re.sub(r"\s+", " ", values[name]).strip(), {}, self._svg))
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in self._counts:
            self._counts[tag] += 1
        if tag == "svg":
            self._svg = self._counts["svg"]
        elif tag == "table":
            self._tables.append(self._counts["table"])
        elif tag == "thead":
            self._thead += 1
        elif tag == "tr":
            self._row, self._col = self._counts["tr"], 0
        elif tag in ("td", "th"):
            self._cell_col = self._col
            span = values.get("colspan", "1")
            self._col += int(span) if span.isdigit() else 1
        if tag not in ("br", "img", "input", "meta", "link", "hr", "col", "wbr"):
            self._stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        if tag in _BLOCK_TAGS:
            self._flush()
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if tag == "svg":
            self._svg = 0
        elif tag == "tr":
            self._row = 0
        elif tag == "thead":
            self._thead = max(0, self._thead - 1)
        elif tag == "table" and self._tables:
            self._tables.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _tick_labels(pieces: list[_Raw]) -> set[int]:
    """Indices of SVG axis tick labels: >= 3 evenly spaced numbers sharing an x or a y position in one SVG."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for i, piece in enumerate(pieces):
        if piece.kind == "svg" and piece.svg and _NUMBER_ONLY.match(piece.text):
            for axis in ("x", "y"):
                if axis in piece.attrs:
                    groups.setdefault((piece.svg, axis, piece.attrs[axis]), []).append(i)
    ticks: set[int] = set()
    for members in groups.values():
        values = sorted({v for v in (_plain_number(pieces[i].text) for i in members) if v is not None})
        if len(values) < 3:
            continue
        steps = [b - a for a, b in zip(values, values[1:])]
        if max(steps) - min(steps) <= 1e-6 * max(1.0, max(abs(s) for s in steps)):
            ticks.update(members)
    return ticks


def _plain_number(text: str) -> float | None:
    cleaned = re.sub(r"[\s,\u202f\u2009\u00a0%]", "", text).replace("−", "-")
    try:
        return float(cleaned)
    except ValueError:
        return None


def html_pieces(markup: str) -> list[Piece]:
    """The pieces of text of an HTML fragment, without SVG axis tick labels.

    A table cell gets its row as ``context`` and its column's header text as ``header``; an SVG label gets its
    figure's description as ``context``.
    """
    parser = _TextPieces()
    parser.feed(markup)
    parser.close()
    raw = parser.pieces
    ticks = _tick_labels(raw)
    rows: dict[int, list[str]] = {}
    headers: dict[tuple[int, int], list[str]] = {}
    figures: dict[int, str] = {}
    for piece in raw:
        if piece.kind == "cell" and piece.row:
            rows.setdefault(piece.row, []).append(piece.text)
            if piece.head:
                headers.setdefault((piece.table, piece.col), []).append(piece.text)
        if piece.kind in ("alt", "title") and piece.svg:
            figures.setdefault(piece.svg, piece.text)
    pieces = []
    for i, piece in enumerate(raw):
        if i in ticks:
            continue
        if piece.kind == "cell":
            context = " | ".join(rows.get(piece.row, []))
            header = "" if piece.head else " ".join(headers.get((piece.table, piece.col), []))
            pieces.append(Piece(piece.kind, piece.text, context, header))
        else:
            pieces.append(Piece(piece.kind, piece.text, figures.get(piece.svg, "") if piece.kind == "svg" else ""))
    return pieces


def _text_pieces(text: str) -> list[Piece]:
    return [Piece("text", line.strip()) for line in text.splitlines() if line.strip()]


def _widget_pieces(model_id: str, state: dict[str, Any], seen: set[str] | None = None) -> list[Piece]:
    """The displayed text of a widget and its descendants: HTML and labels, every frame of a stack, Output widgets."""
    seen = set() if seen is None else seen
    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    model = state[model_id]
    name = model.get("model_name", "")
    values = model.get("state", {})
    pieces: list[Piece] = []
    if name in ("HTMLModel", "HTMLMathModel"):
        frame = html_pieces(str(values.get("value", "")))
        described = next((p.text for p in frame if p.kind in ("caption", "alt")), "")
        if described:  # say which frame a table cell or label is in (for the report)
            frame = [
                dataclasses.replace(p, context=f"{p.context} (frame: {described})") if p.kind in _LABELS else p
                for p in frame
            ]
        pieces += frame
    elif name == "LabelModel":
        pieces += _text_pieces(str(values.get("value", "")))
    elif name == "OutputModel":
        for output in values.get("outputs", []):
            pieces += [p for shown in _output_pieces(output, state) for p in shown[1]]
    for child in values.get("children", []) or []:
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            pieces += _widget_pieces(child[len("IPY_MODEL_") :], state, seen)
    return pieces


def _output_pieces(output: Any, state: dict[str, Any]) -> list[tuple[str, list[Piece], str | None]]:
    """(where, pieces, widget id) for one output, as a front end shows it; glue records show nothing."""
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
        text = "".join(text) if isinstance(text, list) else text
        return [(f"stream ({output.get('name', 'stdout')})", _text_pieces(text), None)]
    if kind not in ("execute_result", "display_data"):
        return []  # errors are caught by test_notebooks
    data = output.get("data", {})

    def text_of(mime: str) -> str:
        value = data.get(mime, "")
        return "".join(value) if isinstance(value, list) else str(value)

    view = data.get("application/vnd.jupyter.widget-view+json")
    if isinstance(view, dict) and view.get("model_id") in state:
        return [("widget", _widget_pieces(view["model_id"], state), view["model_id"])]
    if "text/html" in data:
        return [("text/html", html_pieces(text_of("text/html")), None)]
    if "text/markdown" in data:
        return [("text/markdown", _text_pieces(text_of("text/markdown")), None)]
    if "text/plain" in data:
        return [("text/plain", _text_pieces(text_of("text/plain")), None)]
    return []


def _glued_values(notebook: Any) -> dict[str, tuple[str, int]]:
    """Every value glued in the notebook (``myst_nb.glue``): its ``text/plain`` and the cell that glued it."""
    values: dict[str, tuple[str, int]] = {}
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []) or []:
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            prefix = record.get("mime_prefix", "application/papermill.record/")
            plain = output.get("data", {}).get(prefix + "text/plain")
            if plain is not None:
                values[record.get("name", "")] = ("".join(plain) if isinstance(plain, list) else str(plain), index)
    return values


def _paste(plain: str, spec: str) -> str:
    """``{glue:text}`key:spec``` as myst-nb renders it (``myst_nb.core.variables.format_plain_text``)."""
    try:
        value: Any = ast.literal_eval(plain)
    except (SyntaxError, ValueError):
        value = plain
    if spec == "":
        return str(value)
    kind = spec[-1]
    try:
        if kind == "s":
            value = str(value)
        elif kind in "bcdoxX":
            value = int(value)
        elif kind in "eEfFgGn%":
            value = float(value)
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)


def _glued_prose(cell: int, markdown: str, glued: dict[str, tuple[str, int]]) -> list[Shown]:
    """The sentences of ``markdown`` with their glued values pasted in, one per value pasted."""
    text, pasted = [], []  # the markdown as rendered; (start, end, role content, glue cell) of every pasted value
    position = length = 0
    for match in _GLUE_ROLE.finditer(markdown):
        text.append(markdown[position : match.start()])
        length += match.start() - position
        content = match.group("content")
        key, _, spec = content.rpartition(":") if ":" in content else (content, "", "s")
        if "::" in content or key not in glued:  # glued on another page, or unknown: leave the role
            value = match.group(0)
        else:
            value = _paste(glued[key][0], spec)
            pasted.append((length, length + len(value), content, glued[key][1]))
        text.append(value)
        length += len(value)
        position = match.end()
    text.append(markdown[position:])
    rendered = "".join(text)
    shown = []
    for sentence in _sentences(rendered):
        start, end = sentence
        for first, last, content, origin in pasted:
            if start <= first and last <= end:
                piece = Piece("text", rendered[start:end], spans=((first - start, last - start),))
                where = f"glued prose {{glue:text}}`{content}` (glued in cell {origin})"
                shown.append(Shown(cell, where, (piece,), piece.text, origin=origin))
    for match in _GLUE_DIRECTIVE.finditer(markdown):  # a {glue} directive shows the value on its own
        key = match.group("key")
        if key in glued:
            value = _paste(glued[key][0], "")
            shown.append(Shown(cell, f"glued {{glue}} {key}", (Piece("text", value),), value, origin=glued[key][1]))
    return shown


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence or line of ``text``."""
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=\S)|\n+", text):
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def shown_above(notebook: Any, index: int) -> list[Shown]:
    """Everything cells above cell ``index`` show, outside gated solutions (see the module docstring)."""
    metadata = notebook.get("metadata", {}) or {}
    state = (metadata.get("widgets", {}) or {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    gated = gated_cells(notebook)
    glued = _glued_values(notebook)
    shown: list[Shown] = []
    inside_solution = False
    for i, cell in enumerate(notebook["cells"][: index + 1]):
        if cell.get("cell_type") == "markdown":
            source = _source(cell)
            if i == index:  # the exercise's own cell: only the text before its {exercise} directive
                start = source.find("{exercise}")
                source = source[: source.rfind("\n", 0, start) + 1] if start >= 0 else ""
            visible, inside_solution = _visible_markdown(source, inside_solution)
            shown += _glued_prose(i, visible, glued)
            continue
        if i == index or cell.get("cell_type") != "code" or i in gated:
            continue
        for output in cell.get("outputs", []) or []:
            for where, pieces, widget in _output_pieces(output, state):
                if pieces:
                    whole = "\n".join(p.text for p in pieces)
                    shown.append(Shown(i, where, tuple(pieces), whole, widget, origin=i))
    return shown


# --- numbers -------------------------------------------------------------------------------------

_SPACES = "\u00a0\u202f\u2009\u2007"
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<sign>[-−–+](?=\d))?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:(?P<percent>[ " + _SPACES + r"]?(?:%|pp\b|percentage points?\b|per ?cent\b))|(?![\w]|[.,]\d))"
)
# Unit words: after a number ("12 days", "12-day", "30×", "13 points"), or in a table's column header.
_UNIT_WORDS = {
    "days": r"(?:calendar |working )?days?",
    "months": r"months?",
    "points": r"points?|pts",
    "ratio": r"×|times|-?fold",
    "rmb": r"yuan|RMB|CNY",
    "years": r"years?",
    "weeks": r"weeks?",
}
_UNIT_AFTER = {
    unit: re.compile(r"[ " + _SPACES + r"]?(?:-[ ]?)?(?:" + words + r")(?![\w])", re.I)
    for unit, words in _UNIT_WORDS.items()
}
_UNIT_AFTER["ratio"] = re.compile(  # also "40 yuan per yuan", "40 yuan of loans per yuan of equity"
    r"[ " + _SPACES + r"]?(?:×|x\b|times\b|-?fold\b|:[ ]?1\b|yuan(?: of \w+)? per yuan\b)", re.I
)
_UNIT_IN_HEADER = {
    unit: re.compile(r"(?<![\w])(?:" + words + r")(?![\w])", re.I) for unit, words in _UNIT_WORDS.items()
}
_UNIT_BEFORE = {"rmb": re.compile(r"(?:RMB|CNY|¥|yuan)[ " + _SPACES + r"]?$")}
_HOW_MANY = re.compile(r"\bhow many\s+(?:(?:more|fewer|of|the|a|an|\d[\d,]*|[a-z]+-?[a-z]*ly)\s+)*?([a-z]+s)\b", re.I)


@dataclass(frozen=True)
class Number:
    """A number as written in shown text: its value in its own scale, its decimals, and a percent sign."""

    value: float
    decimals: int
    percent: bool
    start: int
    end: int
    raw: str
    plus: bool = False  # written with an explicit "+"
    significant: int = 0  # significant digits written: "0.0534" 3, "42 %" 2, "3,802" 4


def numbers_in(text: str) -> Iterator[Number]:
    """Every number written in ``text`` (``0.534``, ``53.4 %``, ``28,372.61``, ``−13``, ``39 pp``)."""
    for m in _NUMBER.finditer(text):
        digits = m.group("int").replace(",", "")
        frac = m.group("frac") or ""
        value = float(digits + ("." + frac if frac else ""))
        if m.group("sign") and m.group("sign") != "+":
            value = -value
        plus = m.group("sign") == "+"
        significant = len((digits + frac).lstrip("0"))
        yield Number(value, len(frac), bool(m.group("percent")), m.start(), m.end(), m.group(0), plus, significant)


def _counted_nouns(exercise_text: str) -> set[str]:
    nouns = {m.group(1).lower() for m in _HOW_MANY.finditer(exercise_text)}
    return nouns | {n[:-1] for n in nouns if len(n) > 3}  # "24 suppliers", "1 supplier"


def _unit_after(text: str, number: Number) -> str | None:
    """The unit word written right after ``number`` in ``text``, if any."""
    after = text[number.end :]
    return next((unit for unit, pattern in _UNIT_AFTER.items() if pattern.match(after)), None)


def _has_unit(unit: str, text: str, number: Number, nouns: set[str], header: str = "") -> bool:
    """Whether ``number`` comes with ``unit``: the word after it, "RMB" before it, or its column's header."""
    after, before = text[number.end :], text[: number.start]
    if unit == "count":
        if not nouns:
            return False
        words = "|".join(re.escape(n) for n in sorted(nouns))
        follows = re.match(rf"\s+(?:[\w,.%-]+\s+){{0,2}}?(?:{words})\b", after, re.I) is not None
        return follows or re.search(rf"\b(?:{words})\b", header, re.I) is not None
    if _unit_after(text, number) == unit:
        return True
    if unit in _UNIT_BEFORE and _UNIT_BEFORE[unit].search(before):
        return True
    return unit in _UNIT_IN_HEADER and _UNIT_IN_HEADER[unit].search(header) is not None


def _accepts(exercise: Exercise, expected: float) -> Callable[[float], bool]:
    """Whether ``check`` would accept a value for a single expected number (the exercise's tolerance or decimals)."""
    kind = "integer" if exercise.kind == "integer" else "number"
    single = dataclasses.replace(exercise, kind=kind, expected=lambda: expected, options=())
    return lambda value: single.grade(value).correct


def _literals(source: str) -> frozenset[float]:
    """The numbers written as literals in a code cell (``0.6``, ``570``, ``40_000``): the inputs it was given."""
    literals = re.finditer(r"(?<![\w.])\d[\d_]*(?:\.\d+)?(?![\w.])", source)
    return frozenset(float(m.group(0).replace("_", "")) for m in literals)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _shows_number(
    exercise: Exercise,
    expected: float,
    text: str,
    nouns: set[str],
    accepts: Callable[[float], bool] | None = None,
    *,
    label: bool = False,
    inputs: frozenset[float] = frozenset(),
    header: str = "",
    spans: tuple[tuple[int, int], ...] = (),
) -> str | None:
    """The first written number in ``text`` that shows ``expected`` (the rule in the module docstring), if any.

    ``label``: ``text`` is a table cell or a figure's label, where a number needs three significant digits.
    ``inputs``: numbers written in the code that produced ``text``; a number equal to one of them is an input
    echoed back ("Room for 60 % of applicants" from ``for share in (0.8, 0.6)``), not a result.
    ``header``: the column header of a table cell (its unit, or the noun a count counts).
    ``spans``: if given, only numbers inside these character spans of ``text`` count (glued values in prose).
    """
    accepts = accepts or _accepts(exercise, expected)
    for number in numbers_in(text):
        if spans and not any(a <= number.start and number.end <= b for a, b in spans):
            continue
        if label and number.significant < 3:
            continue
        if any(_same(number.value, x) or (number.percent and _same(number.value / 100, x)) for x in inputs):
            continue
        if exercise.unit == "share":
            if number.percent:
                value, places = number.value / 100, number.decimals + 2
            elif number.decimals >= 1:
                value, places = number.value, number.decimals
            else:
                continue
        elif number.percent:
            continue
        else:
            value, places = number.value, number.decimals
        following = _unit_after(text, number)
        named = {unit for unit, pattern in _UNIT_IN_HEADER.items() if pattern.search(header)}
        # "13 points" is not a number of months, nor is a cell in a "points" column
        other_unit = (following is not None and following != exercise.unit) or (
            following is None and bool(named) and exercise.unit not in named
        )
        candidates = [(value, False)]
        if expected < 0 and value > 0 and not number.plus:
            candidates.append((-value, True))  # "costs 13 points" for -13 (but not "+13 points")
        for candidate, magnitude in candidates:
            half = 0.5 * 10.0**-places
            if abs(candidate - expected) > half * (1 + 1e-9) + 1e-12:
                continue  # not the answer rounded to the digits shown
            if not accepts(candidate):
                continue
            if other_unit:
                continue
            small = not number.percent and number.decimals == 0 and abs(value) < 100
            if (small or magnitude) and exercise.unit != "share":
                if not _has_unit(exercise.unit, text, number, nouns, header):
                    continue
            return number.raw
    return None


# --- options -------------------------------------------------------------------------------------

# Words that single out one option, grouped by the property they pick: a sentence uses a word of the same group
# as the question ("at the lowest interest cost" ~ "the cheapest option").
_PROPERTY_GROUPS = (
    frozenset({"highest", "largest", "most", "biggest", "greatest", "maximum", "max", "riskiest", "costliest",
               "dearest", "strongest", "more", "higher", "larger", "longer", "widest", "widens", "widen", "widened"}),
    frozenset({"lowest", "smallest", "least", "fewest", "minimum", "min", "cheapest", "safest", "weakest", "fewer",
               "less", "lower", "smaller", "shorter", "narrowest", "narrows"}),
    frozenset({"first", "top"}),
    frozenset({"best", "better"}),
    frozenset({"worst", "worse"}),
    frozenset({"binds", "binding"}),
)  # fmt: skip


def _fold(text: str) -> str:
    """``text`` with case, quotes, dashes and spaces made uniform, character for character (positions kept)."""
    folded = []
    for char in text:
        lower = char.casefold()
        char = lower if len(lower) == 1 else char.lower()
        if char in "‘’‚‛′`´":
            char = "'"
        elif char in "“”„‟″":
            char = '"'
        elif char in "‐‑‒–—−-":
            char = " "
        elif char.isspace() or char in _SPACES:
            char = " "
        folded.append(char)
    return "".join(folded)


def _normalise(text: str) -> str:
    return re.sub(" +", " ", _fold(text)).strip()


def _mentions(option: str, text: str) -> list[tuple[int, int]]:
    """Character spans where ``text`` names ``option`` as a phrase (ignoring case, quotes, dashes and spacing)."""
    words = _normalise(option).split(" ")
    pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, _fold(text))]


def _property_words(exercise_text: str) -> set[str]:
    """The words that would single out an option for this question: every word of each group the question uses."""
    words = set(re.findall(r"[a-z]+", exercise_text.casefold()))
    return {word for group in _PROPERTY_GROUPS if words & group for word in group}


_WINDOW = 10  # words between a property word ("cheapest") and the option it singles out


def _shows_option(exercise: Exercise, answer: str, shown: Shown, exercise_text: str) -> str | None:
    """The text in ``shown`` that singles out ``answer`` (the rule in the module docstring), if any."""
    if not any(piece.spans for piece in shown.pieces):
        bare = _normalise(shown.whole).strip(" '\"`.:;,()[]")
        if bare == _normalise(answer):
            return shown.whole
    others = [o for o in exercise.options if _normalise(o) != _normalise(answer)]
    asked = _property_words(exercise_text)
    if not asked:
        return None
    for piece in shown.pieces:
        if piece.kind == "cell":
            continue
        for start, end in _sentences(piece.text):
            sentence = piece.text[start:end]
            spans = [(a - start, b - start) for a, b in piece.spans]
            words = [(m.start(), m.end()) for m in re.finditer(r"\w+", sentence)]

            def word_range(span: tuple[int, int]) -> tuple[int, int]:
                inside = [k for k, (a, b) in enumerate(words) if a < span[1] and b > span[0]]
                return (inside[0], inside[-1]) if inside else (-1, -1)

            answer_at = [
                word_range(m)
                for m in _mentions(answer, sentence)
                if not spans or any(a < m[1] and b > m[0] for a, b in spans)
            ]
            if not answer_at:
                continue
            others_at = [word_range(m) for o in others for m in _mentions(o, sentence)]
            for k, (a, b) in enumerate(words):
                if sentence[a:b].casefold() not in asked:
                    continue

                def near(where: tuple[int, int], k: int = k) -> bool:
                    return where[0] - _WINDOW <= k <= where[1] + _WINDOW

                if any(near(w) for w in answer_at) and not any(near(w) for w in others_at):
                    return sentence
    return None


# --- the check -----------------------------------------------------------------------------------

TESTED_KINDS = ("number", "integer", "numbers", "choice")


@dataclass(frozen=True)
class Leak:
    """An output above an exercise that shows its answer."""

    exercise_id: str
    cell: int
    where: str
    shown: str
    excerpt: str
    exempt: bool = False  # read from the widget the exercise sends the reader to
    context: str = ""  # the table row or figure the excerpt belongs to
    coincidence: str = ""  # why a reviewed match is not the answer (see NOT_THE_ANSWER)

    @property
    def counts(self) -> bool:
        """Whether the test fails for it."""
        return not self.exempt and not self.coincidence

    def describe(self) -> str:
        where = f" [{self.context[:300]}]" if self.context and self.context != self.excerpt else ""
        return f"cell {self.cell} ({self.where}) shows {self.shown!r} in: {self.excerpt[:300]!r}{where}"


def _excerpt(text: str, needle: str, width: int = 120) -> str:
    at = text.find(needle)
    if at < 0:
        return text[: 2 * width]
    return text[max(0, at - width) : at + len(needle) + width]


_LABELS = ("cell", "svg", "title")  # table cells, SVG labels and tooltips: a number there needs 3 significant digits


# Reviewed coincidences: an output above an exercise that shows a number equal to the answer but means something
# else. Key: (exercise id, the number or option as shown, a phrase of its column header, table row, figure or
# sentence); value:
# what it is. Every entry is a judgement a reviewer made; keep the list short and remove entries that go stale.
# For example (an entry that was needed while the line-cut-stress table showed interval bounds):
#     ("line-cut-stress-1", "0.556", "probability_high"): "the upper end of the 95 % interval of 60 days' notice
#         for the day-240 cut; the question asks for a sudden cut on day 200",
NOT_THE_ANSWER: dict[tuple[str, str, str], str] = {}


def _coincidence(exercise_id: str, shown: str, piece: Piece) -> str:
    """The reviewed reason why ``shown`` in ``piece`` is not the answer to ``exercise_id``, or ``""``."""
    for (known_id, known, phrase), reason in NOT_THE_ANSWER.items():
        where = (piece.header, piece.context, piece.text)
        if known_id == exercise_id and known == shown and any(phrase in text for text in where):
            return reason
    return ""


def find_leaks(notebook: Any, exercise: Exercise, expected: Any) -> list[Leak]:
    """Every output above ``exercise``'s box in the executed ``notebook`` that shows ``expected``.

    Includes what the test does not count (``Leak.counts`` is False): the widget a reading exercise sends the
    reader to (``exempt``) and the reviewed coincidences of :data:`NOT_THE_ANSWER` (``coincidence``).
    """
    box = exercise_box(notebook, exercise.id)
    if box is None:
        return []
    shown = shown_above(notebook, box.cell)
    widgets = [s.widget for s in shown if s.widget]
    reading = widgets[-1] if widgets and re.search(r"\bwidget\b", box.text, re.I) else None
    nouns = _counted_nouns(box.text)
    accepts = []
    if exercise.kind in ("number", "integer"):
        accepts = [_accepts(exercise, float(expected))]
    elif exercise.kind == "numbers":
        accepts = [_accepts(exercise, float(value)) for value in expected]
    leaks: list[Leak] = []
    for item in shown:
        exempt = reading is not None and item.widget == reading
        inputs = _literals(_source(notebook["cells"][item.origin])) if item.origin >= 0 else frozenset()
        if exercise.kind in ("number", "integer"):
            for piece in item.pieces:
                label = piece.kind in _LABELS
                hit = _shows_number(
                    exercise, float(expected), piece.text, nouns, accepts[0],
                    label=label, inputs=inputs, header=piece.header, spans=piece.spans,
                )  # fmt: skip
                if hit is not None:
                    excerpt = _excerpt(piece.text, hit)
                    reason = _coincidence(exercise.id, hit, piece)
                    leaks.append(Leak(exercise.id, item.cell, item.where, hit, excerpt, exempt, piece.context, reason))
                    if not reason:
                        break  # one leak per output is enough; after a coincidence, look on
        elif exercise.kind == "numbers":
            hits = []
            for value, accept in zip(expected, accepts):
                found = next(
                    (
                        h
                        for p in item.pieces
                        if (h := _shows_number(
                            exercise, float(value), p.text, nouns, accept, label=p.kind in _LABELS, inputs=inputs,
                            header=p.header, spans=p.spans,
                        ))
                    ),
                    None,
                )  # fmt: skip
                hits.append(found)
            if all(h is not None for h in hits):
                leaks.append(Leak(exercise.id, item.cell, item.where, ", ".join(hits), item.whole[:300], exempt))
        elif exercise.kind == "choice":
            hit = _shows_option(exercise, str(expected), item, box.text)
            if hit is not None:
                reason = _coincidence(exercise.id, str(expected), Piece("text", hit))
                leaks.append(Leak(exercise.id, item.cell, item.where, str(expected), hit, exempt, coincidence=reason))
    return leaks


# --- the book ------------------------------------------------------------------------------------

REGISTERED = exercises()


def _locate() -> list[tuple[str, Path]]:
    """(exercise id, notebook) for every registered exercise of a tested kind that a notebook asks for."""
    found = []
    sources = {path: json.loads(path.read_text(encoding="utf-8")) for path in notebooks()}
    for exercise_id in sorted(REGISTERED):
        if REGISTERED[exercise_id].kind not in TESTED_KINDS:
            continue
        for path, notebook in sources.items():
            if exercise_box(notebook, exercise_id) is not None:
                found.append((exercise_id, path))
                break
    return found


CHECKED = _locate()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("exercise_id", "path"), CHECKED, ids=[f"{i}@{p.relative_to(ROOT / 'book')}" for i, p in CHECKED]
)
def test_no_output_above_an_exercise_shows_its_answer(exercise_id: str, path: Path) -> None:
    from tools.run_notebook import executed

    exercise = REGISTERED[exercise_id]
    try:
        expected = exercise.expected()
    except Exception as error:  # tests/test_check.py reports a model that fails
        pytest.skip(f"the answer to {exercise_id} cannot be computed ({type(error).__name__}: {error})")
    notebook = executed(path).notebook
    assert exercise_box(notebook, exercise_id) is not None, f"the executed {path.name} has no box for {exercise_id}"
    leaks = [leak for leak in find_leaks(notebook, exercise, expected) if leak.counts]
    assert not leaks, (
        f"{path.relative_to(ROOT)}: the answer to {exercise_id} ({expected!r}) is shown above its exercise:\n"
        + "\n".join("  " + leak.describe() for leak in leaks)
        + "\nMake the exercise a variant the student must compute (CONVENTIONS: exercises)."
    )


def test_the_leak_test_finds_the_exercises() -> None:
    assert len(CHECKED) >= 10, f"only {len(CHECKED)} checked exercises found in the notebooks"


# --- the rule on hand-written notebooks (no kernel) ----------------------------------------------

_SHARE = Exercise(
    id="demo-share-1", kind="number", unit="share", expected=lambda: 0.5997, atol=0.005, rtol=0.0, hint="h", why="w"
)


def _notebook(*cells: Any, widgets: dict[str, Any] | None = None) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = list(cells)
    if widgets is not None:
        state = {"state": widgets, "version_major": 2, "version_minor": 0}
        notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": state}
    return notebook


def _code(*outputs: Any, tags: Iterable[str] = ()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("...", outputs=list(outputs))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _printed(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def _box(exercise_id: str, text: str = "What share? Give a decimal.", solution: bool = False) -> nbformat.NotebookNode:
    call = f'check("{exercise_id}", answer)'
    source = f"```{{exercise}} Title\n:label: {exercise_id}\n{text} Check it with `{call}`.\n```\n"
    if solution:
        source += f"\n```{{solution-start}} {exercise_id}\n:class: dropdown\n```\n"
    return nbformat.v4.new_markdown_cell(source)


def _student(exercise_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(f'answer = None\ncheck("{exercise_id}", answer)')


def _leaks(notebook: Any, exercise: Exercise = _SHARE) -> list[Leak]:
    return [leak for leak in find_leaks(notebook, exercise, exercise.expected()) if leak.counts]


def test_an_answer_printed_above_its_exercise_is_a_leak() -> None:
    printed = _code(_printed("Approval rate at the cut-off: 60.0 %\n"))
    notebook = _notebook(printed, _box("demo-share-1"), _student("demo-share-1"))
    (leak,) = _leaks(notebook)
    assert (leak.cell, leak.where, leak.shown) == (0, "stream (stdout)", "60.0 %")


def test_an_answer_only_inside_the_gated_solution_is_not_a_leak() -> None:
    notebook = _notebook(
        _code(_printed("The cut-off is 563.\n")),
        _box("demo-share-1", solution=True),
        _code(_printed("0.5997\n60.0 %\n"), tags=["solution"]),
        nbformat.v4.new_markdown_cell("The share is {glue:text}`share`.\n```{solution-end}\n```"),
        _student("demo-share-1"),
    )
    assert not _leaks(notebook)
    # …and the same output above the box is one
    notebook.cells.insert(0, _code(_printed("0.5997\n")))
    assert [leak.shown for leak in _leaks(notebook)] == ["0.5997"]


def test_renderings_of_a_share_follow_the_tolerance() -> None:
    shown = ["60 %", "60.0%", "59.97 %", "0.60", "0.600", "0.5997", "0.6"]
    not_shown = ["59 %", "0.59", "61 %", "6", "60", "0.5", "600 %", "2060.0 %"]
    for text in shown:
        assert _shows_number(_SHARE, 0.5997, f"rate: {text}.", set()) is not None, text
    for text in not_shown:
        assert _shows_number(_SHARE, 0.5997, f"rate: {text}.", set()) is None, text
    three = dataclasses.replace(_SHARE, decimals=3, expected=lambda: 0.6276)
    assert _shows_number(three, 0.6276, "Gini 0.628", set()) == "0.628"
    assert _shows_number(three, 0.6276, "Gini 62.8 %", set()) == "62.8 %"
    assert _shows_number(three, 0.6276, "Gini 0.63", set()) is None  # check: right only to 2 decimals


def test_amounts_and_small_numbers_need_their_unit() -> None:
    rmb = Exercise(id="demo-rmb-1", kind="number", unit="rmb", expected=lambda: 28372.61, hint="h", why="w")
    for text in ("peak RMB 28,372.61", "peak 28,373", "28372.6 yuan"):
        assert _shows_number(rmb, 28372.61, text, set()) is not None, text
    assert _shows_number(rmb, 28372.61, "peak 28,000 or 28.4 %", set()) is None
    days = Exercise(id="demo-days-1", kind="integer", unit="days", expected=lambda: 12, hint="h", why="w")
    assert _shows_number(days, 12, "the median is 12 days", set()) == "12"
    assert _shows_number(days, 12, "12-day window", set()) == "12"
    assert _shows_number(days, 12, "12 months, 12 shops, day 12", set()) is None
    count = Exercise(id="demo-count-1", kind="integer", unit="count", expected=lambda: 24, hint="h", why="w")
    nouns = _counted_nouns("With the approval rate at 40 %, how many of the 40 suppliers are flagged?")
    assert _shows_number(count, 24, "24 of 40 suppliers are flagged", nouns) == "24"
    assert _shows_number(count, 24, "24 shops and 24 months", nouns) is None
    points = Exercise(
        id="demo-pts-1", kind="number", unit="points", expected=lambda: -13.0, atol=0.5, hint="h", why="w"
    )
    assert _shows_number(points, -13.0, "the tip costs 13 points", set()) == "13"
    assert _shows_number(points, -13.0, "change −13.0", set()) == "−13.0"
    assert _shows_number(points, -13.0, "13 shops", set()) is None
    ratio = Exercise(id="demo-ratio-1", kind="number", unit="ratio", expected=lambda: 40.0, hint="h", why="w")
    assert _shows_number(ratio, 40.0, "one yuan of equity supports 40 yuan of loans per yuan", set()) == "40"
    assert _shows_number(ratio, 40.0, "it lends 40 yuan per yuan of equity", set()) == "40"
    assert _shows_number(ratio, 40.0, "far above the 40 yuan of demand", set()) is None
    assert _shows_number(ratio, 40.0, "a loan book 40× equity", set()) == "40"
    assert _shows_number(ratio, 40.0, "RMB 40 bn, 40 yuan", set()) is None


def test_numbers_in_another_unit_echoed_inputs_and_short_labels_are_not_leaks() -> None:
    months = Exercise(id="demo-months-1", kind="number", unit="months", expected=lambda: 13.0, hint="h", why="w")
    assert _shows_number(months, 13.0, "utilisation: +13.0 points in 3.0 months", set()) is None
    assert _shows_number(months, 13.0, "the plan takes 13.0 months", set()) == "13.0"
    table = (
        "<table><thead><tr><th></th><th>{}</th></tr></thead>"
        "<tbody><tr><th>plan</th><td>13.0</td></tr></tbody></table>"
    )
    for header, leaks in (("points", False), ("score change (pts)", False), ("months needed", True)):
        output = nbformat.v4.new_output("display_data", data={"text/html": table.format(header)})
        notebook = _notebook(_code(output), _box("demo-months-1", "How many months?"), _student("demo-months-1"))
        assert bool(_leaks(notebook, months)) is leaks, header
    # an input the code wrote (0.6) and printed back is not the computed answer (0.5997)
    echo = _code(_printed("Room for 60 % of applicants; thin files approved 46.2 %\n"))
    echo.source = "for share in (0.8, 0.6):\n    print(...)"
    assert not _leaks(_notebook(echo, _box("demo-share-1"), _student("demo-share-1")))
    # in a table cell or a chart label a number needs three significant digits
    cell = "<table><tr><th>thin file</th><td>{}</td></tr></table>"
    for shown, leaks in (("60 %", False), ("60.0 %", True), ("0.60", False), ("0.600", True)):
        output = nbformat.v4.new_output("display_data", data={"text/html": cell.format(shown)})
        notebook = _notebook(_code(output), _box("demo-share-1"), _student("demo-share-1"))
        assert bool(_leaks(notebook)) is leaks, shown


def test_a_chosen_option_leaks_only_when_singled_out() -> None:
    choice = Exercise(
        id="demo-choice-1", kind="choice", expected=lambda: "income",
        options=("income", "utilisation", "past_overdues"), hint="h", why="w",
    )  # fmt: skip
    text = "Which variable costs the most points for this applicant?"
    table = "<table><tr><th>variable</th><th>points lost</th></tr><tr><td>income</td><td>31</td></tr>" \
        "<tr><td>utilisation</td><td>12</td></tr></table>"  # fmt: skip
    cases = {
        "<p>Income costs the most points.</p>": True,
        "<p>The applicant's income is shown below.</p>": False,  # no property asked
        "<p>Income and utilisation cost the most points.</p>": False,  # two options
        table: False,  # a table lists the options: it does not say which is right
        '<svg><title>Reason 1: income (the most points lost)</title></svg>': True,
    }
    for markup, leaks in cases.items():
        output = nbformat.v4.new_output("display_data", data={"text/html": markup, "text/plain": "x"})
        notebook = _notebook(_code(output), _box("demo-choice-1", text), _student("demo-choice-1"))
        assert bool(_leaks(notebook, choice)) is leaks, markup
    bare = nbformat.v4.new_output("execute_result", data={"text/plain": "'income'"}, execution_count=1)
    notebook = _notebook(_code(bare), _box("demo-choice-1", text), _student("demo-choice-1"))
    assert [leak.shown for leak in _leaks(notebook, choice)] == ["income"]


def _static_widget(frames: list[str]) -> tuple[Any, dict[str, Any]]:
    """An executed explore() output: a VBox holding a slider and a Stack of HTML frames."""
    state: dict[str, Any] = {}
    html_ids = []
    for i, frame in enumerate(frames):
        state[f"h{i}"] = {"model_name": "HTMLModel", "state": {"value": frame}}
        html_ids.append(f"IPY_MODEL_h{i}")
    state["slider"] = {"model_name": "SelectionSliderModel", "state": {"_options_labels": ["0.5997", "0.7"]}}
    state["stack"] = {"model_name": "StackModel", "state": {"children": html_ids, "selected_index": 0}}
    state["box"] = {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_stack"]}}
    output = nbformat.v4.new_output(
        "display_data",
        data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "box", "version_major": 2, "version_minor": 0},
            "text/plain": "VBox(...)",
        },
    )
    return output, state


def test_every_frame_of_a_static_widget_counts_but_not_its_ticks_or_controls() -> None:
    ticks = "".join(f'<text x="39.0" y="{300 - 50 * i}">{20 * i} %</text>' for i in range(6))  # 0 % … 100 %
    first = f'<svg aria-label="Approval 70.0 %">{ticks}</svg>'
    other = f'<svg aria-label="At 600 points, 60.0 % are approved">{ticks}</svg>'
    output, state = _static_widget([first, first])
    notebook = _notebook(_code(output), _box("demo-share-1"), _student("demo-share-1"), widgets=state)
    assert not _leaks(notebook)  # "60 %" is a tick label, "0.5997" a slider label
    output, state = _static_widget([first, other])
    notebook = _notebook(_code(output), _box("demo-share-1"), _student("demo-share-1"), widgets=state)
    assert [leak.shown for leak in _leaks(notebook)] == ["60.0 %"]
    # an exercise that sends the reader to the widget reads the answer there
    box = _box("demo-share-1", "Use the widget: what share?")
    notebook = _notebook(_code(output), box, _student("demo-share-1"), widgets=state)
    assert not _leaks(notebook)
    assert [leak.exempt for leak in find_leaks(notebook, _SHARE, 0.5997)] == [True]


def test_glued_prose_above_the_exercise_counts() -> None:
    glue = nbformat.v4.new_output(
        "display_data",
        data={"application/papermill.record/text/plain": "0.5997"},
        metadata={"scrapbook": {"name": "share", "mime_prefix": "application/papermill.record/"}},
    )
    prose = nbformat.v4.new_markdown_cell("About {glue:text}`share:.1%` of applicants are approved.")
    notebook = _notebook(_code(glue), prose, _box("demo-share-1"), _student("demo-share-1"))
    assert [(leak.cell, leak.shown) for leak in _leaks(notebook)] == [(1, "60.0%")]
    below = _notebook(_code(glue), _box("demo-share-1"), _student("demo-share-1"), prose)
    assert not _leaks(below)


def test_a_glued_value_is_read_in_its_sentence() -> None:
    def glued(name: str, plain: str) -> Any:
        return nbformat.v4.new_output(
            "display_data",
            data={"application/papermill.record/text/plain": plain},
            metadata={"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}},
        )

    months = Exercise(id="demo-months-1", kind="number", unit="months", expected=lambda: 13.0, hint="h", why="w")
    for prose, leaks in (
        ("Using Huabei more costs this applicant {glue:text}`tip` points; that is 13.0 months of nothing.", False),
        ("The plan takes {glue:text}`tip` months.", True),
    ):
        notebook = _notebook(
            _code(glued("tip", "'13.0'")), nbformat.v4.new_markdown_cell(prose),
            _box("demo-months-1", "How many months?"), _student("demo-months-1"),
        )  # fmt: skip
        assert bool(_leaks(notebook, months)) is leaks, prose
    choice = Exercise(
        id="demo-choice-2", kind="choice", expected=lambda: "Platform-bank merchant loan",
        options=("Bank loan", "Platform-bank merchant loan", "Credit card", "Informal lender"), hint="h", why="w",
    )  # fmt: skip
    question = "Which option covers the gap at the lowest interest cost?"
    prose = (
        "Of those, the {glue:text}`cheapest` is the cheapest: the merchant loan costs about RMB 770 of interest "
        "for 90 days, the credit card about RMB 1,100 and the informal lender about RMB 2,500."
    )
    notebook = _notebook(
        _code(glued("cheapest", "'platform-bank merchant loan'")), nbformat.v4.new_markdown_cell(prose),
        _box("demo-choice-2", question), _student("demo-choice-2"),
    )  # fmt: skip
    (leak,) = _leaks(notebook, choice)
    assert leak.excerpt.startswith("Of those, the platform-bank merchant loan is the cheapest")
    # a frame that describes one scenario and uses "first" in another sense singles nothing out
    alt = (
        "<svg aria-label=\"Platform-bank merchant loan on day 120: 41 % of shops have unpaid bills within 90 days, "
        "and 23 % first fall short later in the year, with the lowest balances in May.\"></svg>"
    )
    output = nbformat.v4.new_output("display_data", data={"text/html": alt})
    notebook = _notebook(_code(output), _box("demo-choice-2", question), _student("demo-choice-2"))
    assert not _leaks(notebook, choice)


def test_a_reviewed_coincidence_does_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    table = (
        "<table><thead><tr><th></th><th>probability</th><th>probability_high</th></tr></thead><tbody>"
        "<tr><th>other scenario</th><td>0.590</td><td>0.600</td></tr></tbody></table>"
    )
    output = nbformat.v4.new_output("display_data", data={"text/html": table})
    notebook = _notebook(_code(output), _box("demo-share-1"), _student("demo-share-1"))
    assert [leak.shown for leak in _leaks(notebook)] == ["0.600"]
    monkeypatch.setitem(NOT_THE_ANSWER, ("demo-share-1", "0.600", "other scenario"), "the upper bound of another one")
    assert not _leaks(notebook)
    (leak,) = find_leaks(notebook, _SHARE, 0.5997)
    assert leak.coincidence == "the upper bound of another one"


def test_the_exercise_is_found_by_label_by_call_or_before_the_call() -> None:
    by_label = _notebook(_box("demo-share-1"))
    assert exercise_box(by_label, "demo-share-1").cell == 0
    legacy = _notebook(
        nbformat.v4.new_markdown_cell("```{exercise} One\n:label: page-ex1\nText.\n```"),
        nbformat.v4.new_markdown_cell("```{exercise} Two\n:label: page-ex2\nText.\n```"),
        _student("page-2"),
    )
    assert exercise_box(legacy, "page-2").cell == 1
    assert exercise_box(legacy, "page-9") is None
