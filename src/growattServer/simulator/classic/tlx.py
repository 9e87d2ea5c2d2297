"""Classic handlers: tlx (being written)."""
