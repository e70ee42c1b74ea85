"""Helpers of the time stage (`shiju.time` is the entry point): lexicon compilation, scanning, resolution."""
