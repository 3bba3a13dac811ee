"""Photo task instructions, on-the-job training and progress (task analysis, issue 4)."""
