"""Drop every solution from the student edition, gated ones included.

sphinx-exercise's own switch (``hide_solutions``) drops a ``{solution}`` block
but not a gated one (``{solution-start}`` … ``{solution-end}``, which spans the
code cells of a computed solution): the start vanishes, the content and the end
marker stay, and the HTML writer fails on the marker. The course therefore
builds the student edition with ``hide_solutions: False`` and this extension's
``lessons_hide_solutions: True``; the transform below runs right after
sphinx-exercise has merged each gated solution into one node and removes every
solution node, with its code cells.
"""

from __future__ import annotations

from typing import Any

from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_node


class RemoveSolutions(SphinxTransform):
    """Remove every solution node when ``lessons_hide_solutions`` is set."""

    default_priority = 11  # sphinx-exercise merges gated solutions at priority 10

    def apply(self, **kwargs: Any) -> None:
        if not self.config.lessons_hide_solutions:
            return
        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("lessons_hide_solutions", False, "env")
    app.add_transform(RemoveSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
