"""The decision-making chain's synthetic data crosses its five apps and is generated in one step: fazhi/demo/synth_decisions.py."""
