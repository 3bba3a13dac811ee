"""A client's shifts: one-off or weekly, with cancelled dates, at the place's local time."""
