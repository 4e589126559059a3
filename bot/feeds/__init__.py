"""Watched sources: polite polling (fetch), reading feeds (parse), the schedule (poller)
and turning new items into drafts that wait for review (ingest). No Telegram here."""
