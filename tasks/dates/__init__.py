"""Publication dates: collect every date a document carries, give each a role, decide.

    collect_evidence(docs) -> evidence            (collect.py, evidence_text.py, evidence_html.py)
    decide_dates(evidence, docs, clusters, run_started, window) -> (decisions, evidence)
                                                  (decide.py, bounds.py)

Plain functions over polars frames; no Prefect here (flows/ wraps them).
"""
from .collect import EVIDENCE_SCHEMA, collect_evidence
from .decide import DECISION_SCHEMA, decide_dates

__all__ = ["collect_evidence", "decide_dates", "EVIDENCE_SCHEMA", "DECISION_SCHEMA"]
