"""A progress line for long table runs: rows done, rows per second, and an ETA when it can.

Only for people: the CLI shows it on stderr when stderr is a terminal and stays silent
otherwise, so logs and pipes never fill with carriage returns. The ETA comes from how many
bytes of a regular input file have been read, the only size known before the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO

__all__ = ["Progress", "format_duration"]


def format_duration(seconds: float) -> str:
    """``H:MM:SS`` for a number of seconds (negative counts as zero)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Redraws one status line at most every ``interval`` seconds.

    Args:
        stream: Where to draw (the CLI passes stderr, only when it is a terminal).
        total: Size of the input in bytes, when known.
        position: Returns how many bytes of the input have been read so far.
        interval: Least time between two redraws.
        clock: Time source (tests pass a fake one).
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        total: int | None = None,
        position: Callable[[], int] | None = None,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._total = total if total else None
        self._position = position
        self._interval = interval
        self._clock = clock
        self._start = clock()
        self._last = float("-inf")
        self.rows = 0

    def line(self) -> str:
        """The status line for the rows counted so far."""
        elapsed = max(self._clock() - self._start, 1e-9)
        rate = self.rows / elapsed
        text = f"{self.rows:,} rows  {rate:,.0f} rows/s"
        if self._total is not None and self._position is not None:
            done = min(max(self._position(), 0), self._total)
            share = done / self._total
            text += f"  {share:6.1%}"
            if 0 < share < 1:
                text += f"  ETA {format_duration(elapsed * (1 - share) / share)}"
        return text

    def advance(self, rows: int) -> None:
        """Count ``rows`` more rows, redrawing when the interval has passed."""
        self.rows += rows
        now = self._clock()
        if now - self._last >= self._interval:
            self._last = now
            self._stream.write("\r" + self.line() + "\x1b[K")
            self._stream.flush()

    def close(self) -> None:
        """Draw the final line and end it."""
        self._stream.write("\r" + self.line() + "\x1b[K\n")
        self._stream.flush()
