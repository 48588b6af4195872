"""Hypothesis strategies built from the OpenAPI document's JSON Schemas (no schemathesis).

For every operation of the served document: ``requests`` makes valid requests (bodies and
parameters that match their schemas; ``hints`` give chosen fields values that also pass the
service's own checks, such as a known language), ``hostile_requests`` valid-typed requests whose
strings come from the hostile list, and ``invalid_requests`` requests that break exactly one rule
of the schema (a wrong type, a missing required field, an unknown field, a string too long or too
short, a number out of range, a value outside an enum, too many or too few items).

The JSON Schema keywords understood are those the document uses: ``$ref``, ``allOf``, ``type``
(one or a list), ``enum``, ``const``, ``format`` (``date-time``, ``uuid``), ``minLength``,
``maxLength``, ``pattern``, ``minimum``, ``maximum``, ``required``, ``properties``,
``additionalProperties``, ``items``, ``minItems``, ``maxItems``, and ``anyOf`` of required
fields ("a phone or an email"). A schema using another keyword
that constrains values fails loudly (``UnknownKeyword``) rather than producing wrong cases.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.hardening.hostile import NASTY

Schema = Mapping[str, Any]
Hints = Mapping[str, st.SearchStrategy[Any]]  # JSON pointer ("*" for any array item) -> values
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$ref", "allOf",
                         "components", "$schema"})
VALUE_KEYWORDS = frozenset({"type", "enum", "const", "format", "minLength", "maxLength",
                            "pattern", "minimum", "maximum", "required", "properties",
                            "additionalProperties", "items", "minItems", "maxItems", "anyOf"})
TEXT_CAP = 40  # longest string a valid case generates when the schema allows more
ITEMS_CAP = 4
WRONG_TYPES: Mapping[str, st.SearchStrategy[Any]] = {
    "string": st.text(max_size=5), "integer": st.integers(), "boolean": st.booleans(),
    "null": st.none(), "array": st.lists(st.integers(), max_size=2),
    "object": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f != int(f)),
}


class UnknownKeyword(AssertionError):
    pass


@dataclass(frozen=True)
class Resolver:
    """Follows ``#/components/schemas/`` references and merges ``allOf``."""

    components: Mapping[str, Schema]

    def resolve(self, schema: Schema) -> dict[str, Any]:
        if "$ref" in schema:
            name = str(schema["$ref"]).rsplit("/", 1)[-1]
            return self.resolve({**self.components[name],
                                 **{k: v for k, v in schema.items() if k != "$ref"}})
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema.get("allOf", ()):
            resolved = self.resolve(part)
            merged["required"] = [*resolved.get("required", ()), *merged.get("required", ())]
            merged["properties"] = {**resolved.get("properties", {}),
                                    **merged.get("properties", {})}
            for key, value in resolved.items():
                merged.setdefault(key, value)
        unknown = set(merged) - ANNOTATIONS - VALUE_KEYWORDS
        if unknown:
            raise UnknownKeyword(f"the fuzzer does not understand {sorted(unknown)}")
        return merged

    def validator(self, schema: Schema) -> Draft202012Validator:
        return Draft202012Validator({**schema, "components": {"schemas": self.components}})


def _types(schema: Schema) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return ["object"] if "properties" in schema else []
    return [kind] if isinstance(kind, str) else list(kind)


