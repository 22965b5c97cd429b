"""scoreframe.live (being assembled)."""
