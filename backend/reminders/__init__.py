"""Reminder rules, the engine that sends them exactly once, Web Push and the e-mail fallback."""
