"""The shape step: validate one loaded file against its pydantic model, turning every error into a Problem that
names the file, line, column and field in words an editor understands."""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from .load import LoadedFile
from .models import ASCII_ID
from .problems import Problems

# pydantic's error type -> (code, message)
PYDANTIC_MESSAGES = {
    "missing": ("missing-field", "required field is missing"),
    "extra_forbidden": ("unknown-field", "unknown field"),
    "int_type": ("wrong-type", "expected a whole number, got {input!r}"),
    "int_parsing": ("wrong-type", "expected a whole number, got {input!r}"),
    "int_from_float": ("wrong-type", "expected a whole number, got {input!r}"),
    "string_type": ("wrong-type", "expected text, got {input!r}"),
    "list_type": ("wrong-type", "expected a list, got {input!r}"),
    "model_type": ("wrong-type", "expected a mapping of fields, got {input!r}"),
    "model_attributes_type": ("wrong-type", "expected a mapping of fields, got {input!r}"),
    "date_type": ("invalid-date", "expected a date YYYY-MM-DD, got {input!r}"),
    "date_parsing": ("invalid-date", "expected a date YYYY-MM-DD, got {input!r}"),
    "date_from_datetime_parsing": ("invalid-date", "expected a date YYYY-MM-DD, got {input!r}"),
    "greater_than_equal": ("out-of-range", "must be 1 or more, got {input!r}"),
    "less_than_equal": ("out-of-range", "must be {le} or less, got {input!r}"),
    "too_short": ("empty-list", "must not be empty"),
}


def _message(error: dict) -> tuple[str, str]:
    kind, given = error["type"], error.get("input")
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == ASCII_ID:
            return "invalid-id", f"invalid id {given!r}: use lowercase ASCII letters, digits and hyphens"
        return "invalid-value", f"invalid value {given!r}: must match {error['ctx']['pattern']}"
    if kind == "value_error":
        cause = error["ctx"]["error"]
        return getattr(cause, "code", "invalid-value"), str(cause)
    code, template = PYDANTIC_MESSAGES.get(kind, ("invalid-value", None))
    return code, template.format(input=given, **error.get("ctx", {})) if template else error["msg"]


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
            code, message = (("wrong-type", "expected a task number or an item id such as '2022-22/air/15'")
                             if union else _message(detail))
            if (loc, message) not in seen:
                seen.add((loc, message))
                problems.add(file.problem(loc, message, code))
        return None
