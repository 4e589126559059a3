"""Digests: schedules, subscriptions, the scheduling tick, composition and delivery."""
