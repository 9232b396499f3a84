"""Summits and events: the board's drafts and changes, members' answers, calendar files."""
