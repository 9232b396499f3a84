"""PTB persistence in the bot's SQLite database, so conversations survive restarts."""

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.storage.db import Database

__all__ = ["SQLitePersistence"]

JSONDict = dict[str, Any]


# user_data keys that start with this are kept in memory only, never written: what the bot
# needs about someone who has not consented yet (a restart forgets it, and that is the point).
UNSTORED_PREFIX = "unstored:"


class SQLitePersistence(BasePersistence[JSONDict, JSONDict, JSONDict]):
    """Stores user, chat and bot data (JSON) and conversation states in SQLite."""

    def __init__(self, db: Database, update_interval: float = 5.0) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=True, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._db = db

    async def _rows(self, sql: str) -> list[Any]:
        # PTB loads persistence in initialize(), before post_init opens the database.
        await self._db.open()
        async with self._db.reading() as conn, conn.execute(sql) as cursor:
            return list(await cursor.fetchall())

    async def get_user_data(self) -> dict[int, JSONDict]:
        """Load every user's data."""
        rows = await self._rows("SELECT user_id, data FROM ptb_user_data")
        return {int(row[0]): json.loads(row[1]) for row in rows}

    async def get_chat_data(self) -> dict[int, JSONDict]:
        """Load every chat's data."""
        rows = await self._rows("SELECT chat_id, data FROM ptb_chat_data")
        return {int(row[0]): json.loads(row[1]) for row in rows}

    async def get_bot_data(self) -> JSONDict:
        """Load the bot-wide data."""
        rows = await self._rows("SELECT data FROM ptb_bot_data WHERE id = 1")
        return json.loads(rows[0][0]) if rows else {}

    async def get_callback_data(self) -> CDCData | None:
        """Arbitrary callback data is not used: buttons carry short typed strings."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """Load the states of one conversation handler."""
        await self._db.open()
        async with (
            self._db.reading() as conn,
            conn.execute(
                "SELECT conv_key, state FROM ptb_conversations WHERE name = ?", (name,)
            ) as cursor,
        ):
            rows = await cursor.fetchall()
        return {tuple(json.loads(row[0])): json.loads(row[1]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or forget, when None) one conversation's state."""
        await self._db.open()
        async with self._db.transaction() as conn:
            if new_state is None:
                await conn.execute(
                    "DELETE FROM ptb_conversations WHERE name = ? AND conv_key = ?",
                    (name, json.dumps(list(key))),
                )
            else:
                await conn.execute(
                    "INSERT INTO ptb_conversations (name, conv_key, state) VALUES (?, ?, ?)"
                    " ON CONFLICT (name, conv_key) DO UPDATE SET state = excluded.state",
                    (name, json.dumps(list(key)), json.dumps(new_state)),
                )

    async def update_user_data(self, user_id: int, data: JSONDict) -> None:
        """Store one user's data, except what must stay in memory (UNSTORED_PREFIX)."""
        kept = {k: v for k, v in data.items() if not str(k).startswith(UNSTORED_PREFIX)}
        await self._upsert("ptb_user_data", "user_id", user_id, kept)

    async def update_chat_data(self, chat_id: int, data: JSONDict) -> None:
        """Store one chat's data."""
        await self._upsert("ptb_chat_data", "chat_id", chat_id, data)

    async def update_bot_data(self, data: JSONDict) -> None:
        """Store the bot-wide data."""
        await self._upsert("ptb_bot_data", "id", 1, data)

    async def _upsert(self, table: str, column: str, key: int, data: JSONDict) -> None:
        # table and column come from the three constants above, never from input.
        await self._db.open()
        async with self._db.transaction() as conn:
            await conn.execute(
                f"INSERT INTO {table} ({column}, data) VALUES (?, ?)"  # noqa: S608
                f" ON CONFLICT ({column}) DO UPDATE SET data = excluded.data",
                (key, json.dumps(data, ensure_ascii=False)),
            )

    async def update_callback_data(self, data: CDCData) -> None:
        """Arbitrary callback data is not used."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget one chat's data."""
        await self._db.open()
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM ptb_chat_data WHERE chat_id = ?", (chat_id,))

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data (used when a member erases their data)."""
        await self._db.open()
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))

    async def refresh_user_data(self, user_id: int, user_data: JSONDict) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def refresh_chat_data(self, chat_id: int, chat_data: JSONDict) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def refresh_bot_data(self, bot_data: JSONDict) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def flush(self) -> None:
        """Every update is already committed; nothing is buffered here."""