@dataclass(frozen=True)
class Generator:
    resolver: Resolver
    hints: Hints = field(default_factory=dict)
    hostile: bool = False  # valid-typed strings drawn from the hostile list as well

    def valid(self, schema: Schema, pointer: str = "") -> st.SearchStrategy[Any]:
        for key in (pointer, _wildcard(pointer)):
            if key in self.hints:
                return self.hints[key]
        schema = self.resolver.resolve(schema)
        if "enum" in schema:
            return st.sampled_from(list(schema["enum"]))
        if "const" in schema:
            return st.just(schema["const"])
        choices = [self._of_type(kind, schema, pointer) for kind in _types(schema)]
        return st.one_of(choices) if choices else st.none()

    def _of_type(self, kind: str, schema: Schema, pointer: str) -> st.SearchStrategy[Any]:
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            return st.integers(schema.get("minimum"), schema.get("maximum"))
        if kind == "number":
            return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False,
                             allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind == "array":
            low = int(schema.get("minItems", 0))
            high = min(int(schema.get("maxItems", ITEMS_CAP)), max(low, ITEMS_CAP))
            return st.lists(self.valid(schema.get("items", {}), pointer + "/*"), min_size=low,
                            max_size=high)
        if kind == "object":
            return self._object(schema, pointer)
        raise UnknownKeyword(f"type {kind}")

    def _string(self, schema: Schema) -> st.SearchStrategy[str]:
        low = int(schema.get("minLength", 0))
        high = int(schema.get("maxLength", TEXT_CAP + low))
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        if "pattern" in schema:
            return st.from_regex(str(schema["pattern"])).filter(lambda s: low <= len(s) <= high)
        # NUL and lone surrogates are refused in any string (api.bodies: no database column can
        # store the one, nothing can encode the other)
        plain = st.text(alphabet=st.characters(exclude_characters="\x00", codec="utf-8"),
                        min_size=low, max_size=min(high, max(low, TEXT_CAP)))
        if not self.hostile:
            return plain
        clipped = [s for s in [*NASTY, "a\x00b", "\x00" * low] if low <= len(s) <= high]
        return st.one_of(plain, st.sampled_from(clipped or ["x" * low]),
                         st.text(alphabet=st.characters(codec="utf-8"), min_size=low,
                                 max_size=min(high, 300)))

    def _object(self, schema: Schema, pointer: str) -> st.SearchStrategy[dict[str, Any]]:
        properties: Mapping[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        # ``anyOf`` is understood only as "one of these fields at least" (a phone or an email)
        alternatives = [list(branch["required"]) for branch in schema.get("anyOf", ())]
        if any(set(branch) != {"required"} for branch in schema.get("anyOf", ())):
            raise UnknownKeyword("anyOf other than required-field alternatives")
        objects = st.fixed_dictionaries(
            {name: self.valid(properties.get(name, {}), f"{pointer}/{name}")
             for name in sorted(required)},
            optional={name: self.valid(sub, f"{pointer}/{name}")
                      for name, sub in properties.items() if name not in required})
        if not alternatives:
            return objects
        return objects.filter(
            lambda value: any(all(name in value for name in names) for names in alternatives))

    def invalid(self, schema: Schema, pointer: str = "") -> st.SearchStrategy[Any]:
        """Values that break exactly one rule of ``schema`` (at this level or one below)."""
        schema = self.resolver.resolve(schema)
        types = _types(schema)
        breaks: list[st.SearchStrategy[Any]] = []
        if types:
            breaks.append(st.one_of([strategy for name, strategy in WRONG_TYPES.items()
                                     if name not in types
                                     and not (name == "integer" and "number" in types)]))
        if "enum" in schema:
            allowed = list(schema["enum"])
            breaks.append(st.text(max_size=20).filter(lambda s: s not in allowed))
        if "string" in types:
            breaks.extend(self._bad_strings(schema))
        if "integer" in types or "number" in types:
            if "minimum" in schema:
                breaks.append(st.integers(max_value=int(schema["minimum"]) - 1))
            if "maximum" in schema:
                breaks.append(st.integers(min_value=int(schema["maximum"]) + 1))
        if "array" in types:
            breaks.extend(self._bad_arrays(schema, pointer))
        if "object" in types:
            breaks.extend(self._bad_objects(schema, pointer))
        return st.one_of(breaks)

    def _bad_strings(self, schema: Schema) -> list[st.SearchStrategy[Any]]:
        breaks: list[st.SearchStrategy[Any]] = []
        if "maxLength" in schema:
            longest = int(schema["maxLength"])
            breaks.append(st.sampled_from([longest + 1, longest + 50, 100_000]).flatmap(
                lambda n: st.sampled_from(["A", "é", "\x00", "<", "🙂"]).map(lambda c: c * n)))
        if int(schema.get("minLength", 0)) > 0:
            breaks.append(st.just(""))
        return breaks

    def _bad_arrays(self, schema: Schema, pointer: str) -> list[st.SearchStrategy[Any]]:
        items = schema.get("items", {})
        breaks: list[st.SearchStrategy[Any]] = []
        if "maxItems" in schema:
            breaks.append(self.valid(items, pointer + "/*").map(
                lambda item: [item] * (int(schema["maxItems"]) + 1)))
        if int(schema.get("minItems", 0)) > 0:
            breaks.append(st.just([]))
        breaks.append(st.tuples(self.valid(schema, pointer), self.invalid(items, pointer + "/*"),
                                st.integers(0, ITEMS_CAP)).map(
            lambda t: [*t[0][:t[2]], t[1], *t[0][t[2]:]]))
        return breaks

    def _bad_objects(self, schema: Schema, pointer: str) -> list[st.SearchStrategy[Any]]:
        whole = self.valid(schema, pointer)
        properties: Mapping[str, Schema] = schema.get("properties", {})
        breaks: list[st.SearchStrategy[Any]] = []
        for name in schema.get("required", ()):
            breaks.append(whole.map(_dropping(name)))
        if schema.get("additionalProperties") is False:
            extra = st.text(min_size=1, max_size=20).filter(lambda k: k not in properties)
            breaks.append(st.tuples(whole, extra, st.sampled_from(NASTY)).map(
                lambda t: {**t[0], t[1]: t[2]}))
        for name, sub in properties.items():
            breaks.append(st.tuples(whole, self.invalid(sub, f"{pointer}/{name}")).map(
                _replacing(name)))
        return breaks


def _without(value: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k != name}


def _dropping(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda value: _without(value, name)


def _replacing(name: str) -> Callable[[tuple[dict[str, Any], Any]], dict[str, Any]]:
    return lambda pair: {**pair[0], name: pair[1]}


def _wildcard(pointer: str) -> str:
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))


