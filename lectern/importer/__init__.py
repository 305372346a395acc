"""Import a PowerPoint deck as a lecture folder."""
