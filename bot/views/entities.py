"""Render entities and the people acting for them as Telegram HTML, every user text escaped.

Shared by the board and onboarding: the application notice, /pending, /member and the
decision lines all use these, so an entity reads the same everywhere.
"""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.members import Entity, EntityProfile, EntityStatus, Member, MemberRole
from bot.domain.network import Network
from bot.domain.profile import phone_for_display
from bot.i18n import N_, Safe, Translator

__all__ = [
    "STATUS_KEYS",
    "applicant_line_html",
    "application_notice_html",
    "decision_line_html",
    "entity_line_html",
    "entity_profile_html",
    "entity_summary_html",
    "local_moment",
    "member_line_html",
    "place_label",
    "place_name",
    "role_label",
    "status_label",
]

STATUS_KEYS: dict[EntityStatus, str] = {
    EntityStatus.PENDING: N_("entity.status.pending"),
    EntityStatus.APPROVED: N_("entity.status.approved"),
    EntityStatus.REJECTED: N_("entity.status.rejected"),
    EntityStatus.SUSPENDED: N_("entity.status.suspended"),
}
# Keeps a profile well under Telegram's 4096 characters even with long texts.
_MEMBERS_SHOWN = 15


def local_moment(moment: datetime, tz: ZoneInfo, *, year: bool = False) -> str:
    """A moment in the network's time zone: '27/11 11:02' (or '27/11/2026 11:02')."""
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M" if year else "%d/%m %H:%M")


def status_label(t: Translator, status: EntityStatus) -> str:
    """The status with its emoji, in t's language."""
    return t(STATUS_KEYS[status])


def place_name(key: str, *, t: Translator, network: Network) -> str:
    """'León · Tierras de León (León y alfoz)': the municipality, then its comarca (plain text)."""
    place = network.municipality(key)
    if place is None:
        return key  # a key from an older network file: show it as stored
    comarca = network.comarca(place.comarca)
    # A middle dot, not parentheses: comarca names may carry their own.
    return f"{place.name} · {comarca.label.get(t.locale)}" if comarca else place.name


def place_label(entity: EntityProfile, *, t: Translator, network: Network) -> str:
    """The entity's place_name, or 'outside the province' when there is none (plain text)."""
    if entity.municipality is None:
        if entity.place_outside:
            # Safe: kept plain here, the caller escapes the whole label once.
            return t("entity.outside_province_named", name=Safe(entity.place_outside))
        return t("entity.outside_province")
    return place_name(entity.municipality, t=t, network=network)


def role_label(t: Translator, role: MemberRole, status: EntityStatus) -> str:
    """What a person is for the entity: its applicant until approved, then its owner."""
    if role is MemberRole.COLLEAGUE:
        return t("member.role.colleague")
    if status is EntityStatus.PENDING or status is EntityStatus.REJECTED:
        return t("member.role.owner")
    return t("member.role.responsible")


def _kind_label(entity: EntityProfile, t: Translator, network: Network) -> str:
    kind = network.kind(entity.kind)
    return kind.label.get(t.locale) if kind else entity.kind


def _sector_labels(entity: EntityProfile, t: Translator, network: Network) -> str:
    labels = []
    for key in entity.sectors:
        sector = network.sector(key)
        labels.append(sector.label.get(t.locale) if sector else key)
    return ", ".join(labels)


def entity_summary_html(entity: EntityProfile, *, t: Translator, network: Network) -> str:
    """Name, kind, sectors, place, description, offer, need and contact, one per line."""
    lines = [
        f"<b>{html.escape(entity.name, quote=False)}</b>",
        t("entity.field.kind", value=_kind_label(entity, t, network)),
        t("entity.field.sectors", value=_sector_labels(entity, t, network)),
        t("entity.field.place", value=place_label(entity, t=t, network=network)),
        t("entity.field.description", value=entity.description),
    ]
    if entity.offer_text:
        lines.append(t("entity.field.offer", value=entity.offer_text))
    if entity.need_text:
        lines.append(t("entity.field.need", value=entity.need_text))
    phone = phone_for_display(entity.phone) if entity.phone else None
    contact = " · ".join(c for c in (entity.email, phone, entity.website) if c)
    if contact:
        lines.append(t("entity.field.contact", value=contact))
    if not entity.listed:
        lines.append(t("entity.field.unlisted"))
    return "\n".join(lines)


