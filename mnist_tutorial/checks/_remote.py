"""The student's code in a child process that can only send back plain data.

The checks run in the grader's process, where no student code ever runs. They receive a
:class:`RemoteFunction` instead of the student's function: calling it sends the
arguments to a child process (forked before the student's file is imported there), calls
the function in the child and returns what came back, rebuilt from plain data:

- NumPy arrays (``np.save`` bytes, read back with ``allow_pickle=False``), NumPy
  scalars, Python numbers, strings, bytes, bools and None, lists, tuples and dicts of
  these, pandas Series, DataFrames and indexes;
- scikit-learn estimators as their class path and attributes (``vars(estimator)``,
  which holds ``get_params(deep=False)`` and the fitted ``*_`` attributes), rebuilt only
  for subclasses of :class:`sklearn.base.BaseEstimator` defined in ``sklearn`` or
  ``mnist_tutorial``; any other estimator is refused with a message;
- an exception as its type name (rebuilt as the nearest built-in exception class), its
  message and the line of the student's file that raised it;
- the warnings the call emitted (category name and message, re-emitted in the grader);
- what the call did to its arguments: each argument changed in place comes back and the
  same change is made to the grader's copy, so "the input changed" stays detectable;
- a returned object that *is* (or is a view of) an argument comes back as that argument.

Nothing from the child is ever unpickled: every message is JSON plus raw array bytes.
The child runs in its own session (``os.setsid``), closes every inherited file
descriptor except its pipe, sends its output to ``/dev/null``, drops root rights (to
``nobody``) when the grader runs as root (Gradescope) and Python's libraries are readable
by other users (else a library's first-use import would fail), and is killed with its whole
process group at the end. A reply that does not parse, a child that dies, or a call that
outlives its time limit ends the exercise (:class:`RunEnded`), never with points.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import linecache
import os
import re
import select
import signal
import stat
import sys
import time
import traceback
import types
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ._expect import WHERE_WITHOUT_OUT, forbidden_library, where_without_out
from ._plain import (
    HEADER,
    MAX_MESSAGE,
    Decoder,
    Encoder,
    ProtocolError,
    RefusedObject,
    canonical,
    pack,
    unpack,
)

__all__ = ["RemoteFunction", "RunEnded", "StudentProcess"]


# Exceptions rebuilt in the grader by name: the built-in ones (and their subclasses, by
# their nearest built-in base), never a class the student defined.
_BUILTIN_EXCEPTIONS = {
    name: obj
    for name, obj in vars(__import__("builtins")).items()
    if isinstance(obj, type) and issubclass(obj, Exception)
}
_WARNING_CATEGORIES = {n: c for n, c in _BUILTIN_EXCEPTIONS.items() if issubclass(c, Warning)}


class RunEnded(BaseException):
    """The student's process timed out, died or sent something that is not a reply.

    A ``BaseException``, so that no check's ``except Exception`` can swallow it;
    ``status`` is "timed out" or "error" and ``message`` says why.
    """

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------- the pipe


def _write_all(fd: int, data: bytes, deadline: float | None = None) -> None:
    """Write everything; with a ``deadline`` (a non-blocking ``fd``), give up at it."""
    view = memoryview(data)
    while view:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([], [fd], [], wait)[1]:
                raise TimeoutError
        try:
            n = os.write(fd, view)
        except BlockingIOError:
            continue
        view = view[n:]


def _send(fd: int, payload: bytes, deadline: float | None = None) -> None:
    _write_all(fd, HEADER.pack(len(payload)) + payload, deadline)


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks, left = [], n
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None) -> bytes:
    (n,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline))
    if n > MAX_MESSAGE:
        raise ProtocolError("message too large")
    return _read_exact(fd, n, deadline)


# --------------------------------------------------------------------- the child side


def _child_setup(keep_fds: tuple[int, ...]) -> None:
    """Own session, no inherited descriptors, output to /dev/null, no root rights."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    keep = {0, 1, 2, *keep_fds}
    with contextlib.suppress(OSError):
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
        for fd in fds:
            if fd not in keep:
                with contextlib.suppress(OSError):
                    os.close(fd)
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and _others_can_import():
        with contextlib.suppress(OSError):
            os.setgroups([])
        # nobody: cannot signal the grader or write its files (a container that forbids
        # changing user keeps root, as a grader run as an ordinary user keeps its rights)
        with contextlib.suppress(OSError):
            os.setgid(65534)
            os.setuid(65534)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _others_can_import(paths: list[str] | None = None) -> bool:
    """Whether another user could read every folder on ``sys.path`` (and pass through its
    parents). A library imports some modules only when first used (scikit-learn's
    DataFrame support); as ``nobody`` in a root-only folder (``/root``, pytest's
    ``tmp_path``) that import would fail and cost the student points, so there the child
    keeps root rather than drop it."""
    for entry in sys.path if paths is None else paths:
        folder = Path(entry or ".").resolve()
        if not folder.is_dir():
            continue  # a missing entry or a zip: nothing to list
        for part in (folder, *folder.parents):
            mode = part.stat().st_mode
            if not mode & stat.S_IXOTH or (part == folder and not mode & stat.S_IROTH):
                return False
    return True


