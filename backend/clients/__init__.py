"""Client records, caseloads and family links."""
