"""scoreframe.musicxml (being assembled)."""
