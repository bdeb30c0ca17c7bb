"""Jinja2 for templates we did not write: sandboxed, and bounded in work and size.

Jinja2's sandbox keeps a template away from Python's internals, but not from the machine's
time and memory: `{% for a in range(99999) %}{% for b in range(99999) %}` runs for hours,
`10 ** (10 ** 8)` or `"x" * 3000000000` exhausts memory. Here every template runs under a
budget proportional to what it is given:

- each loop step, call, filter, operator and concatenation costs work, and the whole render
  may do only so much (a few million steps, more for larger inputs);
- an operation whose result could be huge is estimated *before* it runs (`*`, `**`, `%`,
  `str.format`, `join`, `replace`, `center`, `indent`, …) and refused when too big; every
  other result is measured after; so is the output as it streams.

A template over budget raises `TemplateBudgetError` (a Jinja2 `TemplateRuntimeError`), with
the template line it was on, so the caller can name the theme file and line.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from jinja2 import BaseLoader, Template, nodes

# What the slots module reaches through this one (Jinja2 is imported only with the sandbox).
from jinja2 import StrictUndefined as StrictUndefined
from jinja2 import TemplateError as TemplateError
from jinja2 import TemplateSyntaxError as TemplateSyntaxError
from jinja2.environment import Environment
from jinja2.exceptions import TemplateNotFound, TemplateRuntimeError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

MAX_INT_ARGUMENT = 100_000  # widths, counts, lengths handed to a call or filter
MAX_RANGE = 10_000
MAX_INT_BITS = 4096  # an int of more than ~1,200 digits has no place in a resume
MIN_CHARS = 200_000  # the size budget of a template given little: any value, and the output
MIN_WORK = 2_000_000  # the work budget of a template given little


class TemplateBudgetError(TemplateRuntimeError):
    """A template that would take too much time or memory."""


@dataclass
class _Budget:
    chars: int  # the largest value (or output) the template may make
    work: int  # steps left
    line: int | None = None  # the template line of the loop or join last run, for messages

    def spend(self, amount: int = 1) -> None:
        self.work -= amount
        if self.work < 0:
            raise TemplateBudgetError("the template does too much work (a loop too long?)")

    def check_estimate(self, size: float, what: str) -> None:
        if size > self.chars:
            raise TemplateBudgetError(
                f"{what} would make a value of about {int(size):,} characters; "
                f"the limit here is {self.chars:,}"
            )

    def measured(self, value: Any) -> Any:
        size = size_of(value)
        self.check_estimate(size, "this expression")
        self.spend(1 + size // 64)
        return value


_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _budget() -> _Budget:
    budget = _current.get()
    if budget is None:  # rendered outside render(): hold it to the smallest budget
        budget = _Budget(MIN_CHARS, MIN_WORK)
        _current.set(budget)
    return budget


SIZE_DEPTH = 8  # a Document's blocks nest sections > items > runs: all of it is what is given


def size_of(value: Any, depth: int = 0) -> int:
    """Roughly how many characters a value holds (containers summed, to SIZE_DEPTH levels:
    a resume of 10,000 short entries is large, though each level alone is short)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            raise TemplateBudgetError(f"a number of {value.bit_length():,} bits is too large")
        return 1
    if isinstance(value, (list, tuple, set, frozenset)) and depth < SIZE_DEPTH:
        return len(value) + sum(size_of(item, depth + 1) for item in value)
    if isinstance(value, dict) and depth < SIZE_DEPTH:
        return len(value) + sum(size_of(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value)
    if is_dataclass(value) and not isinstance(value, type) and depth < SIZE_DEPTH:
        parts = [getattr(value, f.name) for f in fields(value)]  # a Document, its blocks
        return len(parts) + sum(size_of(part, depth + 1) for part in parts)
    return 1


# --- estimates for the operations whose result can dwarf their inputs -----------------------

_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_WIDTH = re.compile(r"\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")


def _format_widths(spec: str) -> int:
    """The widths and precisions a %-format or str.format string asks for (or a huge number
    for `*`, which takes the width from the arguments)."""
    total = 0
    for width, precision in _FORMAT_WIDTH.findall(spec):
        for number in (width, precision):
            total += 10**9 if number == "*" else int(number or 0)
    total += sum(int(n) for n in _BRACE_WIDTH.findall(spec))
    return total


def _estimate_binop(operator: str, left: Any, right: Any) -> float:
    if operator == "*":
        if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, int):
            return size_of(left) * max(right, 0)
        if isinstance(right, (str, bytes, list, tuple)) and isinstance(left, int):
            return size_of(right) * max(left, 0)
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        return right * max(abs(left).bit_length(), 1) / 8
    if operator == "%" and isinstance(left, (str, bytes)):
        return size_of(left) + size_of(right) + _format_widths(str(left))
    return 0


