"""Stepwise: supported employment, one step at a time."""
