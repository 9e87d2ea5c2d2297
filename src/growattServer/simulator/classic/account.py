"""Classic handlers: account (being written)."""
