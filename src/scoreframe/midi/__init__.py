"""scoreframe.midi (being assembled)."""
