"""lessons._validation: every bad input gets a ValueError or TypeError that names the parameter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons._validation import as_float_array, as_int, as_number, as_probability, require_one_of

OPTIONS = ["age_band", "city_tier"]


@pytest.mark.parametrize(
    "value",
    [pd.DataFrame({"a": [1, 2]}), np.array(["age_band", "city_tier"]), pd.Series(["age_band"]), ["age_band"], {"a": 1}, None, 3],
)
def test_a_choice_of_the_wrong_kind_is_refused_with_the_options_listed(value: object) -> None:
    with pytest.raises(ValueError, match=r"^segment must be one of 'age_band', 'city_tier'; got "):
        require_one_of("segment", value, OPTIONS)


@given(st.sampled_from(OPTIONS))
def test_every_option_is_accepted_and_returned(option: str) -> None:
    assert require_one_of("segment", option, OPTIONS) == option


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_outside_the_range_name_the_parameter(x: float) -> None:
    if 0 <= x <= 1:
        assert as_probability("rate", x) == x
    else:
        with pytest.raises(ValueError, match="^rate"):
            as_probability("rate", x)


@pytest.mark.parametrize("call", [lambda: as_number("cutoff", "high"), lambda: as_int("n", 2.5), lambda: as_float_array("scores", None)])
def test_the_wrong_kind_names_the_parameter(call) -> None:
    with pytest.raises((TypeError, ValueError), match="^(cutoff|n|scores)"):
        call()
