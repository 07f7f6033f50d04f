"""lessons.prose: computed numbers glued into a page's prose."""

from __future__ import annotations

import builtins
import sys

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbclient import NotebookClient

import lessons.prose as prose
from lessons.prose import glue


@pytest.fixture
def pasted(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Pretend to be in a kernel and record what glue hands to myst-nb."""
    import IPython
    import myst_nb

    store: dict = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True: store.update({name: (value, display)}))
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    return store


@settings(deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numpy_floats_reach_myst_nb_as_python_floats_that_format_specs_can_read(x: float) -> None:
    assert type(prose._plain(np.float64(x))) is float
    format(prose._plain(np.float64(x)), ".1%")  # what {glue:text}`x:.1%` does with the text/plain form


@pytest.mark.parametrize("value,kind", [(np.int64(3), int), (np.bool_(True), bool), ("33.1 %", str), (7, int), (0.5, float)])
def test_glue_hands_a_plain_python_value_to_myst_nb_without_displaying_it(pasted: dict, value: object, kind: type) -> None:
    assert glue("v", value) is None
    stored, display = pasted["v"]
    assert type(stored) is kind and stored == value and display is False


@pytest.mark.parametrize("name", ["", "thin share", "1st", None, 3, "a/b"])
def test_a_bad_name_is_refused_with_the_parameter_named(name: object) -> None:
    with pytest.raises(ValueError, match="^name must"):
        glue(name, 1.0)  # type: ignore[arg-type]


def test_glue_does_nothing_outside_a_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda *a, **k: pytest.fail("glued outside a kernel"))
    glue("share", 0.5)


def test_glue_works_without_myst_nb(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_myst_nb(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("myst_nb"):
            raise ImportError("no myst_nb here")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "myst_nb", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_myst_nb)
    assert glue("share", np.float64(0.5)) is None


@pytest.mark.slow
def test_in_a_kernel_glue_publishes_the_value_for_myst_nb_and_prints_nothing() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import numpy as np\nfrom lessons.prose import glue\nglue('share', np.float64(0.25))"))
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["display_data"]
    assert outputs[0]["metadata"]["scrapbook"]["name"] == "share"
    assert outputs[0]["data"]["application/papermill.record/text/plain"] == "0.25"
