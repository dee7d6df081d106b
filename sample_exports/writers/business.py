"""The roster CSV, the HubSpot-style CRM CSVs and the introductions log."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import numpy as np

from ..business import PARTNER_AGENCY, Business, Deal, Person
from ..formats import DAY, csv_text, epoch_seconds, minute_datetime
from ..roster import Creator
from ..scales import Window
from ..sink import ExportSink

ROSTER_HEADER = (
    "creator_id", "display_name", "niche", "x_handle", "instagram_handle", "facebook_handle",
    "tiktok_handle", "youtube_handle", "youtube_channel_id", "linkedin_handle",
    "linkedin_profile_url", "referral_code", "utm_source",
)  # fmt: skip
CONTACTS_HEADER = (
    "Record ID", "First Name", "Last Name", "Email", "Company Name", "Create Date",
    "Lifecycle Stage", "Original Source", "Original Source Drill-Down 1",
    "Original Source Drill-Down 2", "Latest Source", "Latest Source Date", "Referral Code",
    "How did you hear about us?",
)  # fmt: skip
DEALS_HEADER = (
    "Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Create Date", "Close Date",
    "Associated Contact IDs", "Associated Company", "Original Source",
    "Original Source Drill-Down 1",
)  # fmt: skip
PARTNERS_HEADER = ("name", "email", "profile_url", "consent_to_be_named")
# Of the partner agencies' introducers in the log (by e-mail), the first ones consent to be
# named and the next ones do not; the rest are not declared at all.
CONSENTING_PARTNERS, NON_CONSENTING_PARTNERS = 2, 2
INTRODUCTIONS_HEADER = (
    "Intro ID", "Date", "Introducer", "Introducer Email", "Introduced Person",
    "Introduced Person Email", "Introduced To", "Introduced To Email", "Company", "Note",
)  # fmt: skip


def write_roster(sink: ExportSink, creators: list[Creator]) -> None:
    rows = [
        (
            c.creator_id, c.display_name, c.niche, c.handles.get("x", ""),
            c.handles.get("instagram", ""), c.handles.get("facebook", ""),
            c.handles.get("tiktok", ""), c.handles.get("youtube", ""), c.youtube_channel_id,
            c.handles.get("linkedin", ""), c.linkedin_profile_url, c.referral_code, c.utm_source,
        )
        for c in creators
    ]  # fmt: skip
    sink.write("roster/creators.csv", csv_text(ROSTER_HEADER, rows, False))
    sink.count_rows("roster_creators", len(rows))


def _lifecycle(deals: list[Deal], fallback: str) -> str:
    if any(d.won for d in deals):
        return "Customer"
    if any(d.close_ts is None for d in deals):
        return "Opportunity"
    return fallback


def write_crm(
    sink: ExportSink, business: Business, window: Window, rng: np.random.Generator
) -> None:
    last_minute = window.cutoff_ts - 60
    draws = rng.random(len(business.contacts)).tolist()
    stages = ("Subscriber", "Lead", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead")
    rows = []
    for contact, draw in zip(business.contacts, draws, strict=True):
        person = contact.person
        latest_ts = contact.created_ts + int(draw * 40) * 86_400
        latest_source = contact.source if draw < 0.7 else "Email Marketing"
        rows.append(
            (
                contact.record_id, person.first, person.last, person.email, person.company,
                minute_datetime(contact.created_ts),
                _lifecycle(contact.deals, stages[int(draw * len(stages))]),
                contact.source, contact.drill_1, contact.drill_2, latest_source,
                minute_datetime(min(latest_ts, last_minute)),
                contact.referral_code, contact.heard,
            )
        )  # fmt: skip
    _save(
        sink,
        "crm/contacts.csv",
        CONTACTS_HEADER,
        rows,
        lambda: (c.created_ts for c in business.contacts),
    )
    sink.count_rows("crm_contacts", len(rows))

    rows = []
    for deal in business.deals:
        primary = deal.contacts[0]
        rows.append(
            (
                deal.record_id, f"{primary.person.company} - {deal.product}", deal.stage,
                "Sales Pipeline", deal.amount, minute_datetime(deal.created_ts),
                minute_datetime(deal.close_ts) if deal.close_ts is not None else "",
                ";".join(c.record_id for c in deal.contacts), primary.person.company,
                primary.source, primary.drill_1,
            )
        )  # fmt: skip
    _save(sink, "crm/deals.csv", DEALS_HEADER, rows, lambda: (d.created_ts for d in business.deals))
    sink.count_rows("crm_deals", len(rows))


def write_introductions(sink: ExportSink, business: Business, window: Window) -> None:
    rows = [
        (
            intro.intro_id, window.day(intro.day).isoformat(), intro.introducer.name,
            intro.introducer.email, intro.introduced.name, intro.introduced.email,
            intro.introduced_to.name, intro.introduced_to.email, intro.introduced.company,
            intro.note,
        )
        for intro in business.introductions
    ]  # fmt: skip
    _save(
        sink,
        "introductions/introductions_log.csv",
        INTRODUCTIONS_HEADER,
        rows,
        lambda: (window.start_ts + intro.day * DAY for intro in business.introductions),
    )
    sink.count_rows("introductions_log", len(rows))


def declared_partners(business: Business) -> list[tuple[Person, bool]]:
    """The partners the sample's team declares, with their consent to be named: agency
    introducers of the log (not creators), deterministic by e-mail."""
    agency = {
        intro.introducer.email: intro.introducer
        for intro in business.introductions
        if intro.introducer.creator_id is None and intro.introducer.company == PARTNER_AGENCY
    }
    people = [agency[email] for email in sorted(agency)]
    consenting = people[:CONSENTING_PARTNERS]
    declined = people[CONSENTING_PARTNERS : CONSENTING_PARTNERS + NON_CONSENTING_PARTNERS]
    return [(person, True) for person in consenting] + [(person, False) for person in declined]


def write_partners(sink: ExportSink, business: Business) -> list[dict[str, object]]:
    """`roster/partners.csv`; returns the declared partners for the ground truth. Every other
    partner is listed by e-mail and profile URL, the others by e-mail only."""
    partners = declared_partners(business)
    rows = [
        (
            person.name,
            person.email,
            person.linkedin_url if serial % 2 else "",
            "yes" if consents else "no",
        )
        for serial, (person, consents) in enumerate(partners)
    ]
    sink.write("roster/partners.csv", csv_text(PARTNERS_HEADER, rows, False))
    sink.count_rows("roster_partners", len(rows))
    return [
        {"name": person.name, "email": person.email, "consents_to_be_named": consents}
        for person, consents in partners
    ]


def _save(
    sink: ExportSink,
    path: str,
    header: tuple[str, ...],
    rows: list[tuple[object, ...]],
    created: Callable[[], Iterable[int]],
) -> None:
    """The CSV; with a hold-out, rows created on a held-out day go to a dated CSV instead.

    A record created earlier stays in the base as it is at the end (a closed deal is exported
    closed): the loaders key CRM rows by id and content, so an earlier version of a record
    would be a row that a full generation does not have.
    """
    kept, held = sink.split(rows, created)
    sink.write(path, csv_text(header, kept, False))
    if held:
        sink.write_delta(sink.dated(path), csv_text(header, held, False))


SPEND_HEADER = ("date", "channel", "person", "amount", "kind", "note")
# What the sample's team pays each month (the plant of the attribution report): a large fee to
# the broadcaster, a small one to the connector and to one ordinary creator, a retainer to the
# first consenting partner (by e-mail) and media spend on two paid channels.
MONTHLY_CREATOR_FEES = (("broadcaster", "4000.00"), ("connector", "600.00"), ("ordinary", "800.00"))
MONTHLY_PARTNER_RETAINER = "250.00"
MONTHLY_CHANNEL_SPEND = (("Paid Social", "1200.00"), ("Paid Search", "900.00"))


def write_spend(
    sink: ExportSink, business: Business, creators: list[Creator], window: Window
) -> list[dict[str, str]]:
    """`spend/spend.csv`, one payment per payee on the first day of every month of the window;
    returns the payments for the ground truth (payee: a creator id, an e-mail or a channel)."""
    by_archetype: dict[str, str] = {}
    for creator in creators:
        by_archetype.setdefault(creator.archetype, creator.creator_id)
    partner = next(person for person, consents in declared_partners(business) if consents)
    month = window.start_date.replace(day=1)
    firsts = []
    while month <= window.end_date:
        if month >= window.start_date:
            firsts.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    payments: list[dict[str, str]] = []
    for day in firsts:
        for archetype, amount in MONTHLY_CREATOR_FEES:
            payments.append(
                {"date": day.isoformat(), "channel": "", "person": by_archetype[archetype],
                 "amount": amount, "kind": "creator_fee", "note": f"{day:%B} fee"}
            )  # fmt: skip
        payments.append(
            {"date": day.isoformat(), "channel": "", "person": partner.email,
             "amount": MONTHLY_PARTNER_RETAINER, "kind": "connector_retainer",
             "note": f"{day:%B} retainer"}
        )  # fmt: skip
        for channel, amount in MONTHLY_CHANNEL_SPEND:
            payments.append(
                {"date": day.isoformat(), "channel": channel, "person": "", "amount": amount,
                 "kind": "media", "note": f"{day:%B} media"}
            )  # fmt: skip
    rows = [tuple(payment[column] for column in SPEND_HEADER) for payment in payments]
    _save(
        sink,
        "spend/spend.csv",
        SPEND_HEADER,
        rows,
        lambda: (epoch_seconds(date.fromisoformat(p["date"])) for p in payments),
    )
    sink.count_rows("spend", len(rows))
    return payments
