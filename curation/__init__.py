"""curation: LLM-pretraining data curation on Dask."""
__version__ = "0.1.0"
