"""Drivers that move a :class:`~growattServer.protocol.request.Request` over HTTP."""
