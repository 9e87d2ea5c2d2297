"""OpenAPI v1 endpoint handlers; importing registers them.

One module per concern: `plants` (plant/*), `devices` (device/list), `min` (device/tlx/*,
readMinParam, tlxSet), `sph` (device/mix/*, readMixParam, mixSet), `inverter` (type-1
inverters); `envelope`, `records` and `settings` hold what they share.
"""

from . import devices, inverter, min, plants, sph  # noqa: F401  (registration side effects)
