"""Synthetic data the Phi-4 way: seeds curated from a finished run, generation jobs, verification of what comes back."""
