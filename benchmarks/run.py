"""Measure the book's build and model budgets on this machine and print one table.

    python benchmarks/run.py            # everything (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick    # skip the four book builds
    python benchmarks/run.py --toc /tmp/small_toc.yml --edit-chapter book/ch06_confusion.md

What it measures, in one run:

1. cold full build: a fresh copy of the repository (so the execution cache is empty) and
   a fresh, empty fit cache (``MNIST_TUTORIAL_CACHE`` points at a new temporary folder);
   wall time and peak memory (largest resident set of any process of the build);
2. warm rebuild with nothing changed;
3. rebuild after editing a library module's docstring (``metrics.py``: nothing may
   re-execute), then one chapter's prose, then its code, with the list of chapters that
   re-executed (read from jupyter-cache's records); with ``--library-code-edit`` also
   after a code edit of ``metrics.py`` (every page re-executes, every fit is loaded);
4. per-chapter execution time of the cold build;
5. every model the cold build fitted (read from the fresh fit cache): fit time, solver
   iterations, test accuracy on the book's 14,000 test images;
6. side by side: the well-known tutorial's pipeline, the deskewed-pixels pipeline and the
   book's best model (deskew, HOG, PCA, degree 2), fitted in this run (fresh fit cache),
   their accuracies with standard errors and fit times; the best model on the official
   60,000/10,000 split; the HOG transform time of 70,000 images; peak memory;
7. the test suite (on an empty fit cache, as in CI's first step) and grading the
   reference solutions.

The budgets of issue 6 are printed next to each figure. Nothing here changes the
repository: builds happen in a temporary copy, which is deleted unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(
    "_build", ".git", ".venv*", ".ruff_cache", ".pytest_cache", "__pycache__", "*.egg-info"
)

# Runs a command and prints its wall time and the peak RSS of all its (waited) descendants.
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=sys.stderr).returncode
wall = time.perf_counter() - start
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": rc, "seconds": wall, "peak_mib": kib / 1024}))
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {mem_kib / 1024**2:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        mem = ""
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(command: list[str], *, cwd: Path, env: dict, log: Path) -> dict:
    """Run ``command``; return {"rc", "seconds", "peak_mib"}; its output goes to ``log``."""
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=out,
            text=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def cache_records(copy: Path) -> list[dict]:
    """jupyter-cache records of a built copy: uri, execution seconds, creation time."""
    from jupyter_cache import get_cache

    path = copy / "_build" / ".jupyter_cache"
    if not path.exists():
        return []
    return [
        {
            "uri": Path(r.uri).relative_to(copy).as_posix() if r.uri else "?",
            "seconds": (r.data or {}).get("execution_seconds"),
            "created": r.created.timestamp(),
        }
        for r in get_cache(str(path)).list_cache_records()
    ]


def executed_since(copy: Path, since: float) -> list[str]:
    return sorted(r["uri"] for r in cache_records(copy) if r["created"] >= since - 1)


def build(copy: Path, toc: str, env: dict, log: Path) -> tuple[dict, list[str]]:
    start = time.time()
    command = [sys.executable, "scripts/build_book.py", "--toc", toc]
    result = measure(command, cwd=copy, env=env, log=log)
    return result, executed_since(copy, start)


def edit_prose(path: Path) -> None:
    text = path.read_text()
    path.write_text(text.rstrip("\n") + "\n\nOne more sentence, added by the benchmark.\n")


def edit_code(path: Path) -> None:
    text = path.read_text()
    path.write_text(text.rstrip("\n") + "\n\n```{code-cell} ipython3\n_benchmark_edit = 1\n```\n")


def edit_library_docstring(path: Path) -> None:
    text = path.read_text()
    path.write_text(text.replace('"""', '"""Edited by the benchmark. ', 1))


def edit_library_code(path: Path) -> None:
    path.write_text(path.read_text().rstrip("\n") + "\n\n_BENCHMARK_EDIT = 1\n")


def chapters_of(toc: Path) -> list[str]:
    return re.findall(r"file:\s*(\S+)", toc.read_text())


def model_rows(fit_cache: Path) -> list[dict]:
    """One row per entry of a fit cache: what it is, fit time, iterations, test accuracy."""
    import mnist_tutorial as mt
    from mnist_tutorial import fit_cache_table

    _, X_test, _, y_test = mt.mnist_split()
    table = fit_cache_table(X_test, y_test, folder=fit_cache)
    return table.to_dict("records")


def side_by_side(fit_cache: Path) -> dict:
    """Fit (or reuse, if this run's build already fitted them) the three pipelines.

    The tutorial's pipeline, chapter 11's deskewed-pixels pipeline and chapter 11's best
    model (deskew, HOG, PCA, degree 2), on the book's split; the best model also on the
    official 60,000/10,000 split; the HOG transform of all 70,000 images; the process's
    peak memory after the fits.
    """
    import resource

    os.environ["MNIST_TUTORIAL_CACHE"] = str(fit_cache)
    import mnist_tutorial as mt

    _, X_test, _, y_test = mt.mnist_split()
    out = {}
    for label, name in (
        ("tutorial", "pca30-poly2-balanced"),
        ("deskew", "deskew-pca60-poly2"),
        ("hog", "deskew-hog-pca60-poly2"),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = mt.fit_model(name)
            accuracy = float(model.score(X_test, y_test))
        record = mt.fit_record(model)
        out[label] = {
            "accuracy": accuracy,
            "se": (accuracy * (1 - accuracy) / len(y_test)) ** 0.5,
            "fit_s": record.fit_seconds,
            "cached": record.from_cache,
        }
    mnist = mt.load_mnist()
    X_all, y_all = mnist.data, mnist.target
    official = mt.fit_cached(mt.make_hog_pipeline(), X_all.iloc[:60_000], y_all.iloc[:60_000])
    out["hog_official"] = float(official.score(X_all.iloc[60_000:], y_all.iloc[60_000:]))
    pixels = X_all.to_numpy()
    hog = mt.make_hog_pipeline().named_steps["hog"]  # the best model's HOG settings
    start, cpu = time.perf_counter(), time.process_time()
    hog.fit_transform(pixels)
    out["hog_transform"] = (time.perf_counter() - start, time.process_time() - cpu)
    start = time.perf_counter()
    hog.fit_transform(mt.deskew(pixels))
    out["deskew_hog_transform"] = time.perf_counter() - start
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def batch_grading(tmp: Path, env: dict, log: Path, n_students: int = 150) -> dict:
    """Grade ``n_students`` generated submissions of every chapter with ``--jobs 2``.

    A mix, by student and chapter: copies of the reference solutions (half), untouched
    stubs, files with a syntax error, missing files, and three students whose sigmoid
    never returns (each costs a time-out). Returns the wall time, the CPU time of every
    process involved (on an otherwise idle machine with 2 cores the wall time is about
    half of it), the exit code and the count of each status in the CSV.
    """
    import csv
    import resource

    sys.path.insert(0, str(ROOT))
    from mnist_tutorial.checks import CHAPTERS

    batch = tmp / "submissions"
    for i in range(n_students):
        folder = batch / f"student{i:03d}"
        folder.mkdir(parents=True)
        for number, spec in CHAPTERS.items():
            solution = ROOT / "exercises" / "solutions" / spec.filename
            kind = (i + number) % 6
            if kind in (0, 1, 2):
                text = solution.read_text()
            elif kind == 3:
                text = (ROOT / "exercises" / spec.filename).read_text()
            elif kind == 4:
                text = solution.read_text() + "\ndef broken(:\n"
            else:
                continue  # missing
            if number == 2 and i % 50 == 7:
                text = solution.read_text() + "\n\ndef sigmoid(z):\n    while True:\n        pass\n"
            (folder / spec.filename).write_text(text)
    out = tmp / "grades.csv"
    command = [sys.executable, "-m", "mnist_tutorial.grade", "--batch", str(batch)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = measure([*command, "--jobs", "2", "--output", str(out)], cwd=ROOT, env=env, log=log)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    counts: dict[str, int] = {}
    if out.is_file():
        for row in csv.DictReader(out.read_text().splitlines()):
            for key, value in row.items():
                if key.endswith("_status") and value:
                    counts[value] = counts.get(value, 0) + 1
    return {"seconds": result["seconds"], "cpu": cpu, "rc": result["rc"], "statuses": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the book builds")
    parser.add_argument("--toc", default="_toc.yml", help="table of contents to build")
    parser.add_argument(
        "--edit-chapter",
        default=None,
        help="chapter to edit (default: the first chNN chapter in the toc)",
    )
    parser.add_argument(
        "--library-code-edit",
        action="store_true",
        help="also rebuild after a code edit of the library (re-executes every page)",
    )
    parser.add_argument("--no-tests", action="store_true", help="skip the test suite")
    parser.add_argument("--no-grade", action="store_true", help="skip grading")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="mnist-bench-"))
    log = tmp / "benchmark.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    rows: list[tuple[str, str, str]] = []  # (measurement, value, budget)
    load_start = load()
    fit_cache = tmp / "fit-cache"

    def add(what: str, value: str, budget: str = "") -> None:
        rows.append((what, value, budget))
        print(f"  {what}: {value}", flush=True)

    print(f"benchmark: working in {tmp} (log: {log})", flush=True)
    per_chapter: list[dict] = []
    if not args.quick:
        copy = tmp / "book"
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        env_build = dict(env, MNIST_TUTORIAL_CACHE=str(fit_cache))
        env_build["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(copy), os.environ.get("PYTHONPATH")])
        )
        toc = args.toc
        cold, executed = build(copy, toc, env_build, log)
        ok = "" if cold["rc"] == 0 else f" (FAILED rc={cold['rc']}, see log)"
        add("cold build, wall", f"{cold['seconds']:.0f} s{ok}", "< 240 s")
        add("cold build, peak memory", f"{cold['peak_mib']:.0f} MiB")
        add("cold build, chapters executed", str(len(executed)))
        per_chapter = sorted(cache_records(copy), key=lambda r: r["uri"])
        warm, executed = build(copy, toc, env_build, log)
        add(
            "warm rebuild, nothing changed",
            f"{warm['seconds']:.1f} s, re-executed {executed or 'none'}",
            "< 20 s",
        )
        edit_library_docstring(copy / "mnist_tutorial" / "metrics.py")
        lib, executed = build(copy, toc, env_build, log)
        add(
            "rebuild after a docstring edit of mnist_tutorial/metrics.py",
            f"{lib['seconds']:.1f} s, re-executed {executed or 'none'}",
            "<= 90 s",
        )
        if args.library_code_edit:
            edit_library_code(copy / "mnist_tutorial" / "metrics.py")
            lib, executed = build(copy, toc, env_build, log)
            add(
                "rebuild after a code edit of mnist_tutorial/metrics.py (fits loaded)",
                f"{lib['seconds']:.1f} s, re-executed {len(executed)} pages",
            )
        chapters = [c for c in chapters_of(copy / toc) if c != chapters_of(copy / toc)[0]]
        numbered = [c for c in chapters if Path(c).name.startswith("ch")]
        target = args.edit_chapter or f"{(numbered or chapters)[0]}.md"
        target = target if target.endswith(".md") else f"{target}.md"
        edit_prose(copy / target)
        prose, executed = build(copy, toc, env_build, log)
        add(
            f"rebuild after prose edit of {target}",
            f"{prose['seconds']:.1f} s, re-executed {executed or 'none'}",
            "none re-executed",
        )
        edit_code(copy / target)
        code, executed = build(copy, toc, env_build, log)
        add(
            f"rebuild after code edit of {target}",
            f"{code['seconds']:.1f} s, re-executed {executed or 'none'}",
            "that chapter only",
        )
        if not args.keep:
            shutil.rmtree(copy / "_build", ignore_errors=True)

    print("benchmark: side by side: tutorial, deskew and HOG pipelines", flush=True)
    pair = side_by_side(fit_cache)
    tut, desk, hog = pair["tutorial"], pair["deskew"], pair["hog"]

    def scored(r: dict) -> str:
        how = " (fit cache of this run's build)" if r["cached"] else ""
        return f"acc {r['accuracy']:.4f} ± {r['se']:.4f}, fit {r['fit_s']:.1f} s{how}"

    add("tutorial pipeline (MinMax > PCA(30) > poly2 > LR balanced)", scored(tut))
    add("deskew pipeline (Deskew > MinMax > PCA(60) > poly2 > LR C=0.1)", scored(desk))
    add(
        "book's best: Deskew > Hog(4 px, shifted 4 px; 8 split bins; eps 800) > PCA(60) > poly2 > "
        "LR C=0.3",
        scored(hog),
        ">= 0.994, fit <= 60 s",
    )
    add("book's best on the official 60,000/10,000 split", f"acc {pair['hog_official']:.4f}")
    add("fit-time ratio best / tutorial", f"{hog['fit_s'] / tut['fit_s']:.2f}")
    wall, cpu = pair["hog_transform"]
    add("HOG of 70,000 images", f"{wall:.1f} s wall, {cpu:.1f} s CPU", "< 15 s")
    add("deskew + HOG of 70,000 images", f"{pair['deskew_hog_transform']:.1f} s wall")
    add("peak memory of the process after these fits", f"{pair['peak_mib']:.0f} MiB", "< 8 GiB")

    if not args.no_tests:
        env_tests = dict(env, MNIST_TUTORIAL_CACHE=str(tmp / "test-fit-cache"))
        result = measure(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env=env_tests,
            log=log,
        )
        ok = "" if result["rc"] == 0 else f" (FAILED rc={result['rc']})"
        add("test suite, empty fit cache", f"{result['seconds']:.1f} s{ok}", "< 90 s")
    if not args.no_grade:
        command = [sys.executable, "-m", "mnist_tutorial.grade", "--path", "exercises/solutions"]
        result = measure(command, cwd=ROOT, env=env, log=log)
        ok = "" if result["rc"] == 0 else f" (rc={result['rc']})"
        add(
            "grading all chapters (reference solutions)", f"{result['seconds']:.1f} s{ok}", "< 15 s"
        )
        batch = batch_grading(tmp, env, log)
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(batch["statuses"].items()))
        add(
            "batch grading, 150 submissions x all chapters, --jobs 2",
            f"{batch['seconds']:.0f} s, {batch['cpu']:.0f} CPU-s (rc={batch['rc']}; {statuses})",
            "<= 240 s",
        )

    models = model_rows(fit_cache)
    width = max(len(r[0]) for r in rows)
    print()
    print(f"Machine: {machine()}; load average at start {load_start}, at end {load()}")
    print()
    print(f"{'measurement':<{width}}  {'value':<48}  budget")
    print(f"{'-' * width}  {'-' * 48}  {'-' * 18}")
    for what, value, budget in rows:
        print(f"{what:<{width}}  {value:<48}  {budget}")
    if per_chapter:
        print("\nPer-chapter execution time (cold build)")
        for r in per_chapter:
            print(f"  {r['uri']:<40} {r['seconds']:7.1f} s")
        print(f"  {'total':<40} {sum(r['seconds'] or 0 for r in per_chapter):7.1f} s")
    print(f"\nModels in this run's fit cache ({len(models)})")
    print("  (test acc: on the book's 14,000 test images; a model fitted on the official")
    print("  split was trained on most of them, so its figure there is no test score)")
    print(f"  {'fit s':>7} {'iter':>5} {'test acc':>8}  model")
    for m in sorted(models, key=lambda m: -m["fit_seconds"]):
        acc = "n/a" if m["test_accuracy"] != m["test_accuracy"] else f"{m['test_accuracy']:.4f}"
        n_iter = "" if m["n_iter"] is None or str(m["n_iter"]) == "<NA>" else m["n_iter"]
        warned = f"  [{m['warnings']}]" if m["warnings"] else ""
        print(f"  {m['fit_seconds']:7.1f} {n_iter!s:>5} {acc:>8}  {m['model']}{warned}")
    if args.keep:
        print(f"\nkept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
