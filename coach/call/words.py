"""Ids in words a person reads. Pure: no Textual."""

from __future__ import annotations


def id_words(ident: str) -> str:
    """An id in words: ``on_hold`` -> ``On hold``."""
    return ident.replace("_", " ").capitalize()
