"""Storage: the SQLite database, its migrations, repositories and PTB persistence."""
