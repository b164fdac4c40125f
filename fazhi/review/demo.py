"""The decision-making chain's demo crosses its five apps and is assembled in one step: fazhi/demo/decisions.py."""
