"""Generated inputs for the checks: named strategies, seeded cases, small failing inputs.

Beside its hand-picked cases, every exercise has a ``generated`` part that draws inputs
from the strategies its chapter declares (``STRATEGIES = {"sigmoid": [...], ...}`` in each
``chNN`` module) and compares the answer with an independent oracle. A strategy is a
*kind* of input a student's code can get wrong: a list or a tuple where the docstring says
array_like, a float32 array where float64 must come back, labels of another type,
negative, tiny or huge values, a near-constant column, sizes from one element to more
rows than any plausible ``[:10000]`` slice, counts past 2**53.

Cases come from a NumPy generator seeded by the exercise and strategy names, so grading
is deterministic and fast (a handful of cases per strategy, smallest first). When a case
fails, the message names the strategy and shows the input (small inputs in full, large
ones by shape and dtype), never the expected output. Hypothesis would do the same with
shrinking; a plain seeded generator is faster to start in the grader's child process and
needs no extra dependency.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._expect import CheckFailure, call_checked

__all__ = [
    "STRATEGY_NAMES",
    "Case",
    "as_form",
    "describe_input",
    "rng_for",
    "run_cases",
]

#: Every strategy a chapter may declare, with what it covers.
STRATEGY_NAMES: dict[str, str] = {
    "lists": "Python lists (of lists) where the docstring says array_like",
    "tuples": "tuples (of tuples) where the docstring says array_like",
    "float32": "float32 input, or float64 values float32 would round, where float64 comes back",
    "int_dtypes": "integer dtypes the docstring allows (uint8 as MNIST stores pixels, int64)",
    "negative": "negative values",
    "tiny": "tiny values (1e-9 and below), which are not zero",
    "huge": "huge values (1e8 and above), where rounding and cancellation show",
    "near_constant": "near-constant data: spreads at the level of rounding errors",
    "sizes": "sizes from one element to more than any plausible slice (> 10,000 rows)",
    "labels": "labels of every allowed type: ints, strings, NumPy ints, non-digit strings",
    "big_counts": "counts past 255, 2**31 and 2**53",
    "numpy_scalars": "NumPy scalars (np.int64, np.float32, np.bool_) where a number is passed",
    "params": "every parameter varied, with values a default would not give",
    "seeds": "seeds of every allowed kind: 0, NumPy integers, None",
    "angles": "angles of any real value, on and near bin edges, tiny negative angles",
    "rounding": "sums that rounding puts a hair below or above a target (0.6 + 0.3)",
}


@dataclass
class Case:
    """One generated call: ``args``/``kwargs`` to pass, and a label for the message."""

    label: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


def rng_for(*names: str) -> np.random.Generator:
    """A generator seeded by names (the exercise and the strategy): the same cases every run."""
    return np.random.default_rng(zlib.crc32("/".join(names).encode()))


def as_form(array: np.ndarray, form: str) -> Any:
    """``array`` as the student receives it: ``"list"``, ``"tuple"``, or a dtype name.

    Examples
    --------
    >>> as_form(np.eye(2), "tuple")
    ((1.0, 0.0), (0.0, 1.0))
    >>> as_form(np.array([1.5, 200.0]), "uint8").tolist()
    [1, 200]
    """
    array = np.asarray(array)
    if form == "list":
        return array.tolist()
    if form == "tuple":

        def to_tuple(x: Any) -> Any:
            return tuple(to_tuple(v) for v in x) if isinstance(x, list) else x

        return to_tuple(array.tolist())
    return array.astype(form)


def _describe_one(value: Any, limit: int = 12) -> str:
    if isinstance(value, (list, tuple)):
        flat = np.asarray(value, dtype=object).ravel()
        kind = type(value).__name__
        if flat.size <= limit:
            return repr(value)
        return f"a {kind} of shape {np.shape(value)}"
    if isinstance(value, np.ndarray):
        if value.size <= limit:
            text = np.array2string(value, separator=", ", precision=17, threshold=limit)
            return f"a {value.dtype} array {text}".replace("\n", " ")
        return f"an array of shape {value.shape}, dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"np.{type(value).__name__}({value.item()!r})"
    if type(value).__module__.startswith("pandas"):
        return f"a pandas {type(value).__name__} of length {len(value)}"
    text = repr(value)
    return text if len(text) <= 80 else f"a {type(value).__name__}"


def describe_input(case: Case) -> str:
    """The case's arguments, small ones in full, large ones by shape and dtype.

    Examples
    --------
    >>> describe_input(Case("x", (np.zeros((100, 3)), [1, 2]), {"k": np.int64(2)}))
    'an array of shape (100, 3), dtype float64, [1, 2], k=np.int64(2)'
    """
    parts = [_describe_one(a) for a in case.args]
    parts += [f"{k}={_describe_one(v)}" for k, v in case.kwargs.items()]
    text = ", ".join(parts)
    return " ".join(text.split())


def run_cases(
    func: Callable[..., Any],
    strategies: Iterable[str],
    make_cases: Callable[[np.random.Generator, str], Iterable[Case]],
    check: Callable[[Any, Case, Case], None],
    *,
    exercise: str,
    allow: tuple[type[Warning] | str, ...] = (),
) -> None:
    """For each strategy, build its cases (smallest first), call ``func`` and ``check``.

    ``check(got, pristine, case)`` receives the answer, a deep copy of the case taken
    before the call (so an oracle never sees what the student changed) and the case
    itself. A failure names the strategy and the input, so the student can rerun it.
    ``allow`` lists the warning categories the docstring allows (any other fails).
    """
    for strategy in strategies:
        if strategy not in STRATEGY_NAMES:
            raise ValueError(f"unknown strategy {strategy!r}")
        for case in make_cases(rng_for(exercise, strategy), strategy):
            pristine = Case(case.label, copy.deepcopy(case.args), copy.deepcopy(case.kwargs))
            try:
                got = call_checked(func, case.args, case.kwargs, allow=allow)
                check(got, pristine, case)
            except CheckFailure as exc:
                raise CheckFailure(
                    f"{exc} [generated case, {case.label}: {exercise}({describe_input(pristine)})]"
                ) from None
