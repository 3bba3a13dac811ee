"""Goals (the PTA goal tool) and the monthly structured conversation (PTA, seed 003)."""
