"""Demonstration data: a realistic office of many days, for training and for the benchmarks."""
