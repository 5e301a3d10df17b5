"""A channel that failed, in words for whoever set it up (never a secret, never a page)."""

from __future__ import annotations


class ChannelError(Exception):
    """Sending failed: ``str(error)`` is short and safe to show (no URL, no token)."""
