"""One entity per real-world thing, within a document and across documents.

Within a document (:mod:`kg.resolve.document`), mentions are grouped on an identity key: a
place's gazetteer identity (``北京`` and ``北京市`` are one place), an organisation's canonical
name (``中共`` is ``中国共产党``), a person's or position's name.  Generic words were already
resolved to their antecedents by :mod:`kg.extract.relations` (``代表团`` → the named delegation).

Across documents (:mod:`kg.resolve.merging`), entities with the same identity key merge into one
node carrying every mention; people who share a name stay apart when what the documents say of
them conflicts (:mod:`kg.resolve.identity`).

Ids are stable: an entity id is a hash of its type and identity key, so the
same entity gets the same id (and IRI) on every run.
"""

from kg.lexicon.pinyin import pinyin_label
from kg.resolve.document import DocAnalysis, LocalEvent, LocalRelation, analyze_spans, span_key, stable_id
from kg.resolve.identity import survey_view
from kg.resolve.merging import collector_paused, merge, merge_stream

__all__ = ["DocAnalysis", "LocalRelation", "LocalEvent", "span_key", "analyze_spans", "collector_paused", "merge", "merge_stream", "survey_view",
           "stable_id", "pinyin_label"]
