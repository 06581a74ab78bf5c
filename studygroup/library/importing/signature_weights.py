"""Weights of signatures.probability, fitted on the tuning families only.

Written by `.venv/bin/python bench/fit_signatures.py --write --seeds 20`;
re-fit there, never by hand.
"""

BIAS = -1.5665
WEIGHTS = {
    "rule_accepts": 3.4318,
    "over_prose": 0.7445,
    "others": 0.6194,
    "others_accepted": 2.6494,
    "others_over_prose": 1.0663,
    "others_after_closed": -1.3215,
    "spread": 0.1056,
    "density": -0.1003,
}
