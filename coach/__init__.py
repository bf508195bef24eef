"""Call Coach: a terminal coach for the follow-up call after a job interview."""

__version__ = "0.1.0"
