"""One declarative definition per Growatt endpoint, with no I/O and no HTTP library.

``request.py`` holds the wire types, ``classic.py`` and ``openapi_v1.py`` the
endpoints, ``answers.py`` the classification of what came back, ``dates.py`` the
plant-local "today".
"""

from .request import RawResponse, Request

__all__ = ["RawResponse", "Request"]
