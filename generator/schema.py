"""The shape step: validate one loaded file against its pydantic model, turning every error into a Problem that
names the file, line, column and field in words an editor understands."""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from .load import LoadedFile
from .models import ASCII_ID
from .problems import Problems

PYDANTIC_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "int_type": "expected a whole number, got {input!r}",
    "int_parsing": "expected a whole number, got {input!r}",
    "int_from_float": "expected a whole number, got {input!r}",
    "string_type": "expected text, got {input!r}",
    "list_type": "expected a list, got {input!r}",
    "model_type": "expected a mapping of fields, got {input!r}",
    "model_attributes_type": "expected a mapping of fields, got {input!r}",
    "date_type": "expected a date YYYY-MM-DD, got {input!r}",
    "date_parsing": "expected a date YYYY-MM-DD, got {input!r}",
    "date_from_datetime_parsing": "expected a date YYYY-MM-DD, got {input!r}",
    "greater_than_equal": "must be 1 or more, got {input!r}",
    "too_short": "must not be empty",
}


def _message(error: dict) -> str:
    kind, given = error["type"], error.get("input")
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == ASCII_ID:
            return f"invalid id {given!r}: use lowercase ASCII letters, digits and hyphens"
        return f"invalid value {given!r}: must match {error['ctx']['pattern']}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    template = PYDANTIC_MESSAGES.get(kind)
    return template.format(input=given) if template else error["msg"]


def _data_loc(detail: dict, file: LoadedFile) -> tuple[tuple, bool]:
    """Pydantic's loc without the union member names it adds ('constrained-int'), and whether it had any.

    The loc is walked through the data: a part that names no place there is a union member name, except
    the last part of a `missing` error, which names the absent field (reported by name, at its parent)."""
    loc, node, union = [], file.data, False
    parts = tuple(detail["loc"])
    for i, part in enumerate(parts):
        if isinstance(node, dict) and part in node or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            loc.append(part)
            node = node[part]
        elif isinstance(node, dict) and detail["type"] == "missing" and i == len(parts) - 1:
            loc.append(part)
        else:
            union = True
    return tuple(loc), union


def parse_model(model: type[BaseModel], file: LoadedFile, problems: Problems, context: dict | None = None):
    try:
        return model.model_validate(file.data, context=context)
    except ValidationError as error:
        seen = set()
        for detail in error.errors():
            loc, union = _data_loc(detail, file)
            message = "expected a task number or an item id such as '2022-22/air/15'" if union else _message(detail)
            if (loc, message) not in seen:
                seen.add((loc, message))
                problems.add(file.problem(loc, message))
        return None
