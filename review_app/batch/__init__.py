"""Batch checking at corpus scale: files cut into chunks (items.py, chunks.py), checked by a
worker (worker.py) in this process, a local pool (local.py) or a Dask cluster (cluster.py),
the results back in order for the report to stream."""
