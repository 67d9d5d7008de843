"""Language identification: lid.176 first, a second model where it is unsure or known to confuse."""
