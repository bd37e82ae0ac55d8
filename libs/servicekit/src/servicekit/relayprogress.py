"""The relay's progress: settled batches counted and logged, when it last moved, whether batches fail."""

import asyncio
import logging
import time
from collections.abc import Iterable

from servicekit.metrics import ServiceMetrics
from servicekit.relaypublish import Outcome

log = logging.getLogger("servicekit.relay")
HELD = "HeldBehindKey"  # rows behind a refused row of their key: not a failure of Kafka


class RelayProgress:
    """Metrics and logs of each settled batch; the time of the last progress (for the stall gauge) and
    whether the batches settled last had rows Kafka did not take (then the relay waits a poll, not
    claiming the same rows again at once)."""

    def __init__(self, metrics: ServiceMetrics) -> None:
        self._metrics = metrics
        self._last = time.monotonic()
        self.failing = False

    def idle(self) -> None:
        """Nothing to publish (or another relay holds the lease): not stalled."""
        self._last = time.monotonic()

    def stalled_seconds(self) -> float:
        """Seconds since the relay last published or found nothing to do."""
        return time.monotonic() - self._last

    def settled(self, batches: Iterable["asyncio.Task[Outcome]"]) -> int:
        """Report settled batches; return how many rows they sent or refused."""
        rows, failing = 0, None
        for task in batches:
            if task.cancelled() or (error := task.exception()) is not None:
                why = "CancelledError" if task.cancelled() else type(error).__name__
                log.warning("outbox relay batch failed", extra={"error": why})
                failing = True
                continue
            outcome = task.result()
            self._report(outcome)
            rows += len(outcome.sent) + len(outcome.refused)
            failing = bool(failing) or any(reason != HELD for reason in outcome.failed)
        self.failing = self.failing if failing is None else failing
        return rows

    def _report(self, outcome: Outcome) -> None:
        if outcome.sent or outcome.refused:
            self._last = time.monotonic()
        self._metrics.outbox_published.inc(len(outcome.sent))
        for seq, reason in outcome.refused:
            self._metrics.outbox_refused.labels(reason).inc()
            log.error("outbox row refused by Kafka", extra={"seq": seq, "error": reason})
        for reason, seqs in outcome.failed.items():
            self._metrics.outbox_publish_failures.labels(reason).inc(len(seqs))
            log.warning(
                "outbox rows not published, will retry",
                extra={"error": reason, "rows": len(seqs), "first_seq": min(seqs), "last_seq": max(seqs)},
            )
