"""Server URLs, and the region keys Home Assistant stores instead of URLs.

Home Assistant's config entries may hold a region *key* (``"other_regions"``) where a
URL is expected (home-assistant-and-style.md §A.2), so :func:`resolve_server_url`
accepts both.
"""

from __future__ import annotations

import logging

__all__ = [
    "DEFAULT_SERVER_URL",
    "DEPRECATED_SERVER_URLS",
    "REGION_URLS",
    "resolve_server_url",
]

_LOGGER = logging.getLogger("growattServer")

DEFAULT_SERVER_URL = "https://openapi.growatt.com/"

#: Home Assistant's region keys (``const.SERVER_URLS_NAMES``) and where they point.
REGION_URLS: dict[str, str] = {
    "other_regions": DEFAULT_SERVER_URL,
    "north_america": "https://openapi-us.growatt.com/",
    "australia_new_zealand": "https://openapi-au.growatt.com/",
    "china": "https://openapi-cn.growatt.com/",
    "smten_server": "http://server.smten.com/",
    "era_server": "http://ess-server.atesspower.com/",
}

#: Hosts that used to work and now block or redirect most clients
#: (shinephone-api.md §1.1, openapi.md §1.1). They are still accepted, with a warning.
DEPRECATED_SERVER_URLS: dict[str, str] = {
    "https://server.growatt.com/": DEFAULT_SERVER_URL,
    "http://server.growatt.com/": DEFAULT_SERVER_URL,
    "https://server-api.growatt.com/": DEFAULT_SERVER_URL,
    "https://server-us.growatt.com/": "https://openapi-us.growatt.com/",
    "https://server-cn.growatt.com/": "https://openapi-cn.growatt.com/",
}


def resolve_server_url(value: str) -> str:
    """Turn a region key or a URL into a base URL that ends with ``/``."""
    text = value.strip()
    if text in REGION_URLS:
        return REGION_URLS[text]
    if not text.endswith("/"):
        # Every page is appended to the base, so the base must end with a slash.
        text += "/"
    if text in DEPRECATED_SERVER_URLS:
        _LOGGER.warning(
            "Server %s is deprecated by Growatt; %s is its successor",
            text,
            DEPRECATED_SERVER_URLS[text],
        )
    return text
