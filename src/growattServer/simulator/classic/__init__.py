"""ShinePhone (classic) endpoint handlers; importing this package registers them all."""

from . import (  # noqa: F401
    account,
    inverter,
    mix,
    newtcpset,
    noah,
    plants,
    storage,
    tcpset,
    tlx,
)
