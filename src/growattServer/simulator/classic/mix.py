"""Classic handlers: mix (being written)."""
