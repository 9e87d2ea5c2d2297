"""Every public client method, written once as a plan (see :mod:`.plan`).

The sync classes of :mod:`growattServer.compat` and the async ones of
:mod:`growattServer.aio` inherit these declarations and get real methods of their kind.
"""
