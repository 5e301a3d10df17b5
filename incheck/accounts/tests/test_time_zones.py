"""The time-zone choice: zones in use only, by region, the likely ones first (issue 9)."""

from __future__ import annotations

import zoneinfo

from incheck.accounts.time_zones import (
    city_label,
    likely_zones,
    time_zone_choices,
    zones_in_use,
    zones_of_country,
)

LEGACY = ("ROC", "W-SU", "Zulu", "localtime", "US/Eastern", "Etc/GMT+5", "Asia/Calcutta", "GB")


def test_only_zones_in_use_are_offered_never_the_old_aliases():
    zones = zones_in_use()
    assert {"Europe/Stockholm", "America/New_York", "Asia/Kolkata", "UTC"} <= zones
    assert not zones & set(LEGACY)
    assert 300 < len(zones) < len(zoneinfo.available_timezones()) - 100


def test_every_zone_offered_is_one_python_knows():
    for zone in zones_in_use():
        zoneinfo.ZoneInfo(zone)


def test_a_country_names_its_zones_main_one_first():
    assert zones_of_country("se") == ["Europe/Stockholm"]
    assert zones_of_country("US")[0] == "America/New_York"
    assert zones_of_country("XX") == []


def test_a_zone_is_shown_by_its_place():
    assert city_label("Europe/Stockholm") == "Stockholm"
    assert city_label("America/Indiana/Indianapolis") == "Indiana / Indianapolis"
    assert city_label("UTC") == "UTC"


def test_the_likely_zones_are_the_persons_their_browsers_country_and_the_installations():
    likely = likely_zones(
        current="Europe/Helsinki",
        accept_language="sv-SE,sv;q=0.9,en;q=0.8",
        installation="Europe/Stockholm",
    )
    assert likely == ["Europe/Helsinki", "Europe/Stockholm"]
    us = likely_zones(current="UTC", accept_language="en-US", installation="Europe/Stockholm")
    assert us[:2] == ["UTC", "America/New_York"]
    assert len(us) == 1 + 4 + 1
    # A browser that names no country suggests nothing more.
    assert likely_zones(current="", accept_language="en", installation="UTC") == ["UTC"]


def test_a_legacy_zone_a_person_already_has_stays_choosable_among_the_suggestions():
    choices = time_zone_choices(["US/Eastern"], "Suggested")
    label, suggested = choices[0]
    assert (label, suggested) == ("Suggested", [("US/Eastern", "US/Eastern")])


def test_the_choices_are_grouped_by_region_with_cities_in_order():
    choices = dict(time_zone_choices(["Europe/Stockholm"], "Suggested"))
    europe = choices["Europe"]
    assert ("Europe/Stockholm", "Stockholm") in europe
    assert [label for _zone, label in europe] == sorted(label for _zone, label in europe)
    assert "Etc" not in choices
    assert choices["UTC"] == "UTC"
