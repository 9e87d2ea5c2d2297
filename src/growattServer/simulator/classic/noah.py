"""Classic handlers: noah (being written)."""
