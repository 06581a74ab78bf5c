from __future__ import annotations

from django.db import models

from studygroup.ratelimit import TABLE


class Counter(models.Model):
    """Hits on one key in one window, when the cache is not Redis (see `count_in_database`)."""

    key = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=0)
    # Epoch seconds at which the window closes; older rows are swept away.
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = TABLE

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
