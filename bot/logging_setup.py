"""Logging: quiet third-party chatter and never let a secret (the bot token) reach a log line."""

import logging

__all__ = ["RedactingFilter", "configure_logging"]


class RedactingFilter(logging.Filter):
    """Replaces each secret (the bot token, the webhook secret) wherever it appears in a record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._masks: dict[str, str] = {}
        self.add(token, "<token>")

    def add(self, secret: str, mask: str) -> None:
        """Mask one more secret from now on (one chosen after start-up, say)."""
        if secret:
            self._masks[secret] = mask

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the secrets masked."""
        if self._masks:
            message = record.getMessage()
            if any(secret in message for secret in self._masks):
                for secret, mask in self._masks.items():
                    message = message.replace(secret, mask)
                record.msg = message
                record.args = None
        return True


def configure_logging(level: str, token: str) -> RedactingFilter:
    """Log to stderr at level; httpx (which logs request URLs with the token) at WARNING."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redacting = RedactingFilter(token)
    handler.addFilter(redacting)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    return redacting
