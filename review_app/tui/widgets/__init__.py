"""The review screen's widgets, one module each."""