def _load_source(source: str, filename: str) -> types.ModuleType:
    name = f"_mnist_exercise_{Path(filename).stem}"
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    # the source as it was read, for inspect (the file may be unreadable after the drop)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def _where(exc: BaseException, filename: str | None) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return ""
    return f" (line {frames[-1].lineno} of {Path(frames[-1].filename).name})"


def _exception_data(exc: BaseException, filename: str | None) -> dict[str, Any]:
    names = [c.__name__ for c in type(exc).__mro__]
    try:
        message = _one_line(str(exc))  # no fake rows in the table
    except Exception:
        message = "(the exception's message could not be shown)"
    data = {"names": names[:30], "message": message[:2000], "where": _where(exc, filename)}
    if isinstance(exc, SyntaxError):
        data["lineno"], data["msg"] = exc.lineno, str(exc.msg)[:500]
    if isinstance(exc, SystemExit):
        code = exc.code
        data["code"] = code if isinstance(code, (int, str, type(None))) else repr(code)
    return data


def _signature_data(func: Callable[..., Any]) -> list[list[Any]] | None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    return [
        [p.name, int(p.kind), p.default is not inspect.Parameter.empty]
        for p in sig.parameters.values()
    ]


_CONTROLLER: list[Any] = []


def _threadpool_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries, found once in the grader."""
    if not _CONTROLLER:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0]


def _serve(fd_in: int, fd_out: int, load: Callable[[], dict[str, Any]]) -> None:
    """The child's loop: load the student's functions, then answer calls until EOF."""
    # Small problems run fastest on one BLAS thread, and the grader may share the machine.
    with contextlib.suppress(Exception):
        _threadpool_controller().limit(limits=1)
    keep: list[Any] = []
    try:
        functions, filename = load()
    except BaseException as exc:  # a student's file may raise anything, even SystemExit
        _send(fd_out, pack({"ok": False, "error": _exception_data(exc, None)}, []))
        return
    names = {n: callable(f) for n, f in functions.items()}
    _send(fd_out, pack({"ok": True, "callable": names}, []))
    while True:
        try:
            request, blobs = unpack(_receive(fd_in, None))
        except (EOFError, OSError):
            return
        if request.get("op") == "signature":
            func = functions.get(request.get("name"))
            _send(fd_out, pack({"signature": _signature_data(func)}, []))
            continue
        func = functions[request["name"]]
        decoder = Decoder(blobs)
        args = [decoder.decode(a) for a in request["args"]]
        kwargs = {k: decoder.decode(v) for k, v in request["kwargs"]}
        values = args + list(kwargs.values())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = func(*args, **kwargs)
                error = None
            except BaseException as exc:
                result, error = None, _exception_data(exc, filename)
            said = any(WHERE_WITHOUT_OUT in str(w.message) for w in caught)
            if error is None and not said and where_without_out(func):
                warnings.warn(WHERE_WITHOUT_OUT, UserWarning, stacklevel=1)
            forbidden = forbidden_library(func) if error is None else ""
            if forbidden:
                warnings.warn(forbidden, UserWarning, stacklevel=1)
        reply: dict[str, Any] = {
            "warnings": [[w.category.__name__, str(w.message)[:500]] for w in caught[:20]]
        }
        encoder = Encoder(values, keep)
        changes = Encoder(None, keep)  # an argument's new contents, never "argument i"
        changes.blobs = encoder.blobs
        try:
            before = request["args"] + [v for _, v in request["kwargs"]]
            after_encoder = Encoder(None, None)
            changed = []
            for i, value in enumerate(values):
                after_encoder.blobs = []
                encoded = after_encoder.encode(value)
                if canonical(encoded, after_encoder.blobs) != canonical(before[i], blobs):
                    changed.append([i, changes.encode(value)])
            reply["changed"] = changed
            if error is None:
                reply["result"] = encoder.encode(result, top=True)
            else:
                reply["error"] = error
        except Exception as exc:  # an answer that is not plain data
            reply = {
                "warnings": [],
                "changed": [],
                "error": {
                    "names": ["TypeError", "Exception"],
                    "message": f"the answer cannot be sent to the grader ({exc})",
                    "where": "",
                },
            }
            encoder.blobs = []
        _send(fd_out, pack(reply, encoder.blobs))


# ------------------------------------------------------------------- the grader side


class StudentProcess:
    """A forked child holding the student's functions, killed with its group on close.

    Give either ``source`` and ``filename`` (a student file, imported in the child) or
    ``functions`` (functions that already exist in this process, e.g. defined in a
    notebook cell; the forked child inherits them).
    """

    def __init__(
        self,
        *,
        source: str | None = None,
        filename: str = "<student>",
        functions: dict[str, Callable[..., Any]] | None = None,
        timeout: float = 10.0,
    ) -> None:
        if not hasattr(os, "fork"):
            raise RuntimeError("checking in a child process needs os.fork (Linux or macOS)")
        self.filename = filename
        self.timeout = timeout
        self.deadline: float | None = None
        self.memo: dict[int, Any] = {}
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def load() -> tuple[dict[str, Any], str | None]:
            if functions is not None:
                names = functions
                code = [getattr(f, "__code__", None) for f in functions.values()]
                file = next((c.co_filename for c in code if c is not None), None)
                return dict(names), file
            module = _load_source(source or "", filename)
            return {k: v for k, v in vars(module).items() if not k.startswith("__")}, filename

        _threadpool_controller()  # found here once, so that each child only sets it
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking a process that has threads (BLAS); the
            # child only runs the student's NumPy code and talks through a pipe.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child
            code = 0
            try:
                os.close(to_child_w)
                os.close(from_child_r)
                _child_setup((to_child_r, from_child_w))
                _serve(to_child_r, from_child_w, load)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(to_child_r)
        os.close(from_child_w)
        os.set_blocking(to_child_w, False)  # a child that stops reading cannot block us
        self.pid = pid
        self._out = to_child_w
        self._in = from_child_r
        self.closed = False
        self.reaped = False
        self.exitcode: int | None = None
        self.names: dict[str, bool] = {}
        self.import_error: dict[str, Any] | None = None
        reply = self._reply(time.monotonic() + timeout, "import")
        if reply.get("ok") is True and isinstance(reply.get("callable"), dict):
            self.names = {str(k): bool(v) for k, v in reply["callable"].items()}
        elif isinstance(reply.get("error"), dict):
            self.import_error = reply["error"]
        else:
            self.close()
            raise RunEnded("error", "the student's process sent something that is not a reply")

    def _reply(self, deadline: float | None, doing: str, blobs_out: list | None = None) -> Any:
        try:
            data, blobs = unpack(_receive(self._in, deadline))
        except TimeoutError:
            self.close()
            raise RunEnded("timed out", doing) from None
        except (EOFError, OSError):
            self._collect_exit_code()
            self.close()
            raise RunEnded("ended", doing) from None
        except Exception:  # not JSON, too deep, wrong sizes: not a reply
            self.close()
            raise RunEnded("garbled", doing) from None
        if not isinstance(data, dict):
            self.close()
            raise RunEnded("garbled", doing)
        if blobs_out is not None:
            blobs_out.extend(blobs)
        return data

    def _collect_exit_code(self) -> None:
        """Wait up to a second for the child that closed its pipe, to learn its exit code."""
        for _ in range(100):
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                self.reaped = True
                self.exitcode = os.waitstatus_to_exitcode(status)
                return
            time.sleep(0.01)

    def function(self, name: str) -> RemoteFunction:
        """The proxy the checks call instead of the student's function ``name``."""
        return RemoteFunction(self, name)

    def request(self, payload: dict[str, Any], blobs: list[bytes], name: str) -> tuple:
        if self.closed:
            raise RunEnded("ended", name)
        deadline = self.deadline if self.deadline is not None else time.monotonic() + self.timeout
        try:
            _send(self._out, pack(payload, blobs), deadline)
        except TimeoutError:
            self.close()
            raise RunEnded("timed out", name) from None
        except OSError:
            self.close()
            raise RunEnded("ended", name) from None
        got: list[bytes] = []
        return self._reply(deadline, name, got), got

    def close(self) -> None:
        """Kill the child and every process in its group; reap the child."""
        if getattr(self, "closed", True):
            return
        self.closed = True
        with contextlib.suppress(OSError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        if not self.reaped:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(self.pid, 0)
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> StudentProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _one_line(text: str) -> str:
    """``text`` with line breaks (and other vertical spacing) turned into spaces."""
    return re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text)


