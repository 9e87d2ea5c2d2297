"""Classic handlers: storage (being written)."""
