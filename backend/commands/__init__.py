"""The operators' commands behind ``stepwise`` (``backend/cli.py`` parses the arguments): each
module holds the commands of one topic — ``running`` (serve, migrate, setup-link, worker),
``demo``, ``people`` (invite, erase), ``data`` (backup, restore, audit); ``common`` what they
share.

Part of the assembly, like ``app.py``: the commands may use any domain.
"""
