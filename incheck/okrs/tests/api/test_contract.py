"""The API's contract (issue 8, item 7): what the OpenAPI document says is what is taken.

- Every schema name is used by one shape: two models called alike would share one name there,
  and one of them would be described wrongly (`POST /coach` answered with a schema named like
  the period review's).
- A day is written "YYYY-MM-DD" and nothing else: `due_on: 0` was read as 1970-01-01.
- A query parameter that takes one value, given twice, is refused (ninja took the last one);
  a yes/no in a query is `true` or `false` (pydantic also took 1, "yes", "on").

The fuzz test (`test_fuzz.py`) runs every schemathesis check against the whole document.
"""

from __future__ import annotations

import json
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from incheck.api import api
from incheck.okrs.models import CheckIn, Period
from incheck.okrs.tests.api.helpers import assert_error


def models_in(annotation: Any, seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    """Every pydantic model an annotation holds, at any depth (lists, unions, Annotated), once
    (a tree's node holds its own kind)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        yield annotation
        for field in annotation.model_fields.values():
            yield from models_in(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        yield from models_in(argument, seen)


def api_models() -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                wrappers = [*operation.response_models.values(), *operation.models]
                for wrapper in wrappers:
                    # ninja wraps the schemas of each operation in models of its own.
                    for field in getattr(wrapper, "model_fields", {}).values():
                        yield from models_in(field.annotation, seen)


def test_every_schema_name_is_used_by_one_shape():
    # ninja makes a paged model per list operation: two alike ones may share their name.
    shapes: dict[str, set[str]] = defaultdict(set)
    for model in api_models():
        shapes[model.__name__].add(json.dumps(model.model_json_schema(), sort_keys=True))
    assert len(shapes) > 10
    assert not [name for name, found in shapes.items() if len(found) > 1]


def test_the_coach_answers_with_its_own_schema():
    schema = api.get_openapi_schema()
    response = schema["paths"]["/api/v1/coach"]["post"]["responses"][200]
    ref = response["content"]["application/json"]["schema"]["$ref"]
    assert ref.rsplit("/", 1)[-1] == "CoachingOut"
    assert set(schema["components"]["schemas"]["CoachingOut"]["properties"]) >= {"ok", "hints"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day", [0, 1_700_000_000, 20261204, 1.5, True, "2026-12-04T00:00:00", "4/12/2026", ""]
)
def test_a_day_is_written_yyyy_mm_dd_and_nothing_else(api, personas, day):
    plan = {"kind": "next_up", "text": "By Friday I will call 10 leads", "due_on": day}
    path = f"/key-results/{personas.kr.pk}/check-ins"
    body = assert_error(api.post(path, {"entries": [plan]}), 422, "invalid")
    assert body["fields"]["entries.0.due_on"] == "A date is written YYYY-MM-DD, e.g. 2026-12-04."
    period = {"name": "2027 Q1", "start_on": day, "end_on": "2027-03-31"}
    body = assert_error(api.post("/periods", period, as_="lena"), 422, "invalid")
    assert "start_on" in body["fields"]
    assert not CheckIn.objects.exists()
    assert not Period.objects.filter(name="2027 Q1").exists()


@pytest.mark.django_db
def test_a_day_the_schema_takes_is_taken(api, personas):
    plan = {"kind": "next_up", "text": "By Friday I will call 10 leads", "due_on": "2026-12-04"}
    response = api.post(f"/key-results/{personas.kr.pk}/check-ins", {"entries": [plan]})
    assert response.status_code == 201, response.content
    assert CheckIn.objects.get(kind="next_up").due_on.isoformat() == "2026-12-04"


@pytest.mark.django_db
def test_the_date_message_is_in_the_persons_language(api, personas):
    personas.alice.profile.language = "sv"
    personas.alice.profile.save()
    plan = {"kind": "next_up", "text": "Till fredag ringer jag 10 kunder", "due_on": 0}
    response = api.post(f"/key-results/{personas.kr.pk}/check-ins", {"entries": [plan]})
    body = assert_error(response, 422, "invalid")
    assert body["fields"]["entries.0.due_on"] == "Ett datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2026-12-04."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["team={a}&team={b}", "limit=5&limit=6", "kind=next_up&kind=blocker"]
)
def test_a_query_parameter_given_twice_is_refused(api, personas, query):
    filled = query.format(a=personas.growth.pk, b=personas.platform.pk)
    name = filled.split("=", 1)[0]
    body = assert_error(api.get(f"/insights?{filled}"), 422, "invalid")
    assert name in body["fields"]


@pytest.mark.django_db
def test_a_query_parameter_given_once_is_taken(api, personas):
    assert api.get(f"/insights?team={personas.growth.pk}&limit=5").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1", "0", "yes", "on", "True", ""])
def test_a_yes_or_no_in_a_query_is_true_or_false(api, personas, value):
    body = assert_error(api.get(f"/teams?archived={value}"), 422, "invalid")
    assert body["fields"] == {"archived": "Write true or false."}


@pytest.mark.django_db
def test_true_and_false_are_taken(api, personas):
    assert api.get("/teams?archived=true").status_code == 200
    assert api.get("/teams?archived=false").status_code == 200
