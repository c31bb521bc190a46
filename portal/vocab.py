"""The portal's one vocabulary: every standard value list, defined once.

The import (``portal.ingest``), the figures, the demo data and the translation keys all read these tuples;
``tests/test_vocab.py`` checks that the database holds no value outside them and that every value has a
label in both languages. A label key is ``f"{LABEL_PREFIX[list]}.{value}"``.
"""

from __future__ import annotations

# ---------------------------------------------------------------- complaints
# "other": a value of the source no one mapped to a standard channel (issue 9: never a rejected row)
COMPLAINT_CHANNELS = ("hotline", "online", "in_store", "social_media", "email", "app", "other")
CATEGORY_GROUPS = (
    "product_quality",
    "service_attitude",
    "delivery",
    "price",
    "returns_after_sales",
    "store_environment",
    "other",
)
SEVERITIES = ("high", "normal", "low")
COMPLAINT_STATUSES = ("open", "responded", "resolved", "closed", "reopened", "cancelled")
AGE_BUCKETS = ("lt_1d", "d1_3", "d3_7", "gt_7d")

# ---------------------------------------------------------------- satisfaction
SURVEY_CHANNELS = ("in_store", "online", "app", "sms", "email", "hotline", "social_media", "other")

# ---------------------------------------------------------------- 5S
FIVES_SECTIONS = ("sort", "set_in_order", "shine", "standardize", "sustain")
FIVES_BANDS = ("excellent", "good", "needs_improvement", "failing")
ACTION_STATUSES = ("open", "in_progress", "submitted", "verified")

# ---------------------------------------------------------------- scorecards
SCORECARD_METRICS = (
    "complaints_handled",
    "sla_attainment",
    "resolution_median",
    "reopen_rate",
    "post_resolution_csat",
    "qa_score",
)
SCORECARD_GRAINS = ("week", "month", "quarter")
DISPUTE_STATUSES = ("open", "accepted", "rejected")
DISPUTE_RESOLUTIONS = ("corrected", "removed")  # of an accepted dispute (portal/qa/rules.py)
QA_CRITICAL = ("yes", "no")  # a QA form criterion is critical (its failure makes the review 0) or not

# ---------------------------------------------------------------- KPI status (one rule on every page)
FIGURE_STATUSES = ("meets", "misses", "low_confidence", "no_data")

# Which i18n prefix labels each list's values (``t(f"{prefix}.{value}")``).
LABEL_PREFIX = {
    "COMPLAINT_CHANNELS": "complaints.channel",
    "CATEGORY_GROUPS": "complaints.category",
    "SEVERITIES": "complaints.severity",
    "COMPLAINT_STATUSES": "complaints.state",
    "AGE_BUCKETS": "complaints.age",
    "SURVEY_CHANNELS": "sat.channel",
    "FIVES_SECTIONS": "fives.section",
    "FIVES_BANDS": "fives.band",
    "ACTION_STATUSES": "fives.action_status",
    "SCORECARD_METRICS": "scorecard.metric",
    "SCORECARD_GRAINS": "scorecard.grain",
    "DISPUTE_STATUSES": "scorecard.dispute_status",
    "DISPUTE_RESOLUTIONS": "scorecard.dispute_resolution",
    "QA_CRITICAL": "qa.critical",
    "FIGURE_STATUSES": "kpi.status",
}
