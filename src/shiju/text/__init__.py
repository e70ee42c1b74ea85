"""Text utilities: Simplified view with offset map, normalisation, sentence splitting."""
