"""Bilingual files (XLIFF, PO, TMX, TSV, line-aligned pairs): source and target per unit."""
