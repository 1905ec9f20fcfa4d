"""Choose the HOG pipeline's settings on a validation split (never on the test set).

    python benchmarks/validate_hog.py          # about 10 minutes on 2 cores

The book's training images (``mt.mnist_split()``) are split once more: the first 50,000
for fitting, the last 6,000 for validation. Deskew and HOG features are computed once
per HOG layout; each setting of PCA components and ``C`` is then one fit of
PCA -> PolynomialFeatures(2) -> LogisticRegression on the 50,000, scored on the 6,000.
The table is written to ``mnist_tutorial/data/hog_validation.csv``, which chapter 11
shows (the grid is too slow to run in every book build).
"""

from __future__ import annotations

import os
import platform
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
N_FIT = 50_000
LAYOUTS = {"4 px + 7 px": (4, 7), "4 px + 5 px + 7 px": (4, 5, 7)}
GRID = [(60, 0.3), (60, 1.0), (100, 0.3), (100, 1.0), (150, 0.3)]


def main() -> None:
    X_train, _, y_train, _ = mt.mnist_split(as_frame=False)
    y_fit, y_val = y_train[:N_FIT], y_train[N_FIT:]
    deskewed = Deskew().fit_transform(X_train)
    rows = []
    for layout, cells in LAYOUTS.items():
        features = Hog(cell_sizes=cells).fit_transform(deskewed)
        F_fit, F_val = features[:N_FIT], features[N_FIT:]
        for k, C in GRID:
            if layout != "4 px + 7 px" and (k, C) not in ((100, 1.0), (100, 0.3)):
                continue
            model = make_pipeline(
                PCA(n_components=k, random_state=mt.RANDOM_STATE),
                PolynomialFeatures(2, include_bias=False),
                LogisticRegression(C=C, max_iter=1000),
            )
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(F_fit, y_fit)
            seconds = time.perf_counter() - start
            accuracy = float((model.predict(F_val) == y_val).mean())
            n_iter = int(model[-1].n_iter_.max())
            row = dict(
                cells=layout,
                hog_features=features.shape[1],
                pca=k,
                C=C,
                val_accuracy=accuracy,
                fit_seconds=round(seconds, 1),
                n_iter=n_iter,
            )
            print(row, "load", os.getloadavg(), flush=True)
            rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs["machine"] = platform.platform()
    table.to_csv(OUT, index=False)
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
