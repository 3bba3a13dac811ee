"""The person's rights over their data: see it all, take it away, have it erased."""
