"""The loader's faster tag resolver answers exactly as PyYAML's own.

``indikator.load.yaml_source`` answers plain words and quoted scalars at once and remembers
the rest; a YAML value must never be read as another type because of it.
"""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from indikator.load.yaml_source import _PositionLoader, load_yaml

# the characters that start YAML 1.1's implicit types, and some that do not
_ALPHABET = "0123456789+-._:eExXoObBtTfFyYnNlLuU~<=!&*aZ ,%"
scalars = st.text(alphabet=_ALPHABET, max_size=12)


def _reference_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, implicit)


def _ours() -> _PositionLoader:
    return _PositionLoader("")


@settings(max_examples=600, deadline=None)
@given(scalars, st.tuples(st.booleans(), st.booleans()))
def test_same_tag_as_pyyaml(value, implicit):
    ours = _ours()
    assert ours.resolve(yaml.ScalarNode, value, implicit) == _reference_tag(value, implicit)
    # asked again: the remembered answer is the same
    assert ours.resolve(yaml.ScalarNode, value, implicit) == _reference_tag(value, implicit)


@pytest.mark.parametrize("text", ["12", "-3.5", "0x1F", "1_000", ".inf", "~", "null", "yes", "No", "2024-09",
                                  "1:30", "e", "ikd_1", "'12'", '"yes"', "", "+1", "0o17"])
def test_same_data_as_pyyaml(text):
    doc = f"a: {text}\nb: [{text}]\n" if text else "a:\nb: []\n"
    ours, diags = load_yaml("x.yaml", doc)
    assert ours is not None and not diags
    expected = yaml.load(doc, Loader=yaml.SafeLoader)
    got, want = ours.data["a"], expected["a"]
    # dates and timestamps are kept as written on purpose (periods like 2024-09)
    if not isinstance(want, str) and type(want).__name__ in ("date", "datetime"):
        assert got == text
    else:
        assert got == want and type(got) is type(want)


def test_collections_still_resolved_by_pyyaml():
    ours = _ours()
    assert ours.resolve(yaml.MappingNode, None, True) == yaml.resolver.Resolver.DEFAULT_MAPPING_TAG
    assert ours.resolve(yaml.SequenceNode, None, True) == yaml.resolver.Resolver.DEFAULT_SEQUENCE_TAG
