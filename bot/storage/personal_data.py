"""Where a person's data lives, table by table: what /mydata hands over and /forgetme erases.

Every table of the schema is either here, with how its rows relate to a person, how each
column is exported (or why it is withheld) and what erasure does to it, or in NO_PERSONAL_DATA
with the reason it holds none. tests/unit/test_personal_data.py reads the migrated schema and
fails on a table or column this module does not decide about, so a migration cannot add
personal data that the copy or the erasure silently leaves out.

The other side stays as the bot showed it. A column that holds a person's Telegram id is a
PERSON: it is exported as "you" or "another member", never as the id, because an anonymous
asker, a blocker or the other side of a match is not told to anyone by the bot. For the same
reason a pair's status is withheld (it can tell the other side's answer, which the double
opt-in keeps private until both are interested), and so is another side's row of a match.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ANOTHER_MEMBER",
    "ANOTHER_ORGANISATION",
    "CONVERSATION_STATE",
    "NO_PERSONAL_DATA",
    "PERSONAL_TABLES",
    "YOU",
    "YOUR_ORGANISATION",
    "AnyOf",
    "Blank",
    "Column",
    "Delete",
    "InJsonList",
    "Keep",
    "Kind",
    "Of",
    "PersonalTable",
    "Pseudonymise",
    "Relation",
    "Step",
    "Through",
    "Withheld",
]

YOU, ANOTHER_MEMBER = "you", "another member"
YOUR_ORGANISATION, ANOTHER_ORGANISATION = "your organisation", "another organisation"
# The copy's key for flows in progress (PTB's user_data), which the process holds fresher.
CONVERSATION_STATE = "conversation_state"


class Kind(StrEnum):
    """How a stored value is written in the copy (typed JSON; NULL is always null)."""

    TEXT = "text"  # an empty string is null
    INT = "int"
    BOOL = "bool"  # 0/1 as false/true
    JSON = "json"  # JSON text as its value: lists stay lists
    TIME = "time"  # a stored UTC timestamp, as ISO 8601
    DATE = "date"  # an ISO date
    # A Telegram user id, as YOU or ANOTHER_MEMBER under the column's name without "_id".
    # Erasure replaces the person's id in every such column of the rows it keeps.
    PERSON = "person"
    # An entity id, as YOUR_ORGANISATION or ANOTHER_ORGANISATION (same naming).
    ENTITY = "entity"


@dataclass(frozen=True, slots=True)
class Withheld:
    """A column left out of the copy, and why."""

    reason: str


Column = Kind | Withheld

_INTERNAL = Withheld("internal to the bot; it says nothing about you")
_ROW_KEY = Withheld("the row's key: your Telegram user id, at the top of the copy")
_BOARD_MEMBER = Withheld("which board member acted: their data; the decision is the board's")
# Spanish law has accounts and their vouchers kept for years (Código de Comercio, art. 30).
_ACCOUNTS = "the network's accounts: payments and receipts are kept as bookkeeping requires"
_DOUBLE_OPT_IN = Withheld(
    "can tell the other side's answer, which stays private until both are interested"
)


# -- how rows relate to a person (SQL with the person's id as :me) ----------------------------
# The SQL is built from this module's constants only, never from input.
@dataclass(frozen=True, slots=True)
class Of:
    """Rows where any of these columns holds the person's user id."""

    columns: tuple[str, ...]

    def sql(self) -> str:
        """The WHERE condition."""
        return "(" + " OR ".join(f"{column} = :me" for column in self.columns) + ")"


@dataclass(frozen=True, slots=True)
class Through:
    """Rows whose `column` is the `key` (a column or an expression) of rows of `table` that
    are the person's (`of`)."""

    column: str
    table: str
    key: str
    of: Of

    def sql(self) -> str:
        """The WHERE condition."""
        subquery = f"SELECT {self.key} FROM {self.table} WHERE {self.of.sql()}"  # noqa: S608
        return f"{self.column} IN ({subquery})"


