"""Names the character CRF proposes (kg.extract.entities.crf_names)."""

from __future__ import annotations

import pytest

from kg.extract.entities.crf_names import find_crf_names
from kg.extract.entities.sentence import SentenceView


@pytest.mark.parametrize("text, proposed, name", [
    # a particle or a verb of report the CRF took with the name is not of it
    ("习的财经智囊刘鹤是曾俊华在美国哈佛的同学。", "刘鹤是", "刘鹤"),
    ("院，3年后获得博士学位。霍金的研究生涯与黑洞结下不解之缘。", "霍金的", "霍金"),
    # … but 年 and 日 end given names
    ("前政务司司长唐英年出席活动。", "唐英年", "唐英年"),
    ("县委副书记、县长尼玛西日介绍了情况。", "尼玛西日", "尼玛西日"),
])
def test_a_proposed_person_ends_where_the_name_ends(text, proposed, name):
    a = text.index(proposed)
    found = find_crf_names(SentenceView.of(text), [("Person", a, a + len(proposed), 0.9)], [])
    assert [sp.name for sp in found] == [name]
