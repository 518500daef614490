// Placeholder until the feeds land (issue 6).
