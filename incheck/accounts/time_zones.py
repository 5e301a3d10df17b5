"""The time zones a person chooses from: the zones in use, by region, the likely ones first.

`zoneinfo.available_timezones()` also holds some 150 names kept only for old software (ROC,
W-SU, Zulu, US/Eastern, Etc/GMT+5, localtime, Asia/Calcutta …). The choice offers the tz
database's own table of zones in use per country, `zone.tab` (from the `tzdata` package), which
names a zone after a city of the country (Europe/Stockholm, not the Europe/Berlin it now shares
rules with), plus UTC; grouped by region, cities in alphabetical order.

>>> "Europe/Stockholm" in zones_in_use() and "W-SU" not in zones_in_use()
True
>>> zones_of_country("SE")
['Europe/Stockholm']
>>> city_label("America/Argentina/Buenos_Aires")
'Argentina / Buenos Aires'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

UTC = "UTC"

# The first part of a zone's name, in the reader's words.
REGIONS: dict[str, Promise] = {
    "Europe": _("Europe"),
    "America": _("America"),
    "Asia": _("Asia"),
    "Africa": _("Africa"),
    "Australia": _("Australia"),
    "Pacific": _("Pacific Ocean"),
    "Atlantic": _("Atlantic Ocean"),
    "Indian": _("Indian Ocean"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
}

# How many zones of the browser's country are suggested (the United States has 29).
COUNTRY_SUGGESTIONS = 4


@cache
def _zone_table() -> tuple[tuple[str, str], ...]:
    """(country code, zone) for each row of the tz database's zone.tab, in the file's order."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_comment = line.split("\t")
            rows.append((country, zone))
    return tuple(rows)


@cache
def zones_in_use() -> frozenset[str]:
    """Every zone a person may choose: the zones of zone.tab, and UTC."""
    return frozenset(zone for _country, zone in _zone_table()) | {UTC}


def zones_of_country(country: str) -> list[str]:
    """The zones of a country (ISO 3166 code), its main one first (zone.tab's order)."""
    code = country.upper()
    return [zone for row_country, zone in _zone_table() if row_country == code]


def city_label(zone: str) -> str:
    """The part of the name a person looks for: "Stockholm", "Indiana / Indianapolis"."""
    _region, _slash, place = zone.partition("/")
    return (place or zone).replace("_", " ").replace("/", " / ")


def likely_zones(*, current: str, accept_language: str, installation: str) -> list[str]:
    """The zones to offer first: the person's own, those of the country their browser names
    (sv-SE → Sweden), and the installation's; each once."""
    likely = [current]
    for language, _quality in parse_accept_lang_header(accept_language):
        _language, _dash, country = language.partition("-")
        if len(country) == 2:
            likely += zones_of_country(country)[:COUNTRY_SUGGESTIONS]
            break
    likely.append(installation)
    return list(dict.fromkeys(zone for zone in likely if zone))


def time_zone_choices(likely: list[str], likely_label: str) -> list[tuple[str, object]]:
    """Grouped choices for a select: the likely zones, then every region's cities, then UTC."""
    grouped: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for zone in zones_in_use() - {UTC}:
        grouped.setdefault(zone.partition("/")[0], []).append((zone, city_label(zone)))
    choices: list[tuple[str, object]] = [
        (likely_label, [(zone, zone.replace("_", " ")) for zone in likely])
    ]
    for region, zones in grouped.items():
        if zones:
            label = str(REGIONS.get(region, region))
            choices.append((label, sorted(zones, key=lambda choice: choice[1])))
    choices.append((UTC, UTC))
    return choices
