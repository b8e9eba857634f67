"""The multilingual encoder's protocol: the real encoder and the tests' fake both fit it."""

import inspect
import typing

import numpy as np
import pytest

from advisor.index.embeddings import Encoder, MultilingualEncoder
from support import FakeEncoder


@pytest.mark.parametrize("encoder", [MultilingualEncoder, FakeEncoder])
def test_an_encoder_fits_the_protocol(encoder):
    assert isinstance(encoder(), Encoder)  # MultilingualEncoder loads its model on first use only
    assert isinstance(encoder.name, str)
    for method in ("passages", "query"):
        expected, found = getattr(Encoder, method), getattr(encoder, method)
        assert inspect.signature(found).parameters.keys() == inspect.signature(expected).parameters.keys()
        # The protocol's module imports numpy for the type checker only.
        assert typing.get_type_hints(found, localns={"np": np}) == typing.get_type_hints(expected, localns={"np": np})
