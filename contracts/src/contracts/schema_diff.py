"""Structural comparison of two JSON Schemas that reports changes breaking readers or replays."""

from typing import Any

Schema = dict[str, Any]

_EXACT_KEYS = ("type", "format", "const")
_LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")
_UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
_VARIANT_KEYS = ("anyOf", "oneOf")


class SchemaDiff:
    """Walks an old and a new schema side by side, resolving each document's local ``$ref``s.

    Allowed: new optional properties, added enum values, looser bounds, a dropped pattern, changed
    descriptions. Reported: removed properties, new or newly required properties, no-longer-required
    properties, changed type/format/const, added or removed alternatives (e.g. made nullable), removed
    enum values, tighter bounds and a new or changed pattern.
    """

    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self._roots = (old_root, new_root)
        self._active: set[tuple[str, str]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> list[str]:
        """Problems found under ``path`` (a dotted field path, "" for the payload itself)."""
        refs = (old.get("$ref"), new.get("$ref"))
        pair = (str(refs[0]), str(refs[1])) if None not in refs else None
        if pair is not None and pair in self._active:
            return []  # a recursive definition: its comparison is already under way higher up
        if pair is not None:
            self._active.add(pair)
        try:
            return self._compare_resolved(self._resolve(old, 0), self._resolve(new, 1), path)
        finally:
            if pair is not None:
                self._active.discard(pair)

    def _compare_resolved(self, old: Schema, new: Schema, path: str) -> list[str]:
        old_variants, new_variants = _variants(old), _variants(new)
        if len(old_variants) != len(new_variants):
            return [
                f"{_label(path)}: type changed from {_describe(old_variants)} to {_describe(new_variants)}"
            ]
        if len(old_variants) == 1:
            return self._compare_single(old, new, path)
        problems: list[str] = []
        for old_variant, new_variant in zip(old_variants, new_variants, strict=True):
            problems += self.compare(old_variant, new_variant, path)
        return problems

    def _resolve(self, node: Schema, side: int) -> Schema:
        """The node with a local ``$ref`` (or a single-item ``allOf``) replaced by its target."""
        if isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
            node = {**{k: v for k, v in node.items() if k != "allOf"}, **node["allOf"][0]}
        ref = node.get("$ref")
        if ref is None:
            return node
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported, got {ref!r}")
        target: Any = self._roots[side]
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        return self._resolve({**target, **siblings}, side)

    def _compare_single(self, old: Schema, new: Schema, path: str) -> list[str]:
        problems = [
            f"{_label(path)}: {key} changed from {old.get(key)!r} to {new.get(key)!r}"
            for key in _EXACT_KEYS
            if old.get(key) != new.get(key)
        ]
        problems += _enum_problems(old, new, path) + _bound_problems(old, new, path)
        if "properties" in old or "properties" in new:
            problems += self._compare_properties(old, new, path)
        if "items" in old or "items" in new:
            problems += self.compare(old.get("items", {}), new.get("items", {}), f"{path}[]")
        return problems

    def _compare_properties(self, old: Schema, new: Schema, path: str) -> list[str]:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        problems: list[str] = []
        for name, old_schema in old_props.items():
            field = f"{path}.{name}" if path else name
            if name not in new_props:
                problems.append(f"field {field}: removed")
            else:
                problems += self.compare(old_schema, new_props[name], field)
        for name in sorted(new_required - old_required):
            field = f"{path}.{name}" if path else name
            change = "made required" if name in old_props else "new required field"
            problems.append(f"field {field}: {change}")
        for name in sorted((old_required - new_required) & set(new_props)):
            problems.append(f"field {f'{path}.{name}' if path else name}: no longer required")
        return problems


def _variants(node: Schema) -> list[Schema]:
    for key in _VARIANT_KEYS:
        if isinstance(node.get(key), list):
            return list(node[key])
    return [node]


def _describe(variants: list[Schema]) -> str:
    return " | ".join(str(v.get("type", v.get("$ref", "any"))) for v in variants)


def _label(path: str) -> str:
    return f"field {path}" if path else "payload"


def _enum_problems(old: Schema, new: Schema, path: str) -> list[str]:
    if "enum" not in new:
        return []
    if "enum" not in old:
        return [f"{_label(path)}: enum added (narrowed to {new['enum']!r})"]
    removed = [value for value in old["enum"] if value not in new["enum"]]
    return [f"{_label(path)}: enum narrowed, removed {removed!r}"] if removed else []


def _bound_problems(old: Schema, new: Schema, path: str) -> list[str]:
    tighter = ["pattern"] if "pattern" in new and new["pattern"] != old.get("pattern") else []
    tighter += [k for k in _LOWER_BOUNDS if k in new and (k not in old or new[k] > old[k])]
    tighter += [k for k in _UPPER_BOUNDS if k in new and (k not in old or new[k] < old[k])]
    return [f"{_label(path)}: {key} narrowed from {old.get(key)!r} to {new[key]!r}" for key in tighter]
