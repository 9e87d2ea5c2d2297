"""OpenAPI v1 endpoint handlers; importing registers them."""
