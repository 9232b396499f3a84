"""Buttons of fees: "I've paid", the board's answer, receipts, and the treasurer's shortcuts."""

from bot.callbacks import CallbackData

__all__ = [
    "ClaimPaid",
    "ConfirmClaim",
    "GetReceipt",
    "MyFees",
    "NotReceived",
    "SkipReference",
]


class MyFees(CallbackData, feature="fees", action="mine"):
    """A member's fees: status, history, how to pay, receipts."""


class ClaimPaid(CallbackData, feature="fees", action="claim"):
    """A member says their entity paid a year's fee."""

    year: int


class SkipReference(CallbackData, feature="fees", action="noref"):
    """Send the "I've paid" without a bank reference."""

    year: int


class ConfirmClaim(CallbackData, feature="fees", action="confirm"):
    """Board: the money of a claim arrived; record it."""

    claim_id: int


class NotReceived(CallbackData, feature="fees", action="missing"):
    """Board: the money of a claim has not arrived."""

    claim_id: int


class GetReceipt(CallbackData, feature="fees", action="receipt"):
    """The PDF receipt of one payment or contribution."""

    income_id: int
