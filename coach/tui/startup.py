"""Garbage collection while ``coach`` starts.

Start-up imports Textual and builds the first screen: tens of thousands of
objects that live as long as the app. Python's cyclic garbage collector runs
many times meanwhile and finds next to nothing to free, and a full
collection (about 20 ms) tends to land just before the first frame. So the
TUI commands pause the collector while they start (:func:`pause_gc`). Home,
once its first screen is drawn (:func:`resume_gc_soon`), a moment later
collects once, freezes what survived (it is permanent: modules, classes, the
app) so later collections never walk it again, and turns the collector back
on. A call or a rehearsal does that as soon as its script is loaded
(:func:`resume_gc_loaded`): what Textual's start leaves as garbage is then
collected as it comes, not held at the peak of the call's memory. Reference
counting frees memory as usual the whole time.

The same commands leave OpenSSL out of the process (:func:`leave_out_tls`).

Standard library only: no Textual here. ``coach.cli`` loads this module before
Textual is imported (see ``coach.cli.calls``), so it must import nothing of
``coach.tui``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

#: How long after the first frame the one full collection runs (seconds): the
#: first frame is on the terminal by then, and a person has not yet typed.
COLLECT_AFTER = 0.4

_paused = False


def leave_out_tls() -> None:
    """Keep :mod:`ssl`, and OpenSSL with it, out of a terminal app's process.

    asyncio imports ``ssl`` at its own import only to offer TLS connections,
    and a terminal command of ours opens no connection at all. That import
    maps OpenSSL's libssl and libcrypto: measured here, 3.4 MB of a call's
    resident memory (45.5 MiB to 41.3) and 7 ms of ``import textual.app``.
    Marked missing in ``sys.modules``, ``ssl`` raises ImportError when
    imported, and asyncio takes the path it has for a Python built without
    OpenSSL (``ssl = None``: every connection plain). Nothing else the TUI
    imports needs it (Textual, Rich, PyYAML, tomlkit, icalendar and holidays
    never import it); ``coach partner --serve`` runs a web server and does not
    call this. Does nothing once ``ssl`` is imported.
    """
    if "ssl" not in sys.modules:
        sys.modules["ssl"] = None  # type: ignore[assignment]


def pause_gc() -> None:
    """Pause the cyclic garbage collector for start-up (when it was running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def gc_paused() -> bool:
    """True while :func:`pause_gc` holds the collector off."""
    return _paused


def resume_gc(*, collect: bool = True, freeze: bool = True) -> None:
    """Collect once, freeze the survivors and turn the collector on again.

    ``collect=False`` only turns it on (the app is ending anyway);
    ``freeze=False`` collects without freezing, for a first screen that goes
    away (a frozen screen is never collected once it is garbage). Does
    nothing unless :func:`pause_gc` paused it.
    """
    global _paused
    if not _paused:
        return
    _paused = False
    if collect:
        gc.collect()
        if freeze:
            gc.freeze()
    gc.enable()


def resume_gc_loaded() -> None:
    """``coach call`` and ``coach practice``, their script loaded: collect once,
    freeze what is alive (the script's model with it) and turn the collector
    on for the rest of start-up.

    What the pause saves a call is walking the loaded model, a 10,000-step
    script's 150,000 objects, in every full collection while Textual starts;
    frozen, no collection walks it. Held off until the call's first screen
    instead, the collector let the cycles of loading the script and of
    Textual's start pile up: 0.4 MiB of a call's peak memory on the bundled
    script (VmHWM in tmux, 40.77 -> 40.37 MiB). The one collection here takes
    2.5 ms with a 10,000-step script from its cache (29 ms after reading its
    YAML, which took 890). Does nothing unless :func:`pause_gc` paused it.
    """
    global _paused
    if not _paused:
        return
    _paused = False
    gc.collect()
    gc.freeze()
    gc.enable()


def resume_gc_soon(set_timer: Callable[[float, Callable[[], None]], object]) -> None:
    """After home's first frame: :func:`resume_gc` in :data:`COLLECT_AFTER` seconds."""
    if _paused:
        set_timer(COLLECT_AFTER, resume_gc)
