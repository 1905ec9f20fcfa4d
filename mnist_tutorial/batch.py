"""Grade a folder of submissions (one sub-folder per student) with parallel workers.

Each worker is a separate grader process (``python -m mnist_tutorial.batch``), in its
own process group, that grades one submission at a time and streams one JSON line per
exercise. The worker keeps its checks' oracles between submissions, so only the first
submission pays for them. A submission that kills its worker (or hangs it) costs that
submission's remaining exercises, which are reported as "error" with the reason; the
worker is killed with its whole group and a new one takes the next submission. Nothing
a worker sends is unpickled: the supervisor reads JSON only.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["grade_submissions"]


def _results(rows: list[dict[str, Any]]) -> list[Any]:
    from .grading import ExerciseResult

    fields = ("chapter", "name", "points", "max_points", "status", "message")
    return [ExerciseResult(**{k: row[k] for k in fields}) for row in rows]


class _Worker:
    def __init__(self, hidden: str | None) -> None:
        command = [sys.executable, "-m", "mnist_tutorial.batch"]
        if hidden:
            command += ["--hidden", hidden]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        self.buffer = b""

    def send(self, request: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()

    def read_line(self, timeout: float) -> dict[str, Any] | None:
        """The next JSON object the worker writes, or None if it died or went silent."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk
            if len(self.buffer) > 10_000_000:
                return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            data = json.loads(line)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()


def _plan(chapters: list[int]) -> list[tuple[int, str, int, int]]:
    from .checks import CHAPTERS

    return [
        (n, name, CHAPTERS[n].max_points(name), len(CHAPTERS[n].parts[name]))
        for n in chapters
        for name in CHAPTERS[n].exercises
    ]


def grade_submissions(
    folders: dict[str, Path],
    *,
    chapters: list[int],
    timeout: float,
    jobs: int,
    hidden: str | None = None,
) -> dict[str, list[Any]]:
    """Grade each ``{student: folder}`` with ``jobs`` worker processes; results by student."""
    from .grading import ExerciseResult

    plan = _plan(chapters)
    todo: queue.Queue[str] = queue.Queue()
    for student in folders:
        todo.put(student)
    grades: dict[str, list[Any]] = {}
    lock = threading.Lock()
    # an exercise's result comes at most (its parts x timeout) seconds after the last
    silence = timeout * max((n for *_, n in plan), default=1) + 60.0

    def work() -> None:
        worker: _Worker | None = None
        try:
            while True:
                try:
                    student = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None:
                    worker = _Worker(hidden)
                rows: list[dict[str, Any]] = []
                reason = ""
                try:
                    worker.send(
                        {"path": str(folders[student]), "chapters": chapters, "timeout": timeout}
                    )
                except OSError:
                    reason = "the grading process ended before this submission started"
                while not reason:
                    # the worker's first answer also waits for its start-up and oracles
                    line = worker.read_line(silence + (120.0 if not rows else 0.0))
                    if line is None:
                        reason = "the grading process was killed or stopped answering"
                    elif line.get("done"):
                        break
                    elif isinstance(line.get("result"), dict):
                        rows.append(line["result"])
                results = _results(rows)
                if reason:
                    worker.kill()
                    worker = None
                    done = {(r.chapter, r.name) for r in results}
                    at = next(
                        (f"ch{c:02d} {n}" for c, n, *_ in plan if (c, n) not in done), "the end"
                    )
                    results += [
                        ExerciseResult(c, n, 0, m, "error", f"{reason} (while checking {at})")
                        for c, n, m, _ in plan
                        if (c, n) not in done
                    ]
                order = {(c, n): i for i, (c, n, *_) in enumerate(plan)}
                results.sort(key=lambda r: order.get((r.chapter, r.name), len(order)))
                with lock:
                    grades[student] = results
        finally:
            if worker is not None:
                with contextlib.suppress(OSError, ValueError):
                    worker.process.stdin.close()
                worker.kill()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {student: grades[student] for student in folders}


def _serve(hidden: str | None) -> int:
    """The worker: read a request per line on stdin, answer JSON lines on stdout."""
    from dataclasses import asdict

    from .checks import load_hidden_checks
    from .grading import grade

    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything else printed goes to stderr, not into the answers
    sys.stdout = sys.stderr
    if hidden:
        load_hidden_checks(hidden)
    for line in sys.stdin:
        request = json.loads(line)
        grade(
            request["path"],
            chapters=request["chapters"],
            timeout=request["timeout"],
            each=lambda r: out.write(json.dumps({"result": asdict(r)}) + "\n"),
        )
        out.write(json.dumps({"done": True}) + "\n")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m mnist_tutorial.batch")
    parser.add_argument("--hidden")
    sys.exit(_serve(parser.parse_args().hidden))
