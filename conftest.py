"""Project-wide pytest setup: a non-interactive matplotlib backend and a private fit cache."""

import matplotlib

matplotlib.use("Agg")
