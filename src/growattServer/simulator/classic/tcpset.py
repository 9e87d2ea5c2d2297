"""Classic handlers: tcpset (being written)."""
