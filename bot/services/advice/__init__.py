"""Advice cases: members ask (requests), the board handles them (handling), in one thread."""