def _estimate_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> float:
    """The size of what a call of a string method could make, before it runs."""
    name = getattr(function, "__name__", "")
    target = getattr(getattr(function, "__wrapped__", function), "__self__", None)
    if not isinstance(target, (str, bytes)):
        return 0
    values = [*args, *kwargs.values()]
    if name in ("format", "format_map"):
        return size_of(target) + sum(size_of(v) for v in values) + _format_widths(str(target))
    if name == "join" and args and isinstance(args[0], (str, bytes, list, tuple, set, dict)):
        items = args[0]
        return len(target) * len(items) + size_of(items)
    if name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        hits = len(target) + 1 if not old else target.count(old)
        return len(target) + hits * max(size_of(new) - size_of(old), 0)
    if name == "expandtabs":
        tab = int(values[0]) if values and isinstance(values[0], int) else 8
        tabs = target.count("\t") if isinstance(target, str) else target.count(b"\t")
        return len(target) + tabs * tab
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((size_of(v) for v in args[0].values()), default=1)
        return len(target) * max(longest, 1)
    return 0


def _estimate_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> float:
    if name == "join" and isinstance(value, (str, list, tuple, set, dict)):
        separator = args[0] if args else kwargs.get("d", "")
        return size_of(separator) * len(value) + size_of(value)
    if name == "replace" and len(args) >= 2 and isinstance(value, str):
        old, new = str(args[0]), str(args[1])
        hits = len(value) + 1 if not old else value.count(old)
        return len(value) + hits * max(len(new) - len(old), 0)
    if name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        lines = str(value).count("\n") + 1
        return size_of(value) + lines * (size_of(width) if isinstance(width, str) else width)
    if name == "wordwrap":
        wrapstring = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
        return size_of(value) * (1 + size_of(wrapstring))
    if name == "format":
        return size_of(value) + sum(size_of(a) for a in args) + _format_widths(str(value))
    if name in ("center", "truncate", "batch", "slice", "tojson"):
        numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
        return size_of(value) * (1 + (name == "tojson") * max(numbers, default=0)) + sum(numbers)
    return 0


