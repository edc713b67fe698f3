"""The health formula on its own: each component's scaling, the weights, the bands, and the
points of ``explain[]`` adding up to the score exactly (largest remainder)."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest

from prm_api.health.formula import (
    DEFAULT_WEIGHTS,
    HealthInputs,
    band_of,
    largest_remainder,
    resolve_weights,
    score,
)

TODAY = date(2026, 12, 3)


def inputs(**values: object) -> HealthInputs:
    return HealthInputs(partner_id=uuid.uuid4(), as_of=TODAY, currency="USD", **values)  # type: ignore[arg-type]


def factor(result, component: str):
    [found] = [f for f in result.explain if f.component == component]
    return found


def only(component: str) -> dict[str, int]:
    return {name: (1 if name == component else 0) for name in DEFAULT_WEIGHTS}


@pytest.mark.parametrize(
    ("days", "normalized"),
    [(0, 1.0), (9, 0.9), (45, 0.5), (89, 0.0111), (90, 0.0), (400, 0.0), (None, 0.0)],
)
def test_deal_recency_falls_linearly_to_zero_at_90_days(days, normalized):
    last = None if days is None else TODAY - timedelta(days=days)
    f = factor(score(inputs(last_deal_activity=last), DEFAULT_WEIGHTS), "deal_recency")
    assert f.normalized == normalized
    assert f.raw_value == days
    assert f.unit == "days"


@pytest.mark.parametrize(
    ("now", "before", "normalized", "raw"),
    [
        ("120", "100", 1.0, 1.2),
        ("300", "100", 1.0, 3.0),
        ("50", "100", 0.0, 0.5),
        ("10", "100", 0.0, 0.1),
        ("85", "100", 0.5, 0.85),
        ("0", "0", 0.5, None),  # nothing either time: neutral
        ("10", "0", 1.0, None),  # grew from nothing
        ("0", "100", 0.0, 0.0),
    ],
)
def test_pipeline_trend_maps_the_ratio(now, before, normalized, raw):
    x = inputs(pipeline_now=Decimal(now), pipeline_before=Decimal(before))
    f = factor(score(x, DEFAULT_WEIGHTS), "pipeline_trend")
    assert (f.normalized, f.raw_value) == (normalized, raw)
    assert f.figures["pipeline_now"] == f"{Decimal(now):.2f}"


def test_win_rate_is_neutral_without_closes():
    assert factor(score(inputs(), DEFAULT_WEIGHTS), "win_rate").normalized == 0.5
    f = factor(score(inputs(won_deals=3, lost_deals=1), DEFAULT_WEIGHTS), "win_rate")
    assert (f.normalized, f.raw_value, f.figures) == (
        0.75,
        0.75,
        {"won_deals": 3, "lost_deals": 1},
    )


@pytest.mark.parametrize(
    ("certified", "users", "normalized"), [(0, 0, 0.0), (1, 4, 0.25), (4, 4, 1.0), (5, 4, 1.0)]
)
def test_certification_coverage_is_capped_at_one(certified, users, normalized):
    x = inputs(certified_users=certified, active_users=users)
    assert factor(score(x, DEFAULT_WEIGHTS), "certification_coverage").normalized == normalized


def test_engagement_averages_capped_shares_of_fixed_targets():
    # 15/30 sign-ins, 10/10 downloads (capped from 50), 0/3 completions → (0.5 + 1 + 0) / 3
    x = inputs(sign_ins=15, downloads=50, course_completions=0)
    f = factor(score(x, DEFAULT_WEIGHTS), "engagement")
    assert f.normalized == 0.5
    assert f.raw_value == 65
    assert f.figures["sign_ins_target"] == 30


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({}, DEFAULT_WEIGHTS),
        ({"win_rate": 50}, {**DEFAULT_WEIGHTS, "win_rate": 50}),
        ({"win_rate": -1, "engagement": "x", "deal_recency": 2.5}, DEFAULT_WEIGHTS),
        ({"win_rate": 10.0, "unknown": 99}, {**DEFAULT_WEIGHTS, "win_rate": 10}),
        (dict.fromkeys(DEFAULT_WEIGHTS, 0), DEFAULT_WEIGHTS),  # nothing to divide by
        (None, DEFAULT_WEIGHTS),
    ],
)
def test_weights_fall_back_to_the_defaults(stored, expected):
    assert resolve_weights(stored) == expected


@pytest.mark.parametrize(
    ("score_", "band"),
    [
        (100, "healthy"),
        (70, "healthy"),
        (69, "at_risk"),
        (40, "at_risk"),
        (39, "critical"),
        (0, "critical"),
    ],
)
def test_bands(score_, band):
    assert band_of(score_) == band


def test_largest_remainder_gives_the_extra_points_to_the_largest_remainders():
    shares = [Decimal("10.6"), Decimal("20.3"), Decimal("0.5"), Decimal("5.6")]
    assert largest_remainder(shares, 37) == [11, 20, 0, 6]
    assert largest_remainder([Decimal("33.3333")] * 3, 100) == [34, 33, 33]  # ties: first


def test_points_add_up_to_the_score_for_any_figures_and_weights():
    rng = random.Random(1234)
    for _ in range(2000):
        x = inputs(
            last_deal_activity=rng.choice([None, TODAY - timedelta(days=rng.randrange(200))]),
            pipeline_now=Decimal(rng.randrange(0, 10_000)) / 7,
            pipeline_before=Decimal(rng.randrange(0, 10_000)) / 3,
            won_deals=rng.randrange(5),
            lost_deals=rng.randrange(5),
            certified_users=rng.randrange(6),
            active_users=rng.randrange(6),
            sign_ins=rng.randrange(40),
            downloads=rng.randrange(15),
            course_completions=rng.randrange(5),
        )
        weights = resolve_weights({k: rng.randrange(0, 40) for k in DEFAULT_WEIGHTS})
        result = score(x, weights)
        assert sum(f.points for f in result.explain) == result.score
        exact = sum(Decimal(f.weight) * Decimal(str(f.normalized)) for f in result.explain)
        expected = (exact * 100 / sum(weights.values())).quantize(Decimal(1), "ROUND_HALF_UP")
        assert result.score == int(expected)
        assert result.band == band_of(result.score)
        for f in result.explain:
            share = Decimal(f.weight) * Decimal(str(f.normalized)) * 100 / sum(weights.values())
            assert abs(f.points - share) < 1  # each point its own share, rounded down or up


def test_all_weight_on_one_component_scores_100_times_its_normalized_value():
    x = inputs(won_deals=2, lost_deals=1, sign_ins=7)
    for component in DEFAULT_WEIGHTS:
        result = score(x, only(component))
        normalized = factor(result, component).normalized
        assert result.score == int(
            (Decimal(str(normalized)) * 100).quantize(Decimal(1), "ROUND_HALF_UP")
        )
        assert factor(result, component).points == result.score
