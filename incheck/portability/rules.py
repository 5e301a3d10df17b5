"""The rules a record must keep beyond its field types: the header's values and the models'
check constraints, so that a bad file gets a message instead of a database error."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from incheck.portability import format as fmt
from incheck.portability.checks import BadValue, converter
from incheck.portability.errors import ImportProblem, Where

_EXPORTED_AT = converter(
    fmt.Field(key="exported_at", attname="exported_at", kind="datetime", null=False, blank=False)
)


def header_value(key: str, value: Any, where: Where) -> Any:
    """A header value, checked: the format's name, a version this code reads, and so on."""
    if key == "format" and value != fmt.FORMAT:
        raise ImportProblem(
            _('This is not an Incheck export: "format" is %(found)s, not "%(format)s".')
            % {"found": _shown(value), "format": fmt.FORMAT},
            where,
        )
    if key == "version":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ImportProblem(_("the version must be a whole number."), where)
        if value not in fmt.READABLE_VERSIONS:
            raise ImportProblem(
                _(
                    "this is version %(found)s of the export format; this Incheck reads versions "
                    "%(versions)s. Import it with the Incheck that wrote it, or a newer one."
                )
                % {
                    "found": value,
                    "versions": ", ".join(str(v) for v in fmt.READABLE_VERSIONS),
                },
                where,
            )
    if key == "exported_at":
        try:
            return _EXPORTED_AT(value)
        except BadValue as bad:
            raise ImportProblem(bad.what, where) from None
    if key == "with_password_hashes" and not isinstance(value, bool):
        raise ImportProblem(_("must be true or false."), where)
    return value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def record_problem(section: str, values: dict[str, Any]) -> tuple[str, str] | None:
    """The first check constraint a record breaks, as (field, message), or None."""
    if section == "periods" and values["start_on"] > values["end_on"]:
        return "end_on", _("a period cannot end before it starts.")
    if section == "objectives" and (values["team_id"] is None) == (values["owner_id"] is None):
        return "owner", _(
            "an objective belongs to a team or to a person: exactly one of team and owner is set."
        )
    return None