def member_line_html(member: Member, *, entity: Entity, t: Translator, tz: ZoneInfo) -> str:
    """One Telegram user acting for an entity: name, @username, role, id, language, since."""
    line = t(
        "entity.member_line",
        name=member.first_name or "?",
        username=f"@{member.username}" if member.username else "—",
        role=role_label(t, member.role, entity.status),
        user_id=member.user_id,
        locale=member.locale or "—",
        since=local_moment(member.joined_at, tz, year=True),
    )
    if member.unreachable_at is not None:
        line += " " + t("entity.member_unreachable")
    return line


def applicant_line_html(
    member: Member | None, *, entity: Entity, t: Translator, tz: ZoneInfo
) -> str:
    """Who applied and when (the applicant may have left since)."""
    # A mention link lets the board open the applicant's chat straight from the card; one who
    # left (or erased their data, which leaves a pseudonym in applied_by) has no chat to open.
    name = html.escape(member.first_name if member and member.first_name else "?", quote=False)
    who = f'<a href="tg://user?id={entity.applied_by}">{name}</a>' if member is not None else name
    if member is not None and member.username:
        who += f" (@{html.escape(member.username, quote=False)})"
    return t(
        "entity.field.applied",
        who=Safe(who),
        when=local_moment(entity.applied_at, tz, year=True),
    )


def decision_line_html(entity: Entity, *, t: Translator, tz: ZoneInfo) -> str:
    """'✅ Approved by Ana (@ana) on 27/11 11:02', with the reason when rejected."""
    if entity.decided_at is None or entity.status == EntityStatus.PENDING:
        return status_label(t, entity.status)
    actor = entity.decided_by_name or str(entity.decided_by or "?")
    when = local_moment(entity.decided_at, tz)
    if entity.status == EntityStatus.REJECTED:
        return t(
            "board.decided_rejected", actor=actor, when=when, reason=entity.reject_reason or "—"
        )
    if entity.status == EntityStatus.APPROVED:
        return t("board.decided_approved", actor=actor, when=when)
    return t("board.decided_other", status=status_label(t, entity.status), actor=actor, when=when)


def entity_line_html(entity: Entity, *, members: int, t: Translator, network: Network) -> str:
    """One row of the members list: status, name, number, people and place."""
    return t(
        "board.members_line",
        status=status_label(t, entity.status),
        name=entity.name,
        entity_id=entity.id,
        members=members,
        place=place_label(entity, t=t, network=network),
    )


def entity_profile_html(
    entity: Entity,
    members: list[Member],
    *,
    t: Translator,
    network: Network,
    tz: ZoneInfo,
) -> str:
    """Everything the board knows about an entity, including who acts for it."""
    parts = [
        t("board.profile_header", entity_id=entity.id, status=status_label(t, entity.status)),
        entity_summary_html(entity, t=t, network=network),
        t("entity.field.applied_at", when=local_moment(entity.applied_at, tz, year=True)),
    ]
    if entity.status != EntityStatus.PENDING and entity.decided_at is not None:
        parts.append(decision_line_html(entity, t=t, tz=tz))
    parts.append(t("board.profile_members", count=len(members)))
    parts.extend(
        member_line_html(member, entity=entity, t=t, tz=tz) for member in members[:_MEMBERS_SHOWN]
    )
    if len(members) > _MEMBERS_SHOWN:
        parts.append(t("board.profile_more_members", count=len(members) - _MEMBERS_SHOWN))
    if not members:
        parts.append(t("board.profile_no_members"))
    return "\n".join(parts)


def application_notice_html(
    entity: Entity,
    applicant: Member | None,
    *,
    t: Translator,
    network: Network,
    tz: ZoneInfo,
) -> str:
    """The board's card for an application: title, summary and who applied."""
    return "\n".join(
        (
            t("board.application_title", entity_id=entity.id),
            entity_summary_html(entity, t=t, network=network),
            applicant_line_html(applicant, entity=entity, t=t, tz=tz),
        )
    )
