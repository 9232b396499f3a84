"""Every command, defined once: used for /help, /board and the setMyCommands menus."""

from dataclasses import dataclass
from enum import StrEnum

from bot.i18n import N_

__all__ = ["BOARD_COMMANDS", "MEMBER_COMMANDS", "Audience", "Command"]


class Audience(StrEnum):
    """Where a command is offered."""

    PRIVATE = "private"  # members and applicants, in their private chat with the bot
    BOARD = "board"  # board members, in the board group


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command and the catalog key of its one-line description."""

    name: str
    description_key: str
    audience: Audience


MEMBER_COMMANDS: tuple[Command, ...] = (
    Command("start", N_("command.start"), Audience.PRIVATE),
    Command("menu", N_("command.menu"), Audience.PRIVATE),
    Command("post", N_("command.post"), Audience.PRIVATE),
    Command("needs", N_("command.needs"), Audience.PRIVATE),
    Command("offers", N_("command.offers"), Audience.PRIVATE),
    Command("search", N_("command.search"), Audience.PRIVATE),
    Command("myposts", N_("command.myposts"), Audience.PRIVATE),
    Command("advice", N_("command.advice"), Audience.PRIVATE),
    Command("requests", N_("command.requests"), Audience.PRIVATE),
    Command("profile", N_("command.profile"), Audience.PRIVATE),
    Command("summits", N_("command.summits"), Audience.PRIVATE),
    Command("invite", N_("command.invite"), Audience.PRIVATE),
    Command("settings", N_("command.settings"), Audience.PRIVATE),
    Command("fees", N_("command.myfees"), Audience.PRIVATE),
    Command("language", N_("command.language"), Audience.PRIVATE),
    Command("mydata", N_("command.mydata"), Audience.PRIVATE),
    Command("forgetme", N_("command.forgetme"), Audience.PRIVATE),
    Command("help", N_("command.help"), Audience.PRIVATE),
    Command("cancel", N_("command.cancel"), Audience.PRIVATE),
)

BOARD_COMMANDS: tuple[Command, ...] = (
    Command("board", N_("command.board"), Audience.BOARD),
    Command("pending", N_("command.pending"), Audience.BOARD),
    Command("members", N_("command.members"), Audience.BOARD),
    Command("posts", N_("command.posts"), Audience.BOARD),
    Command("announce", N_("command.announce"), Audience.BOARD),
    Command("matches", N_("command.matches"), Audience.BOARD),
    Command("fees", N_("command.fees"), Audience.BOARD),
    Command("paid", N_("command.paid"), Audience.BOARD),
    Command("fees_remind", N_("command.fees_remind"), Audience.BOARD),
    Command("exempt", N_("command.exempt"), Audience.BOARD),
    Command("contribution", N_("command.contribution"), Audience.BOARD),
    Command("subsidy", N_("command.subsidy"), Audience.BOARD),
    Command("income", N_("command.income"), Audience.BOARD),
    Command("fees_csv", N_("command.fees_csv"), Audience.BOARD),
    Command("cases", N_("command.cases"), Audience.BOARD),
    Command("case", N_("command.case"), Audience.BOARD),
    Command("summit", N_("command.summit"), Audience.BOARD),
    Command("summits", N_("command.board_summits"), Audience.BOARD),
    Command("member", N_("command.member"), Audience.BOARD),
    Command("chatid", N_("command.chatid"), Audience.BOARD),
    Command("cancel", N_("command.cancel"), Audience.BOARD),  # leaves a rejection's reason
)
