"""The unit of work: every repository bound to one connection (and transaction)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cached_property

import aiosqlite

from bot.storage.announcements import AnnouncementsRepo
from bot.storage.audit import AuditRepo
from bot.storage.cases import CasesRepo
from bot.storage.contacts import ContactsRepo
from bot.storage.db import Database
from bot.storage.fees import FeesRepo
from bot.storage.matches import MatchesRepo
from bot.storage.member_imports import MemberImportsRepo
from bot.storage.members import MembersRepo
from bot.storage.outbox import OutboxRelayRepo, OutboxRepo
from bot.storage.posts import PostsRepo
from bot.storage.privacy import PrivacyRepo
from bot.storage.summits import SummitsRepo

__all__ = ["Repos", "Store"]


class Repos:
    """Repositories sharing one connection, so their writes commit or roll back together."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    @cached_property
    def members(self) -> MembersRepo:
        """Entities, members and invites."""
        return MembersRepo(self.conn)

    @cached_property
    def imports(self) -> MemberImportsRepo:
        """Organisations imported from the board's member list, and their links."""
        return MemberImportsRepo(self.conn)

    @cached_property
    def audit(self) -> AuditRepo:
        """The board's audit log."""
        return AuditRepo(self.conn)

    @cached_property
    def outbox(self) -> OutboxRepo:
        """Messages that are not direct replies."""
        return OutboxRepo(self.conn)

    @cached_property
    def relay(self) -> OutboxRelayRepo:
        """The outbox as the relay sees it: claim due rows, record how each send went."""
        return OutboxRelayRepo(self.conn)

    @cached_property
    def announcements(self) -> AnnouncementsRepo:
        """Board announcements and their recipients."""
        return AnnouncementsRepo(self.conn)

    @cached_property
    def posts(self) -> PostsRepo:
        """Needs and offers."""
        return PostsRepo(self.conn)

    @cached_property
    def contacts(self) -> ContactsRepo:
        """Contact threads about posts, blocks and collaborations."""
        return ContactsRepo(self.conn)

    @cached_property
    def matches(self) -> MatchesRepo:
        """Needs and offers proposed to each other, introductions and follow-ups."""
        return MatchesRepo(self.conn)

    @cached_property
    def fees(self) -> FeesRepo:
        """Fees, income and "I've paid" claims."""
        return FeesRepo(self.conn)

    @cached_property
    def cases(self) -> CasesRepo:
        """Advice cases and their threads."""
        return CasesRepo(self.conn)

    @cached_property
    def summits(self) -> SummitsRepo:
        """Summits and events, answers, the waitlist and attendance."""
        return SummitsRepo(self.conn)

    @cached_property
    def privacy(self) -> PrivacyRepo:
        """One person's data: export and erasure."""
        return PrivacyRepo(self.conn)


class Store:
    """Hands out Repos inside a write transaction or for reading."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Repos]:
        """Repositories inside one BEGIN IMMEDIATE transaction."""
        async with self.db.transaction() as conn:
            yield Repos(conn)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Repos]:
        """Repositories for reading (no transaction is opened)."""
        async with self.db.reading() as conn:
            yield Repos(conn)