def _rebuild_exception(data: dict[str, Any]) -> BaseException:
    names = [str(n) for n in data.get("names", [])][:30]
    message = _one_line(str(data.get("message", "")))[:2000]
    if "SystemExit" in names:
        exc: BaseException = SystemExit(data.get("code"))
    else:
        base = next((_BUILTIN_EXCEPTIONS[n] for n in names if n in _BUILTIN_EXCEPTIONS), Exception)
        name = names[0] if names and names[0].isidentifier() else base.__name__
        cls = base if name == base.__name__ else type(name, (base,), {"__module__": "student"})
        try:
            exc = cls(message)
        except Exception:
            exc = Exception(message)
    exc.student_where = str(data.get("where", ""))[:300]  # type: ignore[attr-defined]
    return exc


def _apply_change(target: Any, new: Any, name: str) -> Any:
    """Make to the grader's copy ``target`` the change the student made to theirs."""
    if isinstance(target, np.ndarray) and isinstance(new, np.ndarray):
        if target.shape != new.shape and target.size == new.size and target.flags.writeable:
            with warnings.catch_warnings(), contextlib.suppress(AttributeError, ValueError):
                warnings.simplefilter("ignore", DeprecationWarning)
                target.shape = new.shape  # what ``x.shape = ...`` did to the student's copy
        if target.shape == new.shape and target.dtype == new.dtype and target.flags.writeable:
            target[...] = new
            return
    elif isinstance(target, list) and isinstance(new, list):
        target[:] = new
        return
    elif isinstance(target, dict) and isinstance(new, dict):
        target.clear()
        target.update(new)
        return
    elif isinstance(target, tuple) and isinstance(new, tuple) and len(target) == len(new):
        for t, n in zip(target, new):
            if t is not n:
                with contextlib.suppress(_Unapplied):
                    _apply_change(t, n, name)
        return
    elif type(target).__module__.startswith("pandas") and type(new) is type(target):
        with contextlib.suppress(Exception):
            if target.shape == new.shape and target.index.equals(new.index):
                if hasattr(target, "columns"):
                    if list(target.columns) == list(new.columns):
                        for j in range(target.shape[1]):
                            target.iloc[:, j] = new.iloc[:, j].to_numpy()
                        return
                else:
                    target.iloc[:] = new.to_numpy()
                    return
    elif hasattr(target, "get_params") and hasattr(new, "get_params"):
        target.__dict__.clear()
        target.__dict__.update(new.__dict__)
        return
    raise _Unapplied(name)


