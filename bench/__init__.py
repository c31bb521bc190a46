"""The benchmark: ``python -m bench`` times every registered case on generated demo data (see run.py)."""
