"""HanTa, the German POS tagger (LGPL; ~40 MB in memory, a few ms a clause): one model per
process, loaded on the first candidate a rule's cheap pre-filter finds."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def load_tagger() -> Any:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
