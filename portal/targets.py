"""The targets and thresholds an admin sets on the Settings page (SPEC §1: admin may change targets): which
settings, their bounds, their check and the changes to write. Streamlit-free; ``portal.settings`` keeps the
defaults, ``writes.put_settings`` writes and audits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.i18n import listed, t


@dataclass(frozen=True)
class TargetField:
    name: str  # a setting's key, or "key.part" for a part of a setting that is a mapping
    minimum: float
    maximum: float
    whole: bool = True  # a whole number (hours, days, attempts) or a number with decimals

    @property
    def setting(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def part(self) -> str | None:
        return self.name.split(".", 1)[1] if "." in self.name else None

    @property
    def label_key(self) -> str:
        return f"settings.targets.{self.name}"


SERVQUAL_DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")  # RATER
FIELDS: tuple[TargetField, ...] = (
    TargetField("response_sla_hours", 1, 720),
    TargetField("response_sla_target_pct", 0, 100, whole=False),
    TargetField("resolution_target_hours.high", 1, 8760),
    TargetField("resolution_target_hours.normal", 1, 8760),
    TargetField("resolution_target_hours.low", 1, 8760),
    TargetField("reopen_rate_target_pct", 0, 100, whole=False),
    TargetField("recovery_rate_target_pct", 0, 100, whole=False),
    TargetField("satisfaction_target", 0, 100, whole=False),
    TargetField("csat_target_pct", 0, 100, whole=False),
    TargetField("nps_target", -100, 100, whole=False),
    TargetField("fives_bands.excellent", 0, 100, whole=False),
    TargetField("fives_bands.good", 0, 100, whole=False),
    TargetField("fives_bands.needs_improvement", 0, 100, whole=False),
    TargetField("fives_action_due_days", 1, 365),
    TargetField("lockout_max_attempts", 1, 100),
    TargetField("lockout_minutes", 1, 1440),
    # SPEC §3: the weighted SERVQUAL score's weights where no respondent gave importance points; out of 100
    *(TargetField(f"servqual_default_weights.{d}", 0, 100) for d in SERVQUAL_DIMENSIONS),
    # SPEC §3: a figure on fewer items is marked low-confidence, never coloured as a pass or a fail
    TargetField("low_confidence_n", 1, 1000),
    TargetField("scorecard_low_confidence_n", 1, 100),
    TargetField("fives_low_confidence_n", 1, 100),
)
# the form's groups: (i18n key of the heading, the fields' name prefixes)
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "settings.targets.group.complaints",
        ("response_sla", "resolution_target_hours", "reopen_rate", "recovery_rate"),
    ),
    ("settings.targets.group.satisfaction", ("satisfaction_target", "csat_target_pct", "nps_target")),
    ("settings.targets.group.servqual", ("servqual_default_weights",)),
    ("settings.targets.group.fives", ("fives_bands", "fives_action_due_days")),
    (
        "settings.targets.group.low_confidence",
        ("low_confidence_n", "scorecard_low_confidence_n", "fives_low_confidence_n"),
    ),
    ("settings.targets.group.sign_in", ("lockout_",)),
)


def group_fields(prefixes: tuple[str, ...]) -> tuple[TargetField, ...]:
    return tuple(f for f in FIELDS if f.name.startswith(prefixes))


def current(loaded: Mapping[str, Any]) -> dict[str, float]:
    """Each field's value in force (``settings.load_all``: defaults with the admin's overrides)."""
    out = {}
    for f in FIELDS:
        value = loaded[f.setting]
        out[f.name] = float(value[f.part] if f.part else value)
    return out


def validate(values: Mapping[str, float]) -> list[tuple[str, dict]]:
    """What is wrong with the form's values: (i18n key, values) pairs; empty when they can be saved."""
    errors: list[tuple[str, dict]] = []
    for f in FIELDS:
        value = values.get(f.name)
        if value is None or not f.minimum <= float(value) <= f.maximum:
            errors.append(
                ("settings.targets.error.range", {"field": f.label_key, "min": f.minimum, "max": f.maximum})
            )
        elif f.whole and float(value) != int(value):
            errors.append(("settings.targets.error.whole", {"field": f.label_key}))
    bands = [values.get(f"fives_bands.{b}") for b in ("excellent", "good", "needs_improvement")]
    if None not in bands and not bands[0] > bands[1] > bands[2]:
        errors.append(("settings.targets.error.bands", {}))
    weights = [values.get(f"servqual_default_weights.{d}") for d in SERVQUAL_DIMENSIONS]
    if None not in weights and abs(sum(float(w) for w in weights) - 100) > 1e-9:
        errors.append(
            ("settings.targets.error.weights_sum", {"total": f"{sum(float(w) for w in weights):g}"})
        )
    return errors


def messages(errors: list[tuple[str, dict]], lang: str) -> list[str]:
    """``validate``'s errors in words, each field by its label (the command line's; the page says the same)."""
    out = []
    for key, found in errors:
        named = {**found, "field": t(found["field"], lang)} if "field" in found else found
        out.append(t(key, lang, **named))
    return out


def parse_assignments(pairs: list[str]) -> tuple[dict[str, float], list[tuple[str, dict]]]:
    """``NAME=VALUE`` pairs of the command line (``low_confidence_n=40``, ``servqual_default_weights.empathy=30``):
    the values, and what is wrong with them as ``validate`` says it (an unknown name, a value not a number)."""
    fields = {f.name: f for f in FIELDS}
    values: dict[str, float] = {}
    errors: list[tuple[str, dict]] = []
    for pair in pairs:
        name, _, text = (part.strip() for part in pair.partition("="))
        field = fields.get(name)
        if field is None:
            errors.append(("settings.targets.error.unknown", {"name": name, "names": listed(fields)}))
            continue
        try:
            values[name] = float(text)
        except ValueError:
            errors.append(
                (
                    "settings.targets.error.range",
                    {"field": field.label_key, "min": field.minimum, "max": field.maximum},
                )
            )
    return values, errors


def changes(loaded: Mapping[str, Any], values: Mapping[str, float]) -> dict[str, Any]:
    """The settings to write: key -> its whole new value (a mapping setting with every part), only those that
    differ from what is in force."""
    new: dict[str, Any] = {}
    for f in FIELDS:
        value: float | int = int(values[f.name]) if f.whole else float(values[f.name])
        if f.part:
            base = new.get(f.setting, dict(loaded[f.setting]))
            base[f.part] = value
            new[f.setting] = base
        else:
            new[f.setting] = value
    return {k: v for k, v in new.items() if v != loaded[k]}
