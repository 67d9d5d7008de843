"""The data mix: documents grouped by rules, sampled to target token shares, shuffled into shards."""
