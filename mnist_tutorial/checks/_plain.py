"""Plain data between the student's process and the grader: values as JSON plus raw
bytes, never a pickle.

:class:`Encoder` turns a value into JSON-able data and a list of byte blobs (NumPy arrays
as ``np.save`` bytes); :class:`Decoder` rebuilds it, reading arrays with
``allow_pickle=False`` and rebuilding only plain types, pandas objects and
scikit-learn (or this library's) estimators from their class path and attributes;
anything else becomes a stand-in object of the same type name. :func:`pack` and
:func:`unpack` frame one message. Used by :mod:`._remote`.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import struct
from typing import Any

import numpy as np

__all__ = [
    "HEADER",
    "MAX_MESSAGE",
    "Decoder",
    "Encoder",
    "ProtocolError",
    "RefusedObject",
    "canonical",
    "pack",
    "unpack",
]

HEADER = struct.Struct("!Q")
MAX_MESSAGE = 1 << 31  # 2 GiB: larger is a broken or hostile reply
MAX_DEPTH = 50
_ESTIMATOR_ROOTS = ("sklearn", "mnist_tutorial")


class ProtocolError(Exception):
    """A message that is not well-formed plain data."""


# ------------------------------------------------------------------ plain-data encoding


class Encoder:
    """Turns a value into JSON-able data plus a list of raw byte blobs."""

    def __init__(self, args: list[Any] | None = None, keep: list[Any] | None = None) -> None:
        self.blobs: list[bytes] = []
        self.args = args or []  # the call's arguments, for "returned its input"
        self.keep = keep  # child side: estimators kept alive so their ids stay unique

    def blob(self, data: bytes) -> int:
        self.blobs.append(data)
        return len(self.blobs) - 1

    def array(self, a: np.ndarray) -> dict[str, Any]:
        if a.dtype.hasobject:
            return {
                "$": "objarray",
                "shape": list(a.shape),
                "items": [self.encode(x) for x in a.ravel().tolist()],
            }
        buf = io.BytesIO()
        np.save(buf, a, allow_pickle=False)
        return {"$": "nd", "b": self.blob(buf.getvalue())}

    def encode(self, x: Any, depth: int = 0, top: bool = False) -> Any:
        if depth > MAX_DEPTH:
            raise TypeError("nested too deeply")
        for i, arg in enumerate(self.args):
            if x is arg and not isinstance(x, (int, float, str, bool, type(None))):
                return {"$": "arg", "i": i}
        if isinstance(x, np.ndarray):
            found = self._view_of_argument(x)
            return found if found is not None else self.array(x)
        if x is None or isinstance(x, (bool, str)):
            return x
        if type(x) is int:
            return x if abs(x) < 2**53 else {"$": "bigint", "v": str(x)}
        if type(x) is float:
            return x if np.isfinite(x) else {"$": "float", "v": repr(x)}
        if isinstance(x, np.generic):
            return {"$": "npscalar", "a": self.array(np.asarray(x))}
        if type(x) is complex:
            return {"$": "complex", "re": repr(x.real), "im": repr(x.imag)}
        if type(x) is bytes:
            return {"$": "bytes", "b": self.blob(x)}
        if type(x) in (list, tuple):
            items = [self.encode(v, depth + 1) for v in x]
            return items if type(x) is list else {"$": "tuple", "items": items}
        if type(x) is dict:
            return {
                "$": "dict",
                "items": [
                    [self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in x.items()
                ],
            }
        if type(x) in (range, slice):
            kind = type(x).__name__
            return {"$": kind, "v": [self.encode(v) for v in (x.start, x.stop, x.step)]}
        module = type(x).__module__ or ""
        if module.startswith("pandas"):
            return self._pandas(x, depth)
        if hasattr(x, "get_params") and hasattr(x, "__dict__") and isinstance(x, object):
            return self._estimator(x, depth)
        name = type(x).__name__
        return {"$": "opaque", "type": f"{module}.{name}"[:200]}

    def _view_of_argument(self, a: np.ndarray) -> dict[str, Any] | None:
        for i, arg in enumerate(self.args):
            if isinstance(arg, np.ndarray) and np.shares_memory(a, arg):
                offset = a.__array_interface__["data"][0] - arg.__array_interface__["data"][0]
                return {
                    "$": "view",
                    "i": i,
                    "offset": int(offset),
                    "shape": list(a.shape),
                    "strides": list(a.strides),
                    "dtype": a.dtype.str,
                    "data": self.array(np.array(a)),
                }
        return None

    def _pandas(self, x: Any, depth: int) -> dict[str, Any]:
        import pandas as pd

        if isinstance(x, pd.RangeIndex):
            return {"$": "rangeindex", "v": [x.start, x.stop, x.step], "name": self.encode(x.name)}
        if isinstance(x, pd.Index):
            return {"$": "index", "a": self.array(x.to_numpy()), "name": self.encode(x.name)}
        if isinstance(x, pd.Series):
            return {
                "$": "series",
                "a": self.array(x.to_numpy()),
                "index": self._pandas(x.index, depth),
                "name": self.encode(x.name),
            }
        if isinstance(x, pd.DataFrame):
            columns = [self.encode(c) for c in x.columns]
            index = self._pandas(x.index, depth)
            first = x.dtypes.iloc[0] if x.shape[1] else None
            same = isinstance(first, np.dtype) and first.kind in "biuf"
            if same and all(d == first for d in x.dtypes):
                # one dtype (MNIST pixels): one 2-D array, not a column at a time
                return {"$": "frame2d", "columns": columns, "a": self.array(x.to_numpy()),
                        "index": index}  # fmt: skip
            return {
                "$": "frame",
                "columns": columns,
                "data": [self.array(x.iloc[:, j].to_numpy()) for j in range(x.shape[1])],
                "index": index,
            }
        return {"$": "opaque", "type": f"pandas.{type(x).__name__}"}

    def _estimator(self, x: Any, depth: int) -> dict[str, Any]:
        cls = type(x)
        if self.keep is not None:
            self.keep.append(x)
        attrs = {}
        for key, value in vars(x).items():
            try:
                attrs[key] = self.encode(value, depth + 1)
            except TypeError:
                attrs[key] = {"$": "opaque", "type": type(value).__name__}
        return {
            "$": "estimator",
            "module": cls.__module__,
            "name": cls.__qualname__,
            "id": id(x),
            "attrs": attrs,
        }


class Decoder:
    """Rebuilds a value from :class:`Encoder` data; refuses anything else."""

    def __init__(
        self,
        blobs: list[bytes],
        args: list[Any] | None = None,
        memo: dict[int, Any] | None = None,
    ) -> None:
        self.blobs = blobs
        self.args = args or []
        self.memo = {} if memo is None else memo

    def blob(self, i: Any) -> bytes:
        if type(i) is not int or not 0 <= i < len(self.blobs):
            raise ProtocolError("bad blob reference")
        return self.blobs[i]

    def array(self, d: Any) -> np.ndarray:
        if not isinstance(d, dict):
            raise ProtocolError("bad array")
        if d.get("$") == "objarray":
            shape = tuple(int(n) for n in d["shape"])
            items = [self.decode(v) for v in d["items"]]
            out = np.empty(len(items), dtype=object)
            out[:] = items if items else out
            return out.reshape(shape)
        if d.get("$") != "nd":
            raise ProtocolError("bad array")
        return np.load(io.BytesIO(self.blob(d["b"])), allow_pickle=False)

    def decode(self, d: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH + 5:
            raise ProtocolError("nested too deeply")
        if d is None or isinstance(d, (bool, int, float, str)):
            return d
        if isinstance(d, list):
            return [self.decode(v, depth + 1) for v in d]
        if not isinstance(d, dict):
            raise ProtocolError("bad value")
        kind = d.get("$")
        if kind in ("nd", "objarray"):
            return self.array(d)
        if kind == "arg":
            i = d.get("i")
            if type(i) is not int or not 0 <= i < len(self.args):
                raise ProtocolError("bad argument reference")
            return self.args[i]
        if kind == "view":
            return self._view(d)
        if kind == "npscalar":
            a = self.array(d["a"])
            if a.ndim != 0 or a.dtype.hasobject:
                raise ProtocolError("bad scalar")
            return a[()]
        if kind == "bigint":
            return int(str(d["v"]))
        if kind == "float":
            return float(str(d["v"]))
        if kind == "complex":
            return complex(float(str(d["re"])), float(str(d["im"])))
        if kind == "bytes":
            return self.blob(d["b"])
        if kind == "tuple":
            return tuple(self.decode(v, depth + 1) for v in d["items"])
        if kind == "dict":
            out = {}
            for k, v in d["items"]:
                key = self.decode(k, depth + 1)
                out[key] = self.decode(v, depth + 1)
            return out
        if kind in ("range", "slice"):
            values = [self.decode(v) for v in d["v"]]
            if kind == "range":
                return range(*[v for v in values if v is not None])
            return slice(*values)
        if kind in ("rangeindex", "index", "series", "frame", "frame2d"):
            return self._pandas(d, depth)
        if kind == "estimator":
            return self._estimator(d, depth)
        if kind == "opaque":
            return _opaque(str(d.get("type", "object")))
        raise ProtocolError(f"unknown kind {kind!r}")

    def _view(self, d: dict[str, Any]) -> np.ndarray:
        data = self.array(d["data"])
        i = d.get("i")
        base = self.args[i] if type(i) is int and 0 <= i < len(self.args) else None
        if isinstance(base, np.ndarray):
            with contextlib.suppress(Exception):
                view = np.ndarray(
                    shape=tuple(int(n) for n in d["shape"]),
                    dtype=np.dtype(str(d["dtype"])),
                    buffer=base,
                    offset=int(d["offset"]),
                    strides=tuple(int(n) for n in d["strides"]),
                )
                if view.dtype == data.dtype and np.array_equal(view, data, equal_nan=True):
                    return view
        return data

    def _pandas(self, d: dict[str, Any], depth: int) -> Any:
        import pandas as pd

        kind = d["$"]
        if kind == "rangeindex":
            start, stop, step = (int(v) for v in d["v"])
            return pd.RangeIndex(start, stop, step, name=self.decode(d["name"]))
        if kind == "index":
            return pd.Index(self.array(d["a"]), name=self.decode(d["name"]))
        if kind == "series":
            index = self._pandas(d["index"], depth)
            return pd.Series(self.array(d["a"]), index=index, name=self.decode(d["name"]))
        columns = [self.decode(c) for c in d["columns"]]
        if kind == "frame2d":
            values = self.array(d["a"])
            if values.ndim != 2 or values.shape[1] != len(columns):
                raise ProtocolError("bad frame")
            index = self._pandas(d["index"], depth)
            return pd.DataFrame(values, columns=pd.Index(columns), index=index)
        data = [self.array(a) for a in d["data"]]
        index = self._pandas(d["index"], depth)
        frame = pd.DataFrame({j: a for j, a in enumerate(data)}, index=index)
        frame.columns = pd.Index(columns) if columns else frame.columns
        return frame

    def _estimator(self, d: dict[str, Any], depth: int) -> Any:
        key = d.get("id")
        if type(key) is int and key in self.memo:
            return self.memo[key]
        module, name = str(d.get("module")), str(d.get("name"))
        cls = _estimator_class(module, name)
        obj = cls.__new__(cls)
        if type(key) is int:
            self.memo[key] = obj
        attrs = d.get("attrs")
        if not isinstance(attrs, dict):
            raise ProtocolError("bad estimator")
        for attr, value in attrs.items():
            if not isinstance(attr, str) or not attr.isidentifier() or attr.startswith("__"):
                raise ProtocolError("bad estimator attribute")
            obj.__dict__[attr] = self.decode(value, depth + 1)
        return obj


class RefusedObject(Exception):
    """The student returned an estimator the grader will not rebuild."""


def _estimator_class(module: str, name: str) -> type:
    from sklearn.base import BaseEstimator

    root = module.split(".")[0]
    if root not in _ESTIMATOR_ROOTS or module.startswith("mnist_tutorial.checks"):
        raise RefusedObject(
            f"an estimator of class {module}.{name}: the grader rebuilds only scikit-learn's "
            "estimators (and the book's library's); return one of those"
        )
    try:
        cls: Any = importlib.import_module(module)
        for part in name.split("."):
            cls = getattr(cls, part)
    except (ImportError, AttributeError):
        raise RefusedObject(f"an object of unknown class {module}.{name}") from None
    if not (isinstance(cls, type) and issubclass(cls, BaseEstimator)):
        raise RefusedObject(f"an object of class {module}.{name}, which is not an estimator")
    return cls


_OPAQUE_CLASSES: dict[str, type] = {}


def _opaque(type_path: str) -> Any:
    """A stand-in for a student object of a type the grader does not rebuild."""
    module, _, name = type_path.rpartition(".")
    name = name if name.isidentifier() else "object"
    cls = _OPAQUE_CLASSES.get(type_path)
    if cls is None:
        cls = type(name, (), {"__repr__": lambda self: f"<a {type_path} object>"})
        cls.__module__ = module or "student"
        _OPAQUE_CLASSES[type_path] = cls
    return cls()


def pack(data: Any, blobs: list[bytes]) -> bytes:
    head = json.dumps({"d": data, "n": [len(b) for b in blobs]}, allow_nan=False).encode()
    return b"".join([HEADER.pack(len(head)), head, *blobs])


def unpack(message: bytes) -> tuple[Any, list[bytes]]:
    if len(message) < HEADER.size:
        raise ProtocolError("short message")
    (n,) = HEADER.unpack_from(message)
    head = json.loads(message[HEADER.size : HEADER.size + n].decode())
    if not isinstance(head, dict) or not isinstance(head.get("n"), list):
        raise ProtocolError("bad header")
    blobs, pos = [], HEADER.size + n
    for size in head["n"]:
        if type(size) is not int or size < 0 or pos + size > len(message):
            raise ProtocolError("bad blob size")
        blobs.append(message[pos : pos + size])
        pos += size
    if pos != len(message):
        raise ProtocolError("trailing bytes")
    return head["d"], blobs


def canonical(encoded: Any, blobs: list[bytes]) -> Any:
    """Encoded data with blob references replaced by the bytes, for comparison."""
    if isinstance(encoded, list):
        return [canonical(v, blobs) for v in encoded]
    if isinstance(encoded, dict):
        out = {}
        for k, v in encoded.items():
            if k == "b" and type(v) is int and 0 <= v < len(blobs):
                out[k] = blobs[v]
            elif k == "id":
                continue
            else:
                out[k] = canonical(v, blobs)
        return out
    return encoded
