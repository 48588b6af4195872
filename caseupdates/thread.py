"""What passed between the police and the victim of one case, in time order: the updates
owed and how each went (texted and its delivery, a task to call, given by phone), the victim's
replies, the assistant's answers to them, and the officer's own messages.

A reply is not marked with a case when it arrives (the gateway stores it and hands it to the
assistant first, danger before anything); it belongs to the case whose update or officer's
message was the last one sent to that number or address before the reply came. So a victim of
two cases who replies to the second case's update is seen in the second case's thread only,
and nothing a victim sent before their first update appears.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from caseupdates.delivery import ABOUT_TYPE as UPDATE_ABOUT
from caseupdates.kinds import RIGHT_6, EventKind
from caseupdates.models import CaseUpdate, OfficerReply, VictimCase
from caseupdates.replies import ABOUT_TYPE as REPLY_ABOUT
from caseupdates.statuses import UpdateStatus
from messaging.models import InboundMessage, Message
from messaging.statuses import InboundStatus, Origin


class EntryKind(StrEnum):
    UPDATE = "update"  # an update owed for a decision, and what became of it
    PHONE = "phone"  # an officer recorded giving an update by phone
    VICTIM = "victim"  # the victim's reply (text or email)
    ASSISTANT = "assistant"  # the assistant's answer to the victim
    OFFICER = "officer"  # the officer's own message


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: EntryKind
    text: str
    status: str = ""  # the update's status, a message's delivery status, a reply's handling
    language: str = ""
    who: str = ""  # the officer's user name, for their messages and phone calls


def _update_entries(updates: Iterable[CaseUpdate]) -> list[Entry]:
    entries = []
    for update in updates:
        words = RIGHT_6[EventKind(update.event.kind)]
        message = update.message
        if message is not None:  # texted (a failed text becomes a task, the message stays)
            entries.append(Entry(at=message.created_at, kind=EntryKind.UPDATE,
                                 text=f"Update texted: {words}", status=message.status,
                                 language=message.language))
        else:
            entries.append(Entry(at=update.created_at, kind=EntryKind.UPDATE,
                                 text=f"Update owed: {words}", status=update.status,
                                 language=""))
        if update.status == UpdateStatus.GIVEN_BY_PHONE and update.given_at is not None:
            entries.append(Entry(at=update.given_at, kind=EntryKind.PHONE,
                                 text=f"Update given by phone: {words}",
                                 who=update.given_by.username if update.given_by else ""))
    return entries


def _owners(recipient_ids: set[int]) -> dict[int, tuple[list[datetime], list[int]]]:
    """Per recipient, the times of every case's updates and officer's messages sent to it, and
    the case each belongs to, oldest first."""
    sent = list(Message.objects.filter(recipient_id__in=recipient_ids,
                                       about_type__in=[UPDATE_ABOUT, REPLY_ABOUT])
                .values_list("recipient_id", "created_at", "about_type", "about_id"))
    update_ids = [int(about) for _, _, kind, about in sent if kind == UPDATE_ABOUT]
    reply_ids = [int(about) for _, _, kind, about in sent if kind == REPLY_ABOUT]
    case_of = {(UPDATE_ABOUT, str(pk)): case for pk, case in
               CaseUpdate.objects.filter(pk__in=update_ids).values_list("pk", "case_id")}
    case_of |= {(REPLY_ABOUT, str(pk)): case for pk, case in
                OfficerReply.objects.filter(pk__in=reply_ids).values_list("pk", "case_id")}
    owners: dict[int, tuple[list[datetime], list[int]]] = defaultdict(lambda: ([], []))
    for recipient_id, at, kind, about in sorted(sent, key=lambda row: (row[0], row[1])):
        case_id = case_of.get((kind, about))
        if case_id is not None:
            owners[recipient_id][0].append(at)
            owners[recipient_id][1].append(case_id)
    return owners


def _belongs(owners: dict[int, tuple[list[datetime], list[int]]], recipient_id: int | None,
             at: datetime, case_id: int) -> bool:
    if recipient_id is None or recipient_id not in owners:
        return False
    times, cases = owners[recipient_id]
    index = bisect.bisect_right(times, at) - 1
    return index >= 0 and cases[index] == case_id


def case_thread(*, case: VictimCase) -> list[Entry]:
    """The case's thread, oldest first."""
    updates = list(case.updates.select_related("event", "message", "given_by"))
    replies = list(case.officer_replies.select_related("message", "officer"))
    entries = _update_entries(updates)
    entries += [Entry(at=reply.created_at, kind=EntryKind.OFFICER, text=reply.body,
                      status=reply.message.status if reply.message else "",
                      language=reply.message.language if reply.message else "",
                      who=reply.officer.username if reply.officer else "")
                for reply in replies]
    sent = [update.message for update in updates] + [reply.message for reply in replies]
    recipient_ids = {message.recipient_id for message in sent if message is not None}
    if recipient_ids:
        owners = _owners(recipient_ids)
        first = min(times[0] for times, _ in owners.values())
        inbound = (InboundMessage.objects.filter(recipient_id__in=recipient_ids,
                                                 received_at__gte=first)
                   .exclude(status=InboundStatus.BOUNCE.value).select_related("recipient"))
        entries += [Entry(at=text.received_at, kind=EntryKind.VICTIM, text=text.body,
                          status=text.status, language=text.recipient.language
                          if text.recipient else "")
                    for text in inbound
                    if _belongs(owners, text.recipient_id, text.received_at, case.pk)]
        answers = Message.objects.filter(recipient_id__in=recipient_ids,
                                         origin=Origin.ASSISTANT.value, created_at__gte=first)
        entries += [Entry(at=answer.created_at, kind=EntryKind.ASSISTANT,
                          text=answer.body_text, status=answer.status, language=answer.language)
                    for answer in answers
                    if _belongs(owners, answer.recipient_id, answer.created_at, case.pk)]
    order = list(EntryKind)
    return sorted(entries, key=lambda entry: (entry.at, order.index(entry.kind)))
