"""`kg eval` computes the same figures as the reference scorer (shared/eval/score.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.corpus.evaluate import format_scores, norm_name, prf, score
from kg.graph import graph_to_dict
from tests.conftest import DEV

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="the shared evaluation folder is not beside this checkout")


@pytest.fixture(scope="module")
def dev_prediction(tmp_path_factory):
    from kg.pipeline import run
    from kg.text.ingest import read_inputs

    docs = sorted(str(p) for p in DEV.glob("*.txt"))
    pred = graph_to_dict(run(read_inputs(docs)))
    path = tmp_path_factory.mktemp("eval") / "pred.json"
    path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return pred, path


def test_agrees_with_reference_scorer(dev_prediction):
    pred, path = dev_prediction
    reference = subprocess.run([sys.executable, str(DEV.parent / "score.py"), str(DEV), str(path)],
                               capture_output=True, text=True, check=True).stdout
    ours = format_scores(score(DEV, pred))
    assert ours.strip() == reference.strip()


def test_kg_eval_command_prints_the_same(dev_prediction, capsys):
    from kg.cli import main

    pred, path = dev_prediction
    assert main(["eval", str(DEV), "--pred", str(path)]) == 0
    printed = capsys.readouterr().out
    assert printed.strip().splitlines()[-1] == format_scores(score(DEV, pred)).splitlines()[-1]


def test_scores_are_not_trivial(dev_prediction):
    pred, _ = dev_prediction
    totals = score(DEV, pred)
    assert prf(*totals["entities"])[2] > 0.5
    assert prf(*totals["relations"])[2] > 0.5


def test_an_empty_prediction_scores_zero():
    totals = score(DEV, {"documents": [], "entities": [], "relations": []})
    assert prf(*totals["entities"])[2] == 0.0


def test_norm_name():
    assert norm_name("《亞信科技（中國）有限公司》") == "亚信科技(中国)有限公司"
