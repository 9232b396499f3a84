"""The messages summits send through the outbox, each in its recipient's language."""

from bot.buttons.summits import Rsvp, SummitCalendar
from bot.domain.outbox import Button, Rendered
from bot.domain.summits import Answer, RsvpState, Summit, summit_ics
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.views.summits import card_html, when_text

__all__ = ["answer_buttons", "cancelled_notice", "card_notice", "promoted_notice"]

_ANSWER_KEYS = {
    Answer.GOING: N_("summits.button.going"),
    Answer.MAYBE: N_("summits.button.maybe"),
    Answer.NOT_GOING: N_("summits.button.not_going"),
}


def answer_buttons(summit_id: int) -> list[list[Button]]:
    """Going / Maybe / Not going, and Add to calendar."""
    return [
        [
            Button(key=key, callback_data=Rsvp(summit_id=summit_id, answer=answer).pack())
            for answer, key in _ANSWER_KEYS.items()
        ],
        [
            Button(
                key=N_("summits.button.calendar"),
                callback_data=SummitCalendar(summit_id=summit_id).pack(),
            )
        ],
    ]


def card_notice(
    runtime: Runtime,
    key: str,
    summit: Summit,
    locale: str,
    *,
    state: RsvpState | None = None,
    with_ics: bool = False,
    **params: object,
) -> Rendered:
    """A message whose text holds the summit's card (key takes {card_html}), with buttons.

    with_ics: the summit's current .ics goes with it, and the card leaves out the
    description so that the text fits a file's caption.
    """
    t = runtime.catalogs.translator(locale)
    card = card_html(summit, t, runtime.settings.tz, state=state, description=not with_ics)
    return Rendered(
        key=key,
        params={"card_html": card, **params},
        keyboard=answer_buttons(summit.id),
        attachment=summit_ics(summit.id) if with_ics else None,
    )


def promoted_notice(runtime: Runtime, summit: Summit, locale: str) -> Rendered:
    """A place freed up: the first one waiting is going now, and can still decline."""
    return card_notice(
        runtime, N_("summits.notice.promoted"), summit, locale, state=RsvpState.GOING
    )


def cancelled_notice(runtime: Runtime, summit: Summit, locale: str) -> Rendered:
    """The summit is cancelled; the button gives the cancelling .ics."""
    return Rendered(
        key=N_("summits.notice.cancelled"),
        params={
            "title": summit.title(locale),
            "when": when_text(summit, locale, runtime.settings.tz),
        },
        keyboard=[
            [
                Button(
                    key=N_("summits.button.remove_calendar"),
                    callback_data=SummitCalendar(summit_id=summit.id).pack(),
                )
            ]
        ],
        attachment=summit_ics(summit.id),  # a cancelling .ics (METHOD:CANCEL)
    )
