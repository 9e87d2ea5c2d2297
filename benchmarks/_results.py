"""Benchmark results are kept as JSON and compared with the previous best, as ratios."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def record(
    name: str,
    result: dict[str, Any],
    *,
    higher_is_better: str | None = None,
    lower_is_better: str | None = None,
) -> None:
    """Print the ratio against the best run so far and keep this run (and the best)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    history: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    best = history.get("best")
    metric = higher_is_better or lower_is_better
    if metric is None:
        raise ValueError("say which metric decides")
    value = float(result[metric])
    if best is not None:
        previous = float(best[metric])
        ratio = value / previous if higher_is_better else previous / value
        print(
            f"{name}: {metric} {value} vs previous best {previous}: x{ratio:.2f} "
            f"({'better' if ratio > 1 else 'not better'})"
        )
        improved = ratio > 1
    else:
        print(f"{name}: {metric} {value} (first run)")
        improved = True
    history["last"] = result
    if improved:
        history["best"] = result
    path.write_text(json.dumps(history, indent=2) + "\n")
