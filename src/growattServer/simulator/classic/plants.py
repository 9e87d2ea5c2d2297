"""Classic handlers: plants (being written)."""
