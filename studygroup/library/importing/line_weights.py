"""Weights of line_model.probability, fitted on the tuning families only.

Written by `.venv/bin/python bench/lofo.py --write`; re-fit there, never by hand.
"""

BIAS = 0.0
WEIGHTS: dict[str, float] = {}
