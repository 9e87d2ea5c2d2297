"""ShinePhone (classic) endpoint handlers; importing this package registers them all."""

from . import (  # noqa: F401
    account,
    inverter,
    mix,
    noah,
    plants,
    storage,
    tcpset,
    tlx,
)
