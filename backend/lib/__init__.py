"""Cross-cutting pieces: database engine, errors, security headers, time."""
