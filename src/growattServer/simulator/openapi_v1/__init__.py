"""OpenAPI v1 endpoint handlers; importing registers them.

One module per concern: `plants` (plant/*), `devices` (device/list), `min` (device/tlx/*,
readMinParam, tlxSet), `sph` (device/mix/*, readMixParam, mixSet), `inverter` (type-1
inverters), `storage` and `spa` (their latest records); `envelope`, `records` and
`settings` hold what they share.
"""

# importing registers the handlers
from . import devices, inverter, min, plants, spa, sph, storage  # noqa: F401