@dataclass(frozen=True, slots=True)
class InJsonList:
    """Rows whose JSON list `column` contains the person's user id."""

    column: str

    def sql(self) -> str:
        """The WHERE condition."""
        return f"EXISTS (SELECT 1 FROM json_each({self.column}) j WHERE j.value = :me)"  # noqa: S608


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Rows related in any of these ways."""

    relations: tuple["Of | Through | InJsonList", ...]

    def sql(self) -> str:
        """The WHERE condition."""
        return "(" + " OR ".join(relation.sql() for relation in self.relations) + ")"


Relation = Of | Through | InJsonList | AnyOf


# The bot's messages to the person, and the copies of their relayed messages to others (an
# outbox row's dedupe key is "contact:<message id>": bot/services/contact.py, relay).
_TO_OR_RELAYED_FROM = AnyOf(
    (
        Of(("chat_id",)),
        Through("dedupe_key", "contact_messages", "'contact:' || id", Of(("sender_id",))),
        # An advice case's card and the member's own entries, in the board group.
        Through("dedupe_key", "cases", "'case:' || id || ':card'", Of(("member_id",))),
        Through("dedupe_key", "case_entries", "'case-entry:' || id", Of(("author_id",))),
    )
)


def _of_entity(column: str) -> Through:
    """Rows of the entity the person acts for."""
    return Through(column, "members", "entity_id", Of(("user_id",)))


# -- what erasure does, after PrivacyRepo.erase's own steps ------------------------------------
# Every table's Blank steps run first, then every Delete, then every Pseudonymise: a blank may
# find its rows through another table before that table's rows are deleted or pseudonymised.
@dataclass(frozen=True, slots=True)
class Delete:
    """Delete these rows."""

    rows: Relation


@dataclass(frozen=True, slots=True)
class Blank:
    """Set these columns (to '' or NULL, as the column allows) in these rows."""

    values: Mapping[str, str | None]
    rows: Relation


@dataclass(frozen=True, slots=True)
class Pseudonymise:
    """In the rows that stay, replace the person's id in every PERSON column by a pseudonym
    (one per erasure, never a real Telegram id), so nothing kept can be tied to them again."""


@dataclass(frozen=True, slots=True)
class Keep:
    """Leave the rows as they are, and why."""

    reason: str


Step = Delete | Blank | Pseudonymise | Keep


@dataclass(frozen=True, slots=True)
class PersonalTable:
    """One table that holds a person's or their entity's data."""

    name: str
    rows: Relation
    columns: Mapping[str, Column]
    erase: tuple[Step, ...]
    section: str = ""  # its key in the copy; the table's name when empty
    order_by: str = "rowid"
    single: bool = False  # at most one row per person: an object (or null), not a list

    @property
    def key(self) -> str:
        """The copy's key for this table."""
        return self.section or self.name


