"""Classic handlers: inverter (being written)."""
