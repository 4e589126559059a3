"""Inline keyboards, one module per surface; every label comes from the locale files."""