PERSONAL_TABLES: tuple[PersonalTable, ...] = (
    PersonalTable(
        name="members",
        section="member",
        single=True,
        rows=Of(("user_id",)),
        columns={
            "user_id": Kind.INT,
            "entity_id": Kind.INT,
            "role": Kind.TEXT,
            "first_name": Kind.TEXT,
            "username": Kind.TEXT,
            "locale": Kind.TEXT,
            "consent_version": Kind.TEXT,
            "consent_at": Kind.TIME,
            "joined_at": Kind.TIME,
            "unreachable_at": Kind.TIME,
            "match_alerts_paused": Kind.BOOL,
            "returned_at": Kind.TIME,
        },
        erase=(Delete(Of(("user_id",))),),
    ),
    PersonalTable(
        # The entity one acts for, and any application one made (a rejected one included).
        name="entities",
        rows=AnyOf((_of_entity("id"), Of(("applied_by",)))),
        columns={
            "id": Kind.INT,
            "name": Kind.TEXT,
            "kind": Kind.TEXT,
            "sectors": Kind.JSON,
            "municipality": Kind.TEXT,
            "description": Kind.TEXT,
            "offer_text": Kind.TEXT,
            "need_text": Kind.TEXT,
            "email": Kind.TEXT,
            "phone": Kind.TEXT,
            "website": Kind.TEXT,
            "listed": Kind.BOOL,
            "status": Kind.TEXT,
            "applied_by": Kind.PERSON,
            "applied_at": Kind.TIME,
            "decided_by": _BOARD_MEMBER,
            "decided_by_name": _BOARD_MEMBER,
            "decided_at": Kind.TIME,
            "reject_reason": Kind.TEXT,
            "place_outside": Kind.TEXT,
            "profile_version": _INTERNAL,
        },
        # Before: the last member's leaving blanks the contact details and unlists it.
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        name="invites",
        rows=Of(("created_by", "used_by")),
        columns={
            "token": Withheld("the one-time link's secret"),
            "entity_id": Kind.INT,
            "created_by": Kind.PERSON,
            "created_at": Kind.TIME,
            "expires_at": Kind.TIME,
            "used_by": Kind.PERSON,
            "used_at": Kind.TIME,
        },
        # Before: the person's unused invites expire.
        erase=(Pseudonymise(),),
        order_by="created_at",
    ),
    PersonalTable(
        # The link of one's organisation as the board imported it from its member list.
        name="entity_imports",
        rows=AnyOf((Of(("claimed_by",)), _of_entity("entity_id"))),
        columns={
            "token": Withheld("the one-time link's secret"),
            "entity_id": Kind.INT,
            "imported_by": _BOARD_MEMBER,
            "imported_at": Kind.TIME,
            "expires_at": Kind.TIME,
            "claimed_by": Kind.PERSON,
            "claimed_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),
        order_by="imported_at",
    ),
    PersonalTable(
        name="posts",
        rows=Of(("author_id",)),
        columns={
            "id": Kind.INT,
            "kind": Kind.TEXT,
            "author_id": Kind.PERSON,
            "entity_id": Kind.INT,
            "sector": Kind.TEXT,
            "title": Kind.TEXT,
            "description": Kind.TEXT,
            "place_kind": Kind.TEXT,
            "place_key": Kind.TEXT,
            "comarca": Kind.TEXT,
            "needed_by": Kind.DATE,
            "urgent": Kind.BOOL,
            "conditions": Kind.TEXT,
            "member_discount": Kind.TEXT,
            "file_id": Withheld("Telegram's handle of the attachment; file_kind says there is one"),
            "file_kind": Kind.TEXT,
            "expiry_days": Kind.INT,
            "status": Kind.TEXT,
            "close_reason": Kind.TEXT,
            "status_reason": Kind.TEXT,
            "decided_by": _BOARD_MEMBER,
            "decided_at": Kind.TIME,
            "created_at": Kind.TIME,
            "updated_at": Kind.TIME,
            "published_at": Kind.TIME,
            "expires_at": Kind.TIME,
            "search_terms": Withheld("search words the bot folds from the title and description"),
        },
        # Before: live posts are closed as withdrawn; they stay as the entity's record.
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        # Conversations about a post: each side's sharing of contact details is here.
        name="contact_threads",
        rows=Of(("asker_id", "author_id")),
        columns={
            "id": Kind.INT,
            "post_id": Kind.INT,
            "asker_id": Kind.PERSON,
            "author_id": Kind.PERSON,
            "created_at": Kind.TIME,
            "asker_shared_at": Kind.TIME,
            "author_shared_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        # What one wrote and what one received, in one's own threads.
        name="contact_messages",
        rows=Through("thread_id", "contact_threads", "id", Of(("asker_id", "author_id"))),
        columns={
            "id": Kind.INT,
            "thread_id": Kind.INT,
            "sender_id": Kind.PERSON,
            "text": Kind.TEXT,
            "sent_at": Kind.TIME,
        },
        # The other side's messages are theirs: only one's own text is erased.
        erase=(Blank({"text": ""}, Of(("sender_id",))), Pseudonymise()),
        order_by="id",
    ),
    PersonalTable(
        # Blocks one made, and blocks of one's organisation (whoever made them stays "another
        # member"; a block covers an organisation, so that is what the copy names).
        name="entity_blocks",
        rows=AnyOf((Of(("blocker_id",)), _of_entity("entity_id"))),
        columns={
            "blocker_id": Kind.PERSON,
            "entity_id": Kind.ENTITY,
            "post_id": Kind.INT,
            "created_at": Kind.TIME,
        },
        erase=(Delete(Of(("blocker_id",))), Pseudonymise()),
        order_by="created_at, entity_id",
    ),
    PersonalTable(
        # Reports one made. Reports of one's messages stay with the board: only the other side
        # of the thread can report, so showing them would say who did.
        name="contact_reports",
        rows=Of(("reporter_id",)),
        columns={
            "message_id": Kind.INT,
            "reporter_id": Kind.PERSON,
            "reported_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),
        order_by="reported_at",
    ),
    PersonalTable(
        name="collaborations",
        rows=AnyOf(
            (_of_entity("entity_id"), _of_entity("partner_entity_id"), Of(("recorded_by",)))
        ),
        columns={
            "id": Kind.INT,
            "post_id": Kind.INT,
            "entity_id": Kind.ENTITY,
            "partner_entity_id": Kind.ENTITY,
            "recorded_by": Kind.PERSON,
            "recorded_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        # The pairs one's posts were proposed in; match_sides has one's own answers.
        name="match_pairs",
        rows=Through("id", "match_sides", "pair_id", Of(("user_id",))),
        columns={
            "id": Kind.INT,
            "pair_key": _INTERNAL,
            "need_post_id": Kind.INT,
            "offer_post_id": Kind.INT,
            "score": Withheld("the matching engine's internal ranking"),
            "relevance": Withheld("the matching engine's internal ranking"),
            "tier": Kind.TEXT,  # whether it was pushed to you or you took it from a list
            "alert_score": Withheld("the matching engine's setting at the time"),
            "shared_terms": Kind.JSON,
            "same_municipality": Kind.BOOL,
            "same_comarca": Kind.BOOL,
            "status": _DOUBLE_OPT_IN,
            "proposed_at": Kind.TIME,
            "introduced_at": Kind.TIME,  # both sides are told
            "ended_at": _DOUBLE_OPT_IN,
        },
        erase=(Keep("it names nobody: once the sides are pseudonymised, nothing ties it to you"),),
        order_by="id",
    ),
    PersonalTable(
        # One's own side of each pair only: the other side's answer is theirs.
        name="match_sides",
        rows=Of(("user_id",)),
        columns={
            "pair_id": Kind.INT,
            "side": Kind.TEXT,
            "user_id": Kind.PERSON,
            "entity_id": Kind.INT,
            "post_id": Kind.INT,
            "answer": Kind.TEXT,
            "answered_at": Kind.TIME,
            "followup_due_at": Kind.TIME,
            "followup_round": Kind.INT,
            "outcome_round": Kind.INT,
            "outcome": Kind.TEXT,
            "outcome_at": Kind.TIME,
            "name_notice": Kind.BOOL,
        },
        erase=(Pseudonymise(),),
        order_by="pair_id",
    ),
    PersonalTable(
        # The fees of the entity one acts for, year by year.
        name="fees",
        rows=_of_entity("entity_id"),
        columns={
            "entity_id": Kind.ENTITY,
            "year": Kind.INT,
            "amount_cents": Kind.INT,
            "due_on": Kind.DATE,
            "grace_days": Kind.INT,
            "opened_at": Kind.TIME,
            "settled_at": Kind.TIME,
            "exempt_reason": Kind.TEXT,
            "exempted_by": _BOARD_MEMBER,
            "exempted_by_name": _BOARD_MEMBER,
            "exempted_at": Kind.TIME,
        },
        erase=(Keep(_ACCOUNTS),),
        order_by="year",
    ),
    PersonalTable(
        # Fees and contributions the entity one acts for paid (subsidies are nobody's).
        name="income",
        rows=_of_entity("entity_id"),
        columns={
            "id": Kind.INT,
            "kind": Kind.TEXT,
            "entity_id": Kind.ENTITY,
            "year": Kind.INT,
            "amount_cents": Kind.INT,
            "received_on": Kind.DATE,
            "method": Kind.TEXT,
            "reference": Kind.TEXT,
            "source": Kind.TEXT,
            "note": Kind.TEXT,
            "receipt_year": Kind.INT,
            "receipt_number": Kind.INT,
            "recorded_by": _BOARD_MEMBER,
            "recorded_by_name": _BOARD_MEMBER,
            "recorded_at": Kind.TIME,
        },
        erase=(Keep(_ACCOUNTS),),
        order_by="id",
    ),
    PersonalTable(
        # "I've paid" one pressed, with the reference one typed.
        name="fee_claims",
        rows=Of(("user_id",)),
        columns={
            "id": Kind.INT,
            "entity_id": Kind.ENTITY,
            "year": Kind.INT,
            "user_id": Kind.PERSON,
            "amount_cents": Kind.INT,
            "reference": Kind.TEXT,
            "claimed_at": Kind.TIME,
            "status": Kind.TEXT,
            "decided_by": _BOARD_MEMBER,
            "decided_by_name": _BOARD_MEMBER,
            "decided_at": Kind.TIME,
            "income_id": Kind.INT,
        },
        # A confirmed claim's payment stays in the accounts (income); the claim forgets who.
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        # The bot's messages to the person: sent, waiting, or given up on.
        name="outbox",
        section="messages_from_the_bot",
        rows=Of(("chat_id",)),
        columns={
            "id": _INTERNAL,
            "dedupe_key": _INTERNAL,
            "chat_id": Kind.PERSON,
            "locale": Kind.TEXT,
            "message_key": Kind.TEXT,
            "params": Kind.JSON,
            "keyboard": Withheld("the buttons' internal data"),
            "category": Kind.TEXT,
            "batch": _INTERNAL,
            "not_before": _INTERNAL,
            "status": Kind.TEXT,
            "attempts": _INTERNAL,
            "last_error": _INTERNAL,
            "sent_message_id": _INTERNAL,
            "created_at": Kind.TIME,
            "updated_at": Kind.TIME,
            "expires_at": _INTERNAL,
            "media": Withheld("Telegram's handle of a file sent with a message"),
            "attachment": Withheld("names the file sent with the message (made from data above)"),
        },
        # Before: queued messages to the person, and queued relays of theirs, are cancelled.
        erase=(
            Blank({"params": "{}", "keyboard": None, "media": None}, _TO_OR_RELAYED_FROM),
            Pseudonymise(),
        ),
        order_by="id",
    ),
    PersonalTable(
        # Advice, funding help and courses one asked the board for (issue 12).
        name="cases",
        rows=Of(("member_id",)),
        columns={
            "id": Kind.INT,
            "member_id": Kind.PERSON,
            "entity_id": Kind.ENTITY,
            "type": Kind.TEXT,
            "description": Kind.TEXT,
            "contact": Kind.TEXT,
            "status": Kind.TEXT,
            "holder_id": _BOARD_MEMBER,
            "holder_name": _BOARD_MEMBER,
            "created_at": Kind.TIME,
            "updated_at": Kind.TIME,
            "unanswered_since": Kind.TIME,
            "closed_at": Kind.TIME,
            "rating": Kind.INT,
            "rated_at": Kind.TIME,
            "erased": Kind.BOOL,
        },
        # Before: live cases are closed and the board is told (bot/services/privacy.py).
        erase=(Blank({"description": "", "erased": "1"}, Of(("member_id",))), Pseudonymise()),
        order_by="id",
    ),
    PersonalTable(
        # The threads of one's cases: one's files and answers, and the board's answers.
        name="case_entries",
        rows=Through("case_id", "cases", "id", Of(("member_id",))),
        columns={
            "id": Kind.INT,
            "case_id": Kind.INT,
            "side": Kind.TEXT,
            "author_id": Kind.PERSON,
            "author_name": Kind.TEXT,
            "text": Kind.TEXT,
            "file_id": Withheld("Telegram's handle of the file; file_kind says there is one"),
            "file_kind": Kind.TEXT,
            "file_as_photo": Kind.BOOL,
            "file_name": Kind.TEXT,
            "at": Kind.TIME,
        },
        # The whole thread is about one's request: every text is blanked, no file is sent again.
        erase=(
            Blank(
                {"text": "", "file_id": None, "file_name": None},
                Through("case_id", "cases", "id", Of(("member_id",))),
            ),
            Pseudonymise(),
        ),
        order_by="id",
    ),
    PersonalTable(
        # What one did as a board member, and one's own erasure.
        name="audit_log",
        rows=Of(("actor_id",)),
        columns={
            "id": Kind.INT,
            "at": Kind.TIME,
            "actor_id": Kind.PERSON,
            "actor_name": Kind.TEXT,
            "action": Kind.TEXT,
            "subject": Kind.TEXT,
            "details": Withheld("may name the members a board decision was about"),
        },
        erase=(Keep("the board's record of its decisions; the privacy notice says it is kept"),),
        order_by="id",
    ),
    PersonalTable(
        # Announcements one wrote or confirmed as a board member.
        name="announcements",
        rows=Of(("created_by", "confirmed_by")),
        columns={
            "id": Kind.INT,
            "text_html": Kind.TEXT,
            "audience": Kind.JSON,
            "status": Kind.TEXT,
            "board_chat_id": _INTERNAL,
            "progress_message_id": _INTERNAL,
            "created_by": Kind.PERSON,
            "created_by_name": Withheld("names the board member who wrote it; created_by says"),
            "created_at": Kind.TIME,
            "confirmed_by": Kind.PERSON,
            "confirmed_at": Kind.TIME,
            "reported_at": Kind.TIME,
            "total": Kind.INT,
            "sent": Kind.INT,
            "failed": Kind.INT,
            "ambiguous": Kind.INT,
            "cancelled": Kind.INT,
        },
        erase=(Keep("the board's record of what it announced"),),
        order_by="id",
    ),
    PersonalTable(
        # Summits one wrote as a board member, and events one proposed for one's entity.
        name="summits",
        rows=Of(("created_by",)),
        columns={
            "id": Kind.INT,
            "status": Kind.TEXT,
            "title_es": Kind.TEXT,
            "title_en": Kind.TEXT,
            "description_es": Kind.TEXT,
            "description_en": Kind.TEXT,
            "starts_at": Kind.TIME,
            "ends_at": Kind.TIME,
            "place": Kind.TEXT,
            "map_url": Kind.TEXT,
            "online_url": Kind.TEXT,
            "capacity": Kind.INT,
            "rsvp_deadline": Kind.TIME,
            "sequence": _INTERNAL,
            "organiser_entity_id": Kind.ENTITY,
            "audience": Kind.JSON,
            "reject_reason": Kind.TEXT,
            "decided_by": _BOARD_MEMBER,
            "created_by": Kind.PERSON,
            "created_at": Kind.TIME,
            "updated_at": Kind.TIME,
            "published_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),
        order_by="id",
    ),
    PersonalTable(
        # One's answers to summits, and whether one came.
        name="summit_rsvps",
        rows=Of(("user_id",)),
        columns={
            "summit_id": Kind.INT,
            "user_id": _ROW_KEY,
            "state": Kind.TEXT,
            "answered_at": Kind.TIME,
            "attended": Kind.BOOL,
        },
        erase=(Delete(Of(("user_id",))),),
        order_by="summit_id",
    ),
    PersonalTable(
        # Files and links one shared with a summit's attendees as a board member.
        name="summit_materials",
        rows=Of(("added_by",)),
        columns={
            "id": Kind.INT,
            "summit_id": Kind.INT,
            "kind": Kind.TEXT,
            "file_id": _INTERNAL,
            "file_name": Kind.TEXT,
            "text": Kind.TEXT,
            "added_by": Kind.PERSON,
            "added_at": Kind.TIME,
        },
        erase=(Pseudonymise(),),  # what the board shared stays, no longer tied to them
        order_by="id",
    ),
    PersonalTable(
        # One's feedback on summits one came to.
        name="summit_feedback",
        rows=Of(("user_id",)),
        columns={
            "summit_id": Kind.INT,
            "user_id": _ROW_KEY,
            "score": Kind.INT,
            "comment": Kind.TEXT,
            "answered_at": Kind.TIME,
        },
        erase=(Delete(Of(("user_id",))),),
        order_by="summit_id",
    ),
    PersonalTable(
        # Flows in progress (an application, a post, a typed answer being waited for).
        name="ptb_user_data",
        section=CONVERSATION_STATE,
        single=True,
        rows=Of(("user_id",)),
        columns={"user_id": _ROW_KEY, "data": Kind.JSON},
        erase=(Delete(Of(("user_id",))),),
    ),
    PersonalTable(
        # A private chat's id is its person's user id.
        name="ptb_chat_data",
        section="chat_state",
        single=True,
        rows=Of(("chat_id",)),
        columns={"chat_id": _ROW_KEY, "data": Kind.JSON},
        erase=(Delete(Of(("chat_id",))),),
    ),
    PersonalTable(
        name="ptb_conversations",
        section="conversation_steps",
        rows=InJsonList("conv_key"),
        columns={
            "name": Kind.TEXT,
            "conv_key": Withheld("the chat's and your ids: the row's key"),
            "state": Kind.JSON,
        },
        erase=(Delete(InJsonList("conv_key")),),
    ),
)

_FTS = "the full-text index of posts' search words, rebuilt from posts"
NO_PERSONAL_DATA: Mapping[str, str] = {
    "match_rescans": "when the daily rescan ran, and how many posts and proposals it counted",
    "ptb_bot_data": "PTB's bot-wide data: nothing about any one person is kept there",
    "posts_fts": _FTS,
    # FTS5's own tables behind posts_fts.
    "posts_fts_data": _FTS,
    "posts_fts_idx": _FTS,
    "posts_fts_docsize": _FTS,
    "posts_fts_config": _FTS,
}
