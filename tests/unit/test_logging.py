"""The bot token never reaches a log line, and httpx (which logs URLs) is kept quiet."""

import logging

import pytest

from bot.logging_setup import RedactingFilter, configure_logging

TOKEN = "123456:SECRET-abcdef"


def test_token_is_masked_in_messages_and_arguments() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "POST https://api/bot%s/getMe", (TOKEN,), None
    )
    assert RedactingFilter(TOKEN).filter(record)
    assert TOKEN not in record.getMessage()
    assert "<token>" in record.getMessage()


def test_configured_logging_hides_the_token_and_quiets_httpx(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure_logging("INFO", TOKEN)
        logging.getLogger("telegram.ext").info("calling https://api.telegram.org/bot%s/x", TOKEN)
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
        err = capsys.readouterr().err
        assert "calling https://api.telegram.org/bot<token>/x" in err
        assert TOKEN not in err
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)


def test_a_secret_added_later_is_masked_too() -> None:
    redacting = RedactingFilter(TOKEN)
    redacting.add("webhook-Secret_1", "<webhook-secret>")
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "token %s secret %s", (TOKEN, "webhook-Secret_1"), None
    )
    assert redacting.filter(record)
    assert record.getMessage() == "token <token> secret <webhook-secret>"