# ---- operations and requests ----------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    path: str  # the template, e.g. /api/v1/leaflet-issues/{issue_id}
    method: str
    spec: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.spec.get("operationId", f"{self.method} {self.path}"))

    @property
    def secured(self) -> bool:
        return bool(self.spec.get("security"))

    @property
    def success(self) -> int:
        return min(int(s) for s in self.spec["responses"] if s.startswith("2"))

    @property
    def statuses(self) -> frozenset[int]:
        return frozenset(int(s) for s in self.spec["responses"])

    def parameters(self, where: str) -> list[Mapping[str, Any]]:
        return [p for p in self.spec.get("parameters", ()) if p["in"] == where]

    @property
    def body_schema(self) -> Schema | None:
        body = self.spec.get("requestBody")
        return body["content"]["application/json"]["schema"] if body else None


def operations(document: Mapping[str, Any]) -> list[Operation]:
    return [Operation(path, method, spec) for path, item in document["paths"].items()
            for method, spec in item.items()]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    broken: str = ""  # which rule an invalid request breaks ("" for a valid one)


def fill_path(template: str, values: Mapping[str, Any]) -> str:
    from urllib.parse import quote

    path = template
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    return path


def _params(gen: Generator, op: Operation, where: str) -> st.SearchStrategy[dict[str, Any]]:
    required = {p["name"]: gen.valid(p["schema"], f"@{p['name']}")
                for p in op.parameters(where) if p.get("required")}
    optional = {p["name"]: gen.valid(p["schema"], f"@{p['name']}")
                for p in op.parameters(where) if not p.get("required")}
    return st.fixed_dictionaries(required, optional=optional)


def _assemble(op: Operation, path_values: Mapping[str, Any], headers: Mapping[str, Any],
              body: Any, broken: str = "") -> Request:
    encoded = None if op.body_schema is None else json.dumps(body).encode()
    return Request(op.method.upper(), fill_path(op.path, path_values),
                   {k: str(v) for k, v in headers.items()}, encoded, broken)


def requests(op: Operation, resolver: Resolver, hints: Hints,
             *, hostile: bool = False) -> st.SearchStrategy[Request]:
    gen = Generator(resolver, hints, hostile)
    schema = op.body_schema
    body = gen.valid(schema) if schema is not None else st.none()
    return st.builds(lambda p, h, b: _assemble(op, p, h, b), _params(gen, op, "path"),
                     _params(gen, op, "header"), body)


def invalid_requests(op: Operation, resolver: Resolver,
                     hints: Hints) -> st.SearchStrategy[Request]:
    """Requests that break one rule: of the body, or of one parameter."""
    gen = Generator(resolver, hints)
    path, headers = _params(gen, op, "path"), _params(gen, op, "header")
    schema = op.body_schema
    body = gen.valid(schema) if schema is not None else st.none()
    choices: list[st.SearchStrategy[Request]] = []
    if schema is not None:
        choices.append(st.builds(lambda p, h, b: _assemble(op, p, h, b, "body"), path, headers,
                                 gen.invalid(schema)))
        choices.append(st.builds(
            lambda p, h, raw: Request(op.method.upper(), fill_path(op.path, p),
                                      {k: str(v) for k, v in h.items()}, raw, "malformed"),
            path, headers, MALFORMED_BODIES))
    for param in op.parameters("path") + op.parameters("header"):
        bad = _bad_parameter(gen, param)
        where = param["in"]
        if where == "path":  # an empty segment is another URL, not a bad value of this one
            bad = bad.filter(lambda v: v != "")
        choices.append(st.builds(
            lambda p, h, b, v, name=param["name"], where=where: _assemble(
                op, {**p, name: v} if where == "path" else p,
                {**h, name: v} if where == "header" else h, b, f"{where} {name}"),
            path, headers, body, bad))
    return st.one_of(choices)


# Bodies that are not the JSON of any value, or that no parser should be asked to hold.
MALFORMED_BODIES: st.SearchStrategy[bytes] = st.one_of(
    st.binary(max_size=200).filter(lambda b: not _parses(b)),
    st.sampled_from([b"", b"{", b'{"a":', b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000,
                     b'{"a":' * 5_000 + b"1" + b"}" * 5_000, b"\x00", b"{}" * 3]),
)


def _parses(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return True


def _bad_parameter(gen: Generator, param: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """A parameter value (as the text a URL or header carries) its schema does not allow."""
    schema = gen.resolver.resolve(param["schema"])
    check: Callable[[Any], bool] = gen.resolver.validator(schema).is_valid
    as_text = st.one_of(st.sampled_from([n for n in NASTY if n]), st.text(min_size=1,
                                                                         max_size=30))
    if "integer" in _types(schema):
        def parses_valid(text: str) -> bool:
            try:
                return check(int(text))
            except ValueError:
                return False

        return st.one_of(as_text, gen.invalid(schema).map(str)).filter(
            lambda v: not parses_valid(v))
    return gen.invalid(schema).filter(lambda v: isinstance(v, str) and not check(v))
