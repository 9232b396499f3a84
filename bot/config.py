"""Settings from the environment (or .env), validated once at start-up and passed down."""

import re
import secrets
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ConfigError", "Settings", "load_settings"]

_TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather, then run "  # noqa: S105
    "`export TELEGRAM_BOT_TOKEN=123456:ABC...` (or put it in .env) and try again"
)


# What Telegram accepts as a webhook's secret_token (Bot API, setWebhook).
_WEBHOOK_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")


class ConfigError(Exception):
    """A configuration problem, described in one line for the operator."""


class Settings(BaseSettings):
    """Everything the operator configures; names match the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_bot_token: SecretStr
    board_chat_id: int | None = None
    database_url: str = "sqlite:///data/cooperactivas.db"
    telegram_api_url: AnyHttpUrl = AnyHttpUrl("https://api.telegram.org")
    timezone: str = "Europe/Madrid"
    default_locale: str = "es"
    network_config: Path | None = None
    webhook_url: AnyHttpUrl | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - a webhook must listen beyond loopback
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # How often PTB's persistence flushes conversation state; SIGTERM always flushes too.
    persistence_interval: float = Field(default=5.0, gt=0, le=600)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        raw = value.get_secret_value()
        if not raw or ":" not in raw:
            raise ValueError("must look like 123456:ABC... as given by @BotFather")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None  # `WEBHOOK_SECRET=` in .env means "not set": one is generated
        if not _WEBHOOK_SECRET_SHAPE.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 characters from A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _sqlite_url(cls, value: str) -> str:
        if not value.startswith("sqlite:///"):
            raise ValueError("only sqlite:///path URLs are supported for now")
        return value

    def webhook_secret_or_new(self) -> str:
        """The configured webhook secret, or a fresh random one for this run.

        A webhook never runs without a secret: anyone who learns the public URL could otherwise
        post forged updates (as a board member, say). A generated secret is registered with
        Telegram by setWebhook at every start, so it needs no configuration.
        """
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value()
        return secrets.token_urlsafe(48)  # 64 characters, all in Telegram's allowed set

    @property
    def database_path(self) -> Path:
        """Filesystem path of the SQLite database."""
        return Path(self.database_url.removeprefix("sqlite:///"))

    @property
    def tz(self) -> ZoneInfo:
        """The network's local time zone."""
        return ZoneInfo(self.timezone)

    @property
    def api_base(self) -> str:
        """Bot API base URL without a trailing slash."""
        return str(self.telegram_api_url).rstrip("/")


def load_settings(**overrides: object) -> Settings:
    """Load and validate settings, turning any problem into a one-line ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "settings"
    if field == "telegram_bot_token" and first["type"] == "missing":
        return _TOKEN_HELP
    return f"invalid configuration: {field.upper()}: {first['msg']}"
