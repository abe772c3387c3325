"""The postal services' refusal: the message says why, in the user's language."""


class PostalError(Exception):
    """Not allowed now, or not possible with what was given; nothing was written."""
