"""Distributed engines: the same stage code as the local engine, spread over a Dask cluster.

Importing this package does not import Dask; :func:`run_dask` does, when it is called.
"""

from __future__ import annotations

from khyber.cluster.dask_engine import DaskSummary, iter_rejects, load_parquet_into, plan, run_dask

__all__ = ["DaskSummary", "iter_rejects", "load_parquet_into", "plan", "run_dask"]
