"""graph.json: the indented text kg writes item by item is the json module's, byte for byte."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kg.serialize.json import _indented

# What graph.json holds: strings (names from the text, with any character), numbers, booleans,
# None, and the lists and dicts of them.
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20)


@given(_VALUES, st.integers(min_value=0, max_value=3))
def test_indented_text_is_the_json_modules(value, depth):
    expected = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)
    assert _indented(value, " ", " " * depth) == expected


def test_a_name_with_quotes_and_control_characters_stays_valid_json():
    value = {"name": '他说"你好"\\\n\t\u2028', "offsets": [0, 12]}
    assert json.loads(_indented(value, " ", "")) == value
