"""Price texts as the sources write them, read into a tariff and one price per kWh."""

from __future__ import annotations

import pytest
from support.station_texts import afdc_price_texts, ocm_price_texts

from bot.prices import SESSION_KWH, Tariff, parse_price


@pytest.mark.parametrize(
    ("text", "power_kw", "per_kwh", "currency"),
    [
        ("Free", None, 0.0, ""),
        ("Free; donations encouraged", None, 0.0, ""),
        ("Gratuit", None, 0.0, ""),
        ("$0.40 per kWh", None, 0.40, "$"),
        ("$0.35/kWh", None, 0.35, "$"),
        ("$0.54 per kWh + tax", None, 0.54, "$"),
        ("$1.50 per session; $0.75 per kWh", None, 0.75 + 1.50 / SESSION_KWH, "$"),
        ("$0.50 initiation fee + $0.18 per kWh", None, 0.18 + 0.50 / SESSION_KWH, "$"),
        ("$3 session fee; $2 per kWh; $35 per hour idle fee", None, 2 + 3 / SESSION_KWH, "$"),
        ("$0.30 per kWh; $2 per hour idle fee", None, 0.30, "$"),
        ("$1.00 per minute", 50.0, 60 / 50, "$"),
        ("$2.50 per hour", 7.2, 2.50 / 7.2, "$"),
        ("$2.50 per hour; $10 per hour after 4 hours", 7.2, 2.50 / 7.2, "$"),
        ("$10 per 4 hrs charging plus parking fee", 10.0, 2.5 / 10, "$"),
        ("$0.22/min >=60kW; $0.11/min <60kW; other tariffs for older cars", 120, 0.11, "$"),
        ("$0.35 per kWh for public; $0.20 per kWh for employees", None, 0.35, "$"),
        ("$0.35-$1.25/Hr Variable Parking Fee, $0.25-$0.50/kWh Variable Energy Fee", 25, 0.55, "$"),
        ("5,60€/hour", 22.0, 5.60 / 22, "€"),
        ("0,47€/kWh", None, 0.47, "€"),
        ("0.20€ kWh AC, 0.35€ kWh DC", None, 0.35, "€"),
        ("£0.79/kWh; other tariffs available", None, 0.79, "£"),
        ("07:00-23:59: 24p / kWh,  00:00-06:59: 12p / kWh", None, 0.24, ""),
        ("07:00-23:59 £0.21/kWh min £2.00;00:00-06:59 £0.11/kWh min £2.00", None, 0.21, "£"),
        ("0,26cts/kWh", None, 0.26, ""),
    ],
)
def test_price_texts_are_read(
    text: str, power_kw: float | None, per_kwh: float, currency: str
) -> None:
    tariff = parse_price(text)
    assert tariff is not None
    assert tariff.per_kwh(power_kw) == pytest.approx(per_kwh, abs=1e-3)
    assert tariff.currency == currency


@pytest.mark.parametrize(
    "text", ["", "0.19", "1", "£10/month subscription", "parking fee", "Contact site for pricing"]
)
def test_texts_without_a_price_give_none(text: str) -> None:
    assert parse_price(text) is None


def test_a_time_price_needs_the_power() -> None:
    assert Tariff(per_minute=0.5).per_kwh(None) is None
    assert Tariff(per_minute=0.5).per_kwh(30) == pytest.approx(1.0)


def test_every_afdc_and_ocm_price_text_is_read_or_counted_unreadable() -> None:
    afdc = afdc_price_texts()
    ocm = ocm_price_texts()
    assert len(afdc) > 80 and len(ocm) > 40
    for texts, floor in ((afdc, 0.95), (ocm, 0.85)):
        read = [parse_price(text) for text in texts]
        for text, tariff in zip(texts, read, strict=True):
            if text.lower().startswith("free") and "$" not in text:
                assert tariff is not None and tariff.is_free, text
            if tariff is not None:
                assert 0 <= tariff.energy_per_kwh < 5, text
        assert sum(t is not None for t in read) / len(texts) >= floor
