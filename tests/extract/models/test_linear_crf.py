"""The compiled CRF decoder gives what pycrfsuite gives, on both shipped models."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.entities import tagged
from kg.extract.models import crf, linear_crf
from kg.extract.models.columns import Columns
from kg.lexicon.gazetteer import gazetteer
from kg.text.segment import tokenize

pytestmark = pytest.mark.skipif(not linear_crf.kernel_available(), reason="the compiled kernel is not built")

# Real sentences of the genres kg reads, with what strains a decoder: names, digits, Latin
# letters, spaces, a character outside the Basic Multilingual Plane, a one-character sentence.
_SENTENCES = [
    "国务院总理李强11日上午在京会见来华进行国事访问的马尔代夫总统穆伊兹。",
    "省委书记刘家义率领山东省党政代表团来到北京市学习考察，北京市委书记蔡奇陪同。",
    "澳大利亚总理Malcolm Turnbull与新西兰总理Jacinda Ardern通电话。",
    "行政長官林鄭月娥昨日在禮賓府會見到訪的客人。",
    "𠮷野家在上海开了第100家门店。",
    "好",
    "  ",
]


def _pycrfsuite(model: Path, rows: list[list[str]]):
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    labels = tagger.tag(rows)
    return labels, [[tagger.marginal(label, i) for label in tagger.labels()] for i in range(len(rows))], \
        tagger.labels()


def _same(model: Path, columns: Columns, rows: list[list[str]]) -> None:
    labels, marginals, names = _pycrfsuite(model, rows)
    decoded = linear_crf.linear_crf(model).decode(columns)
    assert decoded.labels == labels
    for i, row in enumerate(marginals):
        for name, p in zip(names, row):
            # CRFsuite's exp is a fast approximation: its probabilities are good to some 1e-6
            assert decoded.marginal(name, i) == pytest.approx(p, abs=1e-5)


def _columns(text: str):
    words = list(tokenize(text))
    return words, crf.base_columns(text, words, gazetteer().scan(text))


@pytest.mark.parametrize("text", _SENTENCES)
def test_the_name_model_decodes_as_crfsuite_does(text):
    _, columns = _columns(text)
    _same(crf.MODEL_PATH, columns, crf.base_features(text, list(tokenize(text)), gazetteer().scan(text)))


@pytest.mark.parametrize("text", _SENTENCES)
def test_the_mention_tagger_decodes_as_crfsuite_does(text):
    words, columns = _columns(text)
    votes = ["O"] * len(text)
    if len(text) > 6:  # a rule's vote, as the rules give them
        votes[2:4] = ["B-PER:after-title", "I-PER:after-title"]
    rows = crf.vote_features(columns.rows(), text, words, votes)
    _same(tagged.MODEL_PATH, crf.vote_columns(columns, text, words, votes), rows)


_CHARS = st.sampled_from(list("李强会见总统马尔代夫省委书记刘家义北京市上海人民政府的了在和与,。、《》“”()"
                              "0123456789abcXYZ -·^$=|:") + ["𠮷", "\u3000", "\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(_CHARS, min_size=1, max_size=30), min_size=1, max_size=4))
def test_any_text_decodes_as_crfsuite_does_and_stretches_together_as_alone(texts):
    # the padding characters (^ $) and the separators of attributes (= | :) are text like any other
    stretches = [_columns(t)[1] for t in texts]
    for columns in stretches:
        _same(crf.MODEL_PATH, columns, columns.rows())
    together = linear_crf.linear_crf(crf.MODEL_PATH).decode_many(stretches)
    for columns, decoded in zip(stretches, together):
        alone = linear_crf.linear_crf(crf.MODEL_PATH).decode(columns)
        assert decoded.labels == alone.labels
        assert all(decoded.marginal("O", i) == pytest.approx(alone.marginal("O", i), abs=1e-12)
                   for i in range(len(columns)))


@pytest.mark.parametrize("text", _SENTENCES[:4])
def test_the_columns_hold_the_attributes_crfsuite_reads(text):
    # rendered, the columns are the rows the models were trained on (in another order)
    words, columns = _columns(text)
    assert columns.rows() == crf.base_features(text, words, gazetteer().scan(text))
    votes = ["O"] * len(text)
    rows = crf.vote_features(columns.rows(), text, words, votes)
    assert [sorted(r) for r in crf.vote_columns(columns, text, words, votes).rows()] == [sorted(r) for r in rows]


def test_pycrfsuite_decodes_when_the_compiled_decoder_is_off():
    columns = _columns(_SENTENCES[0])[1]
    try:
        linear_crf.use_compiled(False)
        (labels, answer), = linear_crf.decode_each(crf.MODEL_PATH, [columns])
        assert isinstance(answer, pycrfsuite.Tagger)
        linear_crf.use_compiled(True)
        (same, decoded), = linear_crf.decode_each(crf.MODEL_PATH, [columns])
        assert isinstance(decoded, linear_crf.Decoded) and same == labels
    finally:
        linear_crf.use_compiled(None)


def test_the_graph_is_the_same_either_way():
    from kg.pipeline import analyze
    from kg.types import Document

    examples = Path(__file__).resolve().parents[3] / "examples"
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(examples.glob("*.txt"))]
    assert docs

    def read(flag):
        linear_crf.use_compiled(flag)
        try:
            return [(sorted((m.type, m.start, m.end, m.name) for _, m, _ in a.mentions), sorted(map(repr, a.relations)))
                    for a in map(analyze, docs)]
        finally:
            linear_crf.use_compiled(None)

    assert read(True) == read(False)


def test_a_retrained_model_is_read_again(tmp_path):
    # a training run writes a model where another stood: the decoder must not keep the old weights
    path = tmp_path / "m.crfsuite"
    for label in ("A", "B"):
        trainer = pycrfsuite.Trainer(verbose=False)
        trainer.append([["c0=x"], ["c0=y"]], [label, label])
        trainer.train(str(path))
        linear_crf.forget_models()
        assert linear_crf.linear_crf(path).decode(crf.base_columns("xy")).labels == [label, label]
