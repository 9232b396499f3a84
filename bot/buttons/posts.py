"""Buttons of needs and offers: composing, browsing, one's own posts, contact, moderation."""

from typing import Literal

from bot.callbacks import CallbackData
from bot.domain.posts import PostKind

__all__ = [
    "ApprovePost",
    "BlockSender",
    "BrowseByPlace",
    "BrowseBySector",
    "BrowseByTown",
    "BrowseComarca",
    "BrowseKind",
    "BrowseMenu",
    "BrowsePage",
    "BrowseSearch",
    "BrowseSector",
    "BrowseTown",
    "ClosePost",
    "ComposeCancel",
    "ComposeComarca",
    "ComposeExpiry",
    "ComposeKind",
    "ComposeNoFile",
    "ComposePlace",
    "ComposePublish",
    "ComposeSector",
    "ComposeSkip",
    "ComposeTown",
    "ComposeWhen",
    "ContactAuthor",
    "EditPost",
    "EditPostField",
    "ExtendPost",
    "FulfilledPost",
    "FulfilledSearchLegacy",
    "FulfilledWithLegacy",
    "MyPost",
    "MyPosts",
    "NewPost",
    "NoPartner",
    "OnPost",
    "PausePost",
    "PickPartner",
    "RejectPost",
    "RemovePost",
    "ReplyInThread",
    "ReportMessage",
    "ResumePost",
    "SendAgain",
    "ShareContact",
    "ViewPost",
    "WithdrawPost",
]


class OnPost(CallbackData):
    """A button about one post."""

    post_id: int


# Composing (a new post or an edit of one's own).
class NewPost(CallbackData, feature="post", action="new"):
    """Start writing a need or an offer."""


class ComposeKind(CallbackData, feature="pc", action="kind"):
    """Need or offer."""

    kind: PostKind


class ComposeSector(CallbackData, feature="pc", action="sector"):
    """The post's sector."""

    sector: str


class ComposePlace(CallbackData, feature="pc", action="place"):
    """Where: the entity's town, another town, a comarca, the province or online."""

    place: Literal["home", "town", "comarca", "province", "online"]


class ComposeTown(CallbackData, feature="pc", action="town"):
    """One of the towns suggested for a typed name."""

    municipality: str


class ComposeComarca(CallbackData, feature="pc", action="comarca"):
    """One comarca."""

    comarca: str


class ComposeWhen(CallbackData, feature="pc", action="when"):
    """A need's urgency: urgent, or no date."""

    when: Literal["urgent", "none"]


class ComposeSkip(CallbackData, feature="pc", action="skip"):
    """Skip an optional question."""


class ComposeNoFile(CallbackData, feature="pc", action="nofile"):
    """Remove the attachment."""


class ComposeExpiry(CallbackData, feature="pc", action="expiry"):
    """How many days the post stays up."""

    days: int


class ComposeCancel(CallbackData, feature="pc", action="cancel"):
    """Drop the draft."""


class ComposePublish(CallbackData, feature="pc", action="publish"):
    """Publish the previewed post (or save the edit)."""


class EditPostField(OnPost, feature="pc", action="edit"):
    """Change one answer of a published post."""

    field: str


# Browsing.
class BrowseMenu(CallbackData, feature="browse", action="menu"):
    """Needs, offers or search."""


class BrowseKind(CallbackData, feature="browse", action="kind"):
    """List needs or offers."""

    kind: PostKind


class BrowsePage(CallbackData, feature="browse", action="page"):
    """Another page of the listing."""

    page: int


class BrowseBySector(CallbackData, feature="browse", action="sector"):
    """Choose a sector to filter by."""


class BrowseSector(CallbackData, feature="browse", action="sec"):
    """Filter by a sector ("all" for any)."""

    sector: str


class BrowseByPlace(CallbackData, feature="browse", action="place"):
    """Choose a comarca to filter by."""


class BrowseComarca(CallbackData, feature="browse", action="com"):
    """Filter by a comarca ("all" for anywhere)."""

    comarca: str


class BrowseByTown(CallbackData, feature="browse", action="towns"):
    """Choose a town of the chosen comarca."""


class BrowseTown(CallbackData, feature="browse", action="muni"):
    """Filter by a town."""

    municipality: str


class BrowseSearch(CallbackData, feature="browse", action="ask"):
    """Ask for words to search."""


class ViewPost(OnPost, feature="browse", action="view"):
    """Someone else's post's card."""


class ContactAuthor(OnPost, feature="post", action="contact"):
    """Write to whoever published the post."""


# One's own posts.
class MyPosts(CallbackData, feature="mine", action="list"):
    """One's posts, at a page (the first when absent)."""

    page: int | None = None


class MyPost(OnPost, feature="mine", action="view"):
    """One's own post's card and actions."""


class EditPost(OnPost, feature="mine", action="edit"):
    """Choose what to change."""


class PausePost(OnPost, feature="mine", action="pause"):
    """Hide the post for now."""


class ResumePost(OnPost, feature="mine", action="resume"):
    """Show the paused post again."""


class ExtendPost(OnPost, feature="mine", action="extend"):
    """Ask how many days more (or add them, when days is given)."""

    days: int | None = None


class ClosePost(OnPost, feature="mine", action="close"):
    """Close: withdrawn or fulfilled."""


class WithdrawPost(OnPost, feature="mine", action="withdraw"):
    """Closed: no longer wanted."""


class FulfilledPost(OnPost, feature="mine", action="done"):
    """Closed: it worked out."""


class FulfilledWithLegacy(OnPost, feature="mine", action="with"):
    """The Yes button of chats from before a close happened at once."""


class FulfilledSearchLegacy(OnPost, feature="mine", action="psearch"):
    """The Search button of chats from before a close happened at once."""


class PickPartner(OnPost, feature="mine", action="partner"):
    """The member entity a fulfilled post was resolved with."""

    partner_id: int


class NoPartner(OnPost, feature="mine", action="nobody"):
    """Prefer not to say who it was."""


# Contact threads.
class ReplyInThread(CallbackData, feature="contact", action="reply"):
    """Write back in a contact thread."""

    thread_id: int


class ShareContact(CallbackData, feature="contact", action="share"):
    """Give the other side one's contact details."""

    thread_id: int


class BlockSender(CallbackData, feature="contact", action="block"):
    """Stop messages from that entity."""

    thread_id: int


class ReportMessage(CallbackData, feature="contact", action="report"):
    """Tell the board about a relayed message."""

    message_id: int


class SendAgain(CallbackData, feature="contact", action="again"):
    """Send the message held back by the per-minute limit."""


# The board's moderation.
class ApprovePost(OnPost, feature="pmod", action="approve"):
    """Publish a post waiting for review."""


class RejectPost(OnPost, feature="pmod", action="reject"):
    """Reject a post waiting for review, with a reason."""


class RemovePost(OnPost, feature="pmod", action="remove"):
    """Remove a published post, with a reason; from the /posts list, or from its card."""

    origin: Literal["list"] | None = None
