"""How many of this process's cores stood idle over an interval (Linux ``/proc/stat``).

Work added beside busy programs gains only the CPU nobody else uses: Linux shares the cores between
sessions first (autogroup), so a second process or thread of ours then gets no more core than the
first had, and pays for itself (a worker's start: seconds of CPU; a second prompt thread: measured
2.2x the prompt's CPU beside two busy loops). So ``factx.run.processes`` starts a worker, and the
embedded model (``factx.backends.threads``) runs a second prompt thread, only once a core stood idle.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CpuTimes", "IdleSince", "cpu_times", "idle_cores"]

_STAT = Path("/proc/stat")
_IDLE_FIELDS = (3, 4)
"""``idle`` and ``iowait`` among a ``cpuN`` line's counters (user nice system idle iowait irq ...)."""


@dataclass(frozen=True)
class CpuTimes:
    """Clock ticks spent idle and in all, summed over the cores this process may run on."""

    idle: int
    total: int
    cores: int


def cpu_times(stat: Path = _STAT) -> CpuTimes | None:
    """The idle and total ticks of this process's cores now; None where ``/proc/stat`` is not there."""
    try:
        lines = stat.read_text().splitlines()
    except OSError:
        return None
    mine = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    idle = total = cores = 0
    for line in lines:
        name, *fields = line.split()
        if not name.startswith("cpu") or name == "cpu" or not name[3:].isdigit():
            continue
        if mine is not None and int(name[3:]) not in mine:
            continue
        ticks = [int(f) for f in fields]
        idle += sum(ticks[i] for i in _IDLE_FIELDS if i < len(ticks))
        total += sum(ticks)
        cores += 1
    return CpuTimes(idle, total, cores) if cores else None


def idle_cores(before: CpuTimes | None, after: CpuTimes | None) -> float | None:
    """Cores idle on average between two readings (0 .. cores); None when unknown (no readings, no ticks)."""
    if before is None or after is None or after.total <= before.total:
        return None
    return after.cores * (after.idle - before.idle) / (after.total - before.total)


class IdleSince:
    """The cores that stood idle since a mark (one ``/proc/stat`` reading), for a policy that asks again and again."""

    def __init__(self, mark: CpuTimes | None) -> None:
        self.mark = mark

    @classmethod
    def now(cls) -> IdleSince:
        """Idle cores counted from this moment."""
        return cls(cpu_times())

    def cores(self) -> float | None:
        """Cores idle on average since the mark (None: unknown); the mark stays."""
        return idle_cores(self.mark, cpu_times())

    def cores_then_mark(self) -> float | None:
        """``cores``, then the mark moves to now: one reading serves both."""
        now = cpu_times()
        idle, self.mark = idle_cores(self.mark, now), now
        return idle

    def mark_now(self) -> None:
        """Count from this moment on (e.g. after work of our own kept a core busy)."""
        self.mark = cpu_times()
