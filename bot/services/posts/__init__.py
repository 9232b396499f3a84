"""Posts use cases: submit, edit, publish, and the board's decisions on posts."""
