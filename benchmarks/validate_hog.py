"""Choose the HOG pipeline's settings on a validation split (never on the test set).

    python benchmarks/validate_hog.py            # every row, one after the other
    python benchmarks/validate_hog.py --row 2    # one row, or several: --row 14 15 16, then
    python benchmarks/validate_hog.py --merge    # collect the rows into the CSV
    python validate_hog.py --out grid.csv        # a downloaded copy: say where to write

The book's training images (``mt.mnist_split()``) are split once more: the first 50,000
for fitting, the last 6,000 for validation. Each row is one fit of
Deskew -> Hog -> PCA -> PolynomialFeatures(2) -> LogisticRegression on the 50,000 (the
deskew and HOG features computed once per process and HOG setting), scored on the 6,000.
The table is written to ``mnist_tutorial/data/hog_validation.csv``, which the book's
appendix "How chapter 11's settings were chosen" shows, with the one-standard-error
rule that picks among its rows (the grid is too slow to run in every book build: about
a minute per row on 2 idle cores). The last rows compare HOG cell layouts (one grid of
4 px or of 7 px cells, with or without a second grid shifted by half a cell) with the
other settings at the chosen values, so that the layout too is a validation choice.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import time
import warnings
from pathlib import Path

import pandas as pd
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

import mnist_tutorial as mt
from mnist_tutorial import Deskew
from mnist_tutorial.hog import Hog

OUT = Path(__file__).resolve().parents[1] / "mnist_tutorial" / "data" / "hog_validation.csv"
PARTS = OUT.with_suffix(".parts")
N_FIT = 50_000
LAYOUTS = {
    "4 px + 7 px": {"cell_sizes": (4, 7)},
    "4 px + 7 px + shifted 4 px": {"cell_sizes": (4, 7), "offset_cells": (4,)},
    "4 px": {"cell_sizes": (4,)},
    "7 px": {"cell_sizes": (7,)},
    "4 px + shifted 4 px": {"cell_sizes": (4,), "offset_cells": (4,)},
    "4 px + 7 px + shifted 4 px + shifted 7 px": {"cell_sizes": (4, 7), "offset_cells": (4, 7)},
}
# (layout, orientation bins, soft bins, Hog eps, PCA components, C); eps 1e-5 is
# scikit-image's (no damping), and so are hard bins (soft_bins=False)
SHIFTED = "4 px + 7 px + shifted 4 px"
ROWS = [
    ("4 px + 7 px", 9, False, 1e-5, 60, 0.3),
    (SHIFTED, 9, False, 1e-5, 100, 1.0),
    ("4 px + 7 px", 9, False, 200.0, 60, 0.3),
    (SHIFTED, 9, False, 50.0, 60, 0.3),
    (SHIFTED, 9, False, 200.0, 60, 0.3),
    (SHIFTED, 9, False, 200.0, 60, 1.0),
    (SHIFTED, 9, False, 200.0, 100, 1.0),
    (SHIFTED, 9, False, 800.0, 60, 0.3),
    (SHIFTED, 9, False, 800.0, 100, 1.0),
    (SHIFTED, 9, False, 3200.0, 60, 0.3),
    (SHIFTED, 9, True, 800.0, 60, 0.3),
    (SHIFTED, 9, True, 800.0, 100, 1.0),
    (SHIFTED, 8, True, 800.0, 60, 0.3),
    (SHIFTED, 8, True, 800.0, 100, 1.0),
    # other cell layouts, with the chosen 8 split bins, eps=800, PCA(60) and C=0.3
    ("4 px", 8, True, 800.0, 60, 0.3),
    ("7 px", 8, True, 800.0, 60, 0.3),
    ("4 px + shifted 4 px", 8, True, 800.0, 60, 0.3),
    ("4 px + 7 px", 8, True, 800.0, 60, 0.3),
    ("4 px + 7 px + shifted 4 px + shifted 7 px", 8, True, 800.0, 60, 0.3),
]


@functools.cache
def _deskewed():
    """The book's training images, deskewed, and their labels (once per process)."""
    X_train, _, y_train, _ = mt.mnist_split(as_frame=False)
    return Deskew().fit_transform(X_train), y_train


@functools.cache
def _features(layout: str, n_bins: int, soft_bins: bool, eps: float):
    """Deskewed HOG features of the book's training images, once per HOG setting."""
    deskewed, y_train = _deskewed()
    hog = Hog(**LAYOUTS[layout], n_bins=n_bins, soft_bins=soft_bins, eps=eps)
    return hog.fit_transform(deskewed), y_train


def run_row(index: int, parts: Path = PARTS) -> dict:
    layout, n_bins, soft_bins, eps, k, C = ROWS[index]
    features, y_train = _features(layout, n_bins, soft_bins, eps)
    model = make_pipeline(
        PCA(n_components=k, random_state=mt.RANDOM_STATE),
        PolynomialFeatures(2, include_bias=False),
        LogisticRegression(C=C, max_iter=1000),
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(features[:N_FIT], y_train[:N_FIT])
    seconds = time.perf_counter() - start
    accuracy = float((model.predict(features[N_FIT:]) == y_train[N_FIT:]).mean())
    row = dict(
        cells=layout,
        n_bins=n_bins,
        soft_bins=soft_bins,
        eps=eps,
        hog_features=features.shape[1],
        pca=k,
        C=C,
        val_accuracy=accuracy,
        fit_seconds=round(seconds, 1),
        n_iter=int(model[-1].n_iter_.max()),
    )
    parts.mkdir(parents=True, exist_ok=True)
    (parts / f"{index}.json").write_text(json.dumps(row))
    print(row, "load", os.getloadavg(), flush=True)
    return row


def merge(out: Path = OUT) -> pd.DataFrame:
    parts = out.with_suffix(".parts")
    rows = [json.loads((parts / f"{i}.json").read_text()) for i in range(len(ROWS))]
    table = pd.DataFrame(rows)
    table.to_csv(out, index=False)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--row", type=int, nargs="+", help="run only these rows of ROWS")
    parser.add_argument("--merge", action="store_true", help="write the CSV from the rows run")
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help=f"the CSV to write (default: {OUT.name} in "
        "the package's data folder of a clone of the repository)",
    )
    args = parser.parse_args()
    parts = args.out.with_suffix(".parts")
    if args.row is not None:
        for index in args.row:
            run_row(index, parts)
        return
    if not args.merge:
        for index in range(len(ROWS)):
            run_row(index, parts)
    print(merge(args.out).to_string(index=False))


if __name__ == "__main__":
    main()