class _Unapplied(Exception):
    pass


class RemoteFunction:
    """Stands for the student's function in the grader: each call runs in the child."""

    def __init__(self, process: StudentProcess, name: str) -> None:
        self._process = process
        self.__name__ = name
        self.__qualname__ = name
        self._signature: inspect.Signature | bool | None = False

    def __repr__(self) -> str:
        return f"<student function {self.__name__}>"

    @property
    def __signature__(self) -> inspect.Signature | None:
        if self._signature is False:
            self._signature = None
            with contextlib.suppress(Exception):
                reply, _ = self._process.request(
                    {"op": "signature", "name": self.__name__}, [], self.__name__
                )
                params = [
                    inspect.Parameter(
                        str(n),
                        inspect._ParameterKind(int(k)),
                        default=None if d else inspect.Parameter.empty,
                    )
                    for n, k, d in reply["signature"]
                ]
                self._signature = inspect.Signature(params)
        if self._signature is None:
            raise ValueError("no signature")
        return self._signature  # type: ignore[return-value]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        process = self._process
        values = list(args) + list(kwargs.values())
        encoder = Encoder()
        try:
            payload = {
                "op": "call",
                "name": self.__name__,
                "args": [encoder.encode(a) for a in args],
                "kwargs": [[str(k), encoder.encode(v)] for k, v in kwargs.items()],
            }
        except TypeError as exc:
            raise TypeError(f"the grader cannot send this argument to the student: {exc}") from None
        reply, blobs = process.request(payload, encoder.blobs, self.__name__)
        decoder, changes = Decoder(blobs, values, process.memo), []
        for i, v in reply.get("changed", []):
            try:
                changes.append((int(i), decoder.decode(v)))
            except (RunEnded, KeyboardInterrupt, RefusedObject):
                raise
            except Exception:  # e.g. a pandas Series whose own array was reshaped
                from ._expect import CheckFailure

                raise CheckFailure(
                    f"{self.__name__} changed its input (argument {int(i) + 1}) in place, so "
                    "that it is no longer valid; the caller's data must stay as it was: "
                    "compute into a new array (x.reshape(...) instead of x.shape = ...)"
                ) from None
        try:
            caught = [(str(c), str(m)) for c, m in reply.get("warnings", [])]
            if "error" in reply:
                outcome: Any = _rebuild_exception(reply["error"])
            else:
                outcome = decoder.decode(reply["result"])
        except RefusedObject as exc:
            from ._expect import CheckFailure

            raise CheckFailure(f"{self.__name__} returned {exc}") from None
        except (RunEnded, KeyboardInterrupt):
            raise
        except Exception:
            process.close()
            raise RunEnded("garbled", self.__name__) from None
        for category, message in caught:
            message = _one_line(message)
            warnings.warn(message, _WARNING_CATEGORIES.get(category, UserWarning), stacklevel=2)
        for i, new in changes:
            if 0 <= i < len(values):
                try:
                    _apply_change(values[i], new, self.__name__)
                except _Unapplied:
                    from ._expect import CheckFailure

                    raise CheckFailure(
                        f"{self.__name__} changed its input (argument {i + 1}) in place; the "
                        "caller's data must stay as it was: compute into a new array"
                    ) from None
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome
