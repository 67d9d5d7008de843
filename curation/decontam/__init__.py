"""Benchmark decontamination: read benchmark files (``benchmarks``), normalise text (``normalize``),
build and load the n-gram index (``index``), find and cut items in documents (``match``), measure
recall and false positives (``evaluate``). The pipeline stage is ``curation.stages.decontam``."""
