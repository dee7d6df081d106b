"""The row-level rules of a dbt model, read from the project's YAML: the one place they live.

A mart's enforced contract (not_null and check constraints) and its dbt data tests
(unique, unique_combination, not_null, not_null_columns, accepted_values, between,
columns_between, row_condition_holds) say what every row must satisfy. The GX suites repeat
the rules a pandas expectation can state, generated from here, so the gate and dbt cannot
disagree. Jinja in a rule (``{{ platforms_where('reach_days') }}``, ``{{ var('x') }}``) is
rendered with the project's own macros and vars, as dbt renders it.

A rule is translated when it is a conjunction of comparisons between a column and a number
or between two columns (``a >= 0 and a <= b``, ``a between 0 and 1``); the conjuncts that are
anything else (sums, regular expressions, null patterns, intervals) stay dbt's alone and are
listed in ``ModelRules.dbt_only``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from mutuality import settings


@dataclass(frozen=True)
class Bound:
    """min <= column <= max (inclusive); nulls pass, as in SQL checks and dbt tests."""

    column: str
    min_value: float | None = None
    max_value: float | None = None


@dataclass
class ModelRules:
    model: str
    source: Path
    """The YAML file that declares the model."""
    key: tuple[str, ...] = ()
    """unique_combination (or a column's unique test): unique together."""
    unique: list[str] = field(default_factory=list)
    """Columns unique one by one (their `unique` tests) other than a single-column key."""
    not_null: list[str] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    at_most: list[tuple[str, str]] = field(default_factory=list)
    """(a, b): a <= b on every row where both are set."""
    accepted_values: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    registry_values: list[str] = field(default_factory=list)
    """Columns whose accepted values come from the platform registry (`{{ var('platforms')
    ... }}`, `{{ platforms_where(...) }}`): dbt's alone, so a committed suite never freezes
    the registry (a platform added to it is accepted without re-syncing the suites)."""
    dbt_only: list[str] = field(default_factory=list)
    """Conjuncts of rules no pandas expectation states (dbt alone checks them)."""

    def bounded(self, low: float | None, high: float | None) -> list[str]:
        return [b.column for b in self.bounds if (b.min_value, b.max_value) == (low, high)]


class _MacroReturn(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


def _return(value: Any) -> None:
    raise _MacroReturn(value)


class _Renderer:
    """Renders the Jinja of the YAML with the project's vars and macros."""

    def __init__(self, project_dir: Path) -> None:
        project = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
        self.vars: dict[str, Any] = dict(project.get("vars") or {})
        self.env = jinja2.Environment(
            extensions=["jinja2.ext.do"], undefined=jinja2.StrictUndefined
        )
        self.env.globals.update(var=self._var, env_var=self._env_var)
        self.env.globals["return"] = _return
        for path in sorted((project_dir / "macros").rglob("*.sql")):
            try:
                module = self.env.from_string(path.read_text(encoding="utf-8")).module
            except jinja2.TemplateError:
                # dbt-only tags (a `test` block) or adapter calls at the top: a macro of
                # such a file used in a rule fails by name when the rule is rendered
                continue
            for name in dir(module):
                macro = getattr(module, name)
                if isinstance(macro, jinja2.runtime.Macro):
                    self.env.globals[name] = self._calling(macro)

    def _var(self, name: str, default: Any = None) -> Any:
        return self.vars.get(name, default)

    @staticmethod
    def _env_var(name: str, default: str | None = None) -> str:
        import os

        value = os.environ.get(name, default)
        if value is None:
            raise KeyError(f"env_var {name!r} is not set")
        return value

    @staticmethod
    def _calling(macro: jinja2.runtime.Macro):
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return str(macro(*args, **kwargs)).strip()
            except _MacroReturn as returned:
                return returned.value

        return call

    def value(self, raw: Any, where: str) -> Any:
        """A YAML value; a string that is one `{{ expression }}` becomes its Python value."""
        if not isinstance(raw, str) or "{" not in raw:
            return raw
        try:
            whole = re.fullmatch(r"\s*\{\{(.*)\}\}\s*", raw, flags=re.DOTALL)
            if whole and "}}" not in whole.group(1):
                return self.env.compile_expression(whole.group(1))()
            return self.env.from_string(raw).render()
        except Exception as error:  # the message names the rule whose Jinja failed
            raise ValueError(f"{where}: cannot render {raw!r}: {error}") from error


_NAME = r"[a-z_][a-z0-9_]*"
_NUMBER = r"-?\d+(?:\.\d+)?"
_COMPARISON = re.compile(rf"^({_NAME})\s*(>=|<=)\s*({_NAME}|{_NUMBER})$")
_BETWEEN = re.compile(rf"^({_NAME})\s+between\s+({_NAME}|{_NUMBER})\s+and\s+({_NAME}|{_NUMBER})$")


def _number(text: str) -> float | None:
    if re.fullmatch(_NUMBER, text):
        number = float(text)
        return int(number) if number.is_integer() else number
    return None


def _top_level(text: str) -> list[tuple[str, str]]:
    """(word, text before it) for each top-level `and`/`or`, outside parentheses and quotes."""
    found = []
    depth, quoted, last = 0, False, 0
    for match in re.finditer(r"[()']|\b(?:and|or)\b", text, flags=re.IGNORECASE):
        token = match.group(0)
        if token == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0:
            found.append((token.lower(), text[last : match.start()]))
            last = match.end()
    found.append(("", text[last:]))
    return found


def _conjuncts(condition: str) -> list[str] | None:
    """The top-level `and` terms (`x between a and b` kept whole); None when a top-level `or`
    makes the condition something other than a conjunction."""
    pieces = _top_level(" ".join(condition.split()))
    if any(word == "or" for word, _ in pieces):
        return None
    merged: list[str] = []
    for _, part in pieces:
        part = part.strip()
        if merged and re.search(r"\bbetween\s+\S+$", merged[-1], flags=re.IGNORECASE):
            merged[-1] = f"{merged[-1]} and {part}"
        else:
            merged.append(part)
    return merged


def _add_comparison(rules: ModelRules, left: str, op: str, right: str) -> None:
    number = _number(right)
    if number is None:
        rules.at_most.append((left, right) if op == "<=" else (right, left))
    elif op == ">=":
        rules.bounds.append(Bound(left, min_value=number))
    else:
        rules.bounds.append(Bound(left, max_value=number))


def add_condition(rules: ModelRules, condition: str) -> None:
    """Translate what can be translated of a row condition (a conjunction)."""
    parts = _conjuncts(condition)
    if parts is None:
        rules.dbt_only.append(" ".join(condition.split()))
        return
    for part in parts:
        stripped = part.strip()
        if stripped.startswith("(") and stripped.endswith(")") and "(" not in stripped[1:-1]:
            stripped = stripped[1:-1].strip()
        if match := _COMPARISON.fullmatch(stripped):
            _add_comparison(rules, *match.groups())
        elif match := _BETWEEN.fullmatch(stripped):
            column, low, high = match.groups()
            _add_comparison(rules, column, ">=", low)
            _add_comparison(rules, column, "<=", high)
        else:
            rules.dbt_only.append(stripped)


def _merge_bounds(bounds: list[Bound]) -> list[Bound]:
    """One bound per column: the tightest of the rules that name it."""
    merged: dict[str, Bound] = {}
    for bound in bounds:
        seen = merged.get(bound.column, Bound(bound.column))
        lows = [v for v in (seen.min_value, bound.min_value) if v is not None]
        highs = [v for v in (seen.max_value, bound.max_value) if v is not None]
        merged[bound.column] = Bound(
            bound.column, max(lows) if lows else None, min(highs) if highs else None
        )
    return list(merged.values())


def _tests(entries: list[Any] | None) -> list[tuple[str, dict[str, Any]]]:
    """(test name, its arguments) of a data_tests list, in either argument style."""
    found = []
    for entry in entries or ():
        if isinstance(entry, str):
            found.append((entry, {}))
            continue
        ((name, body),) = entry.items()
        body = dict(body or {})
        arguments = dict(body.pop("arguments", None) or {})
        arguments.update({k: v for k, v in body.items() if k not in ("config", "description")})
        found.append((name, arguments))
    return found


def _model_rules(model: dict[str, Any], source: Path, render: _Renderer) -> ModelRules:
    rules = ModelRules(model=model["name"], source=source)
    where = f"{source.name}: model {model['name']}"
    unique_columns: list[str] = []
    for name, arguments in _tests(model.get("data_tests") or model.get("tests")):
        if name == "unique_combination":
            rules.key = tuple(arguments["combination"])
        elif name == "not_null_columns":
            rules.not_null += list(arguments["columns"])
        elif name == "row_condition_holds":
            add_condition(rules, render.value(arguments["condition"], where))
        elif name == "columns_between":
            for column, bound in render.value(arguments["bounds"], where).items():
                rules.bounds.append(Bound(column, bound.get("min_value"), bound.get("max_value")))
    for column in model.get("columns") or ():
        name = column["name"]
        at = f"{where}, column {name}"
        for constraint in column.get("constraints") or ():
            if constraint["type"] in ("not_null", "primary_key"):
                rules.not_null.append(name)
            if constraint["type"] == "check":
                add_condition(rules, render.value(constraint["expression"], at))
        for test, arguments in _tests(column.get("data_tests") or column.get("tests")):
            if test == "not_null":
                rules.not_null.append(name)
            elif test == "unique":
                unique_columns.append(name)
            elif test == "accepted_values":
                values = render.value(arguments["values"], at)
                if not isinstance(values, list | tuple):
                    raise ValueError(f"{at}: accepted_values rendered to {values!r}, not a list")
                rules.accepted_values[name] = tuple(values)
                if "platforms" in str(arguments["values"]):
                    rules.registry_values.append(name)
            elif test == "between":
                rules.bounds.append(
                    Bound(
                        name,
                        render.value(arguments.get("min_value"), at),
                        render.value(arguments.get("max_value"), at),
                    )
                )
    if not rules.key and unique_columns:
        rules.key = (unique_columns[0],)
    rules.unique = [c for c in unique_columns if (c,) != rules.key]
    rules.not_null = list(dict.fromkeys(rules.not_null))
    rules.bounds = _merge_bounds(rules.bounds)
    rules.at_most = list(dict.fromkeys(rules.at_most))
    return rules


def load_rules(project_dir: Path | None = None) -> dict[str, ModelRules]:
    """Every model's rules, by model name, from the YAML under models/ (by default of the
    configured dbt project)."""
    project_dir = project_dir or settings.dbt_project_dir()
    render = _Renderer(project_dir)
    found: dict[str, ModelRules] = {}
    for path in sorted((project_dir / "models").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in document.get("models") or ():
            if model["name"] in found:
                raise ValueError(f"{path}: model {model['name']} is declared twice")
            found[model["name"]] = _model_rules(model, path, render)
    return found


@cache
def project_rules() -> dict[str, ModelRules]:
    return load_rules()


def rules_for(model: str, project_dir: Path | None = None) -> ModelRules:
    rules = project_rules() if project_dir is None else load_rules(project_dir)
    if model not in rules:
        where = project_dir or settings.dbt_project_dir()
        raise KeyError(f"no model {model!r} in the dbt project's YAML ({where})")
    return rules[model]