def _check_arguments(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_INT_ARGUMENT:
            raise TemplateBudgetError(
                f"the number {arg:,} is too large an argument (at most {MAX_INT_ARGUMENT:,})"
            )


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter wrapped so that its arguments and result are held to the budget."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.spend()
        _check_arguments([*args, *kwargs.values()])
        # Filters take (value, …) or (context/environment, value, …): find the value.
        offset = 1 if args and _is_jinja_object(args[0]) else 0
        if len(args) > offset:
            args = (*args[:offset], _materialised(args[offset], budget), *args[offset + 1 :])
            rest = args[offset + 1 :]
            budget.check_estimate(
                _estimate_filter(name, args[offset], rest, kwargs), f"the filter {name!r}"
            )
        return budget.measured(function(*args, **kwargs))

    for attribute in ("jinja_pass_arg",):  # keep Jinja's own markers (pass_context, …)
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


def _materialised(value: Any, budget: _Budget) -> Any:
    """A generator (from `select`, `map`, …) as a list, each item paid for, so that its size
    can be estimated without using it up before the filter it is meant for sees it."""
    if isinstance(value, Iterator):
        items = []
        for item in value:
            budget.spend()
            items.append(item)
        return items
    return value


def _is_jinja_object(value: Any) -> bool:

    return isinstance(value, (Environment, EvalContext, Context))


def _steps(iterable: Any, line: int) -> Iterator[Any]:
    """Every step of a `{% for %}` loop costs work."""
    budget = _budget()
    for item in iterable:
        budget.spend()
        budget.line = line
        yield item


def _checked(value: Any, line: int) -> Any:
    budget = _budget()
    budget.line = line
    return budget.measured(value)


def _range(*args: int) -> range:
    _check_arguments(args)
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateBudgetError(f"range() of {len(numbers):,} items (at most {MAX_RANGE:,})")
    return numbers


class _Bound(NodeTransformer):
    """Rewrites a parsed template so that loops count their steps and `~` joins are measured."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 (Jinja's name)
        self.generic_visit(node)
        line = nodes.Const(node.lineno)
        node.iter = nodes.Filter(node.iter, "_steps", [line], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802 (Jinja's name)
        self.generic_visit(node)
        line = nodes.Const(node.lineno)
        return nodes.Filter(node, "_checked", [line], [], None, None, lineno=node.lineno)


class _NoFiles(BaseLoader):
    """`{% include %}`, `{% import %}` and `{% extends %}` find nothing: a template is one
    self-contained text, and may not reach for any file."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        raise TemplateNotFound(f"{template} (templates cannot include or import files)")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with every template held to a budget (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//", "/", "-"})

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=_NoFiles(), **options)
        for name in ("lipsum", "cycler", "joiner"):  # of no use in a resume; lipsum is large
            self.globals.pop(name, None)
        self.globals["range"] = _range
        self.filters.pop("random", None)  # the same input must give the same bytes
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["_steps"] = _steps
        self.filters["_checked"] = _checked

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        self.filters[name] = _bounded_filter(name, function)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return _Bound().visit(tree)  # type: ignore[no-any-return]

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.spend()
        budget.check_estimate(_estimate_binop(operator, left, right), f"the operator {operator}")
        return budget.measured(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.spend()
        args = tuple(_materialised(arg, budget) for arg in args)
        _check_arguments([*args, *kwargs.values()])
        budget.check_estimate(_estimate_call(__obj, args, kwargs), "this call")
        return budget.measured(super().call(__context, __obj, *args, **kwargs))


def budget_for(values: dict[str, Any]) -> tuple[int, int]:
    """(largest value, work) a template may make and do: generous, and proportional to what it
    is given, so a large resume renders and a small template cannot run away."""
    given = sum(size_of(v, 0) for v in values.values())
    return max(MIN_CHARS, 8 * given), max(MIN_WORK, 64 * given)


def render(template: Template, values: dict[str, Any]) -> str:
    """Render under a budget; TemplateBudgetError says when it ran out."""
    chars, work = budget_for(values)
    budget = _Budget(chars, work)
    token = _current.set(budget)
    try:
        out: list[str] = []
        length = 0
        for chunk in template.generate(**values):
            length += len(chunk)
            if length > chars:
                error = TemplateBudgetError(f"the template's output passed {chars:,} characters")
                error.lineno = budget.line  # type: ignore[attr-defined]
                raise error
            out.append(chunk)
        return "".join(out)
    except RecursionError as error:
        deep = TemplateBudgetError("the template recurses too deeply (a macro calling itself?)")
        deep.lineno = template_line(error)  # type: ignore[attr-defined]
        raise deep from None
    except MemoryError:
        raise TemplateBudgetError("the template ran out of memory") from None
    except TemplateRuntimeError:
        raise
    except Exception as error:  # noqa: BLE001 (1/0, "a" + 1, wordwrap(0): the template's fault)
        wrapped = TemplateRuntimeError(f"{type(error).__name__}: {error}")
        wrapped.lineno = template_line(error)  # type: ignore[attr-defined]
        raise wrapped from None
    finally:
        _current.reset(token)


def template_line(error: BaseException) -> int | None:
    """The line of the template an error was raised on (Jinja2 rewrites tracebacks so that
    template frames carry template line numbers), or the syntax error's own line."""
    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
