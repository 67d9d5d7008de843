"""Synthetic data the Phi-4 way: seeds, generation jobs, verification."""
