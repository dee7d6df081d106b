"""The brand's side: its sales team, the introductions log and the HubSpot-style CRM.

Plants: the connector's introductions turning into won deals months later (self-reported in
"How did you hear about us?" in varied spellings), one self-reported connector mention that
is not in the log, one introduction chain (connector -> B, B -> C, C's deal won), and a
broadcaster whose UTM source and referral code bring many contacts but almost no revenue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .formats import DAY
from .people import ascii_slug
from .roster import Creator
from .scales import Scale, Window
from .vocab import (
    AUDIENCE_FIRST_NAMES,
    COMPANY_FIRST,
    COMPANY_SUFFIX,
    CRM_HEARD_GENERIC,
    PARTNER_NAMES,
    PROSPECT_LAST_NAMES,
    TEAM_NAMES,
)

BRAND_DOMAIN = "lumenoak.com"
COMPANY_REGIONS = ("", " Nordic", " UK", " Iberia", " DACH", " Benelux", " US")
MARKETING_SOURCES = (
    "Organic Search", "Paid Search", "Paid Social", "Organic Social", "Email Marketing",
    "Referrals", "Direct Traffic", "Offline Sources", "Other Campaigns",
)  # fmt: skip
MARKETING_WEIGHTS = (0.25, 0.15, 0.1, 0.08, 0.14, 0.06, 0.12, 0.05, 0.05)
DRILL_DOWNS = {
    "Organic Search": ("google", "bing", "duckduckgo"),
    "Paid Search": ("google", "bing"),
    "Paid Social": ("Facebook", "LinkedIn", "Instagram"),
    "Organic Social": ("LinkedIn", "Facebook", "Twitter"),
    "Email Marketing": ("spring-newsletter", "webinar-invite", "product-update"),
    "Referrals": ("g2.com", "capterra.com", "producthunt.com"),
    "Direct Traffic": ("",),
    "Offline Sources": ("CRM UI", "IMPORT"),
    "Other Campaigns": ("partner-webinar", "trade-show-2026"),
}
OPEN_STAGES = (
    "Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
    "Decision Maker Bought-In", "Contract Sent",
)  # fmt: skip
DEAL_PRODUCTS = ("Annual plan", "Team licences", "Pilot", "Enterprise rollout", "Renewal")
INTRO_NOTES = (
    "Looking for a creator analytics tool",
    "Met at Web Summit, wants a demo",
    "Their agency runs 40+ creators, needs attribution",
    "Asked about pricing for teams",
    "Warm intro, decision maker",
    "Evaluating tools for Q3, budget approved",
)


PARTNER_AGENCY = "Partner agency"  # the company of the partner agencies' introducers


@dataclass
class Person:
    first: str
    last: str
    email: str
    company: str = ""
    position: str = ""
    creator_id: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def linkedin_url(self) -> str:
        slug = "-".join(filter(None, (ascii_slug(self.first), ascii_slug(self.last))))
        return f"https://www.linkedin.com/in/{slug}-{abs(hash_text(self.email)) % 16**8:08x}"


def hash_text(text: str) -> int:
    """A stable (non-randomised) string hash."""
    value = 2_166_136_261
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 16_777_619) % 2**32
    return value


@dataclass
class Introduction:
    day: int
    introducer: Person
    introduced: Person
    introduced_to: Person
    note: str
    intro_id: str = ""
    on_linkedin: bool = False


@dataclass
class Contact:
    person: Person
    created_ts: int
    source: str
    drill_1: str
    drill_2: str = ""
    referral_code: str = ""
    heard: str = ""
    channel: str = "marketing"
    """Who brought the contact: marketing, a creator id, or ``intro``."""
    introduction: Introduction | None = None
    record_id: str = ""
    deals: list[Deal] = field(default_factory=list)


@dataclass
class Deal:
    contacts: list[Contact]
    created_ts: int
    close_ts: int | None
    stage: str
    amount: str
    product: str
    record_id: str = ""

    @property
    def won(self) -> bool:
        return self.stage == "Closed Won"


@dataclass
class ConnectorPlant:
    connector: Creator
    person: Person
    spellings: list[str]
    chain: list[tuple[Introduction, Contact, Deal]]
    mention: tuple[Contact, Deal, str]


@dataclass
class Business:
    team: list[Person]
    introductions: list[Introduction]
    contacts: list[Contact]
    deals: list[Deal]
    planted: dict[str, object]


def connector_spellings(first: str, last: str) -> list[str]:
    """How people write the connector's name: full, "first l.", lower case, with a typo."""
    middle = len(last) // 2
    typo = last[:middle] + last[middle + 1 :]
    return [
        f"{first} {last} introduced us",
        f"{first.lower()} {last[0].lower()}. said to call",
        f"{first.lower()} {last.lower()}",
        f"Intro from {first} {typo}",
        f"{first} {last[0]}. recommended you",
        f"{first.upper()} {last.upper()}",
    ]


class BusinessBuilder:
    def __init__(
        self, rng: np.random.Generator, scale: Scale, window: Window, creators: list[Creator]
    ) -> None:
        self.rng = rng
        self.scale = scale
        self.window = window
        self.creators = creators
        self.by_archetype = {c.archetype: c for c in creators if c.archetype != "ordinary"}
        self.used_emails: set[str] = set()
        self.companies = [
            f"{first} {suffix}{region}"
            for region in COMPANY_REGIONS
            for first in COMPANY_FIRST
            for suffix in COMPANY_SUFFIX
        ]
        self.team = [
            Person(f, s, f"{ascii_slug(f)}.{ascii_slug(s)}@{BRAND_DOMAIN}", "Lumen & Oak", "AE")
            for f, s in TEAM_NAMES
        ]
        self.contacts: list[Contact] = []
        self.deals: list[Deal] = []
        self.introductions: list[Introduction] = []

    # --- people -----------------------------------------------------------------------------

    def company(self) -> str:
        return self.companies[int(self.rng.integers(0, len(self.companies)))]

    def domain(self, company: str) -> str:
        words = company.replace("&", " ").split()
        tld = (".com", ".io", ".de", ".co.uk", ".eu")[hash_text(company) % 5]
        return ascii_slug(words[0]) + (ascii_slug(words[1]) if len(words) > 2 else "") + tld

    def prospect(self, company: str | None = None) -> Person:
        rng = self.rng
        first = AUDIENCE_FIRST_NAMES[int(rng.integers(0, len(AUDIENCE_FIRST_NAMES)))]
        last = PROSPECT_LAST_NAMES[int(rng.integers(0, len(PROSPECT_LAST_NAMES)))]
        company = company or self.company()
        local = f"{ascii_slug(first)}.{ascii_slug(last)}"
        email = f"{local}@{self.domain(company)}"
        serial = 2
        while email in self.used_emails:
            email = f"{local}{serial}@{self.domain(company)}"
            serial += 1
        self.used_emails.add(email)
        position = ("Head of Marketing", "CMO", "Growth Lead", "Partnerships Manager", "CEO")[
            int(rng.integers(0, 5))
        ]
        return Person(first, last, email, company, position)

    def creator_person(self, creator: Creator) -> Person:
        return Person(
            creator.first_name, creator.last_name, creator.email, "", "Creator", creator.creator_id
        )

    # --- time -------------------------------------------------------------------------------

    def ts(self, day: float) -> int:
        """A time on window day ``day`` during working hours."""
        seconds = int(self.rng.integers(8 * 3600, 19 * 3600))
        return self.window.start_ts + int(day) * DAY + seconds

    def within(self, ts: int) -> bool:
        return ts < self.window.cutoff_ts

    # --- building blocks --------------------------------------------------------------------

    def add_contact(self, contact: Contact) -> Contact | None:
        if not self.within(contact.created_ts):
            return None
        self.contacts.append(contact)
        return contact

    def add_deal(
        self,
        contact: Contact,
        created_day: float,
        close_day: float,
        win_probability: float,
        force_won: bool = False,
    ) -> Deal | None:
        rng = self.rng
        created = self.ts(created_day)
        if not self.within(created) or created < contact.created_ts:
            return None
        close = max(self.ts(close_day), created + 7 * DAY)
        amount = f"{round(float(rng.lognormal(9.3, 0.6)) / 50) * 50:.2f}"
        if self.within(close):
            won = force_won or rng.random() < win_probability
            stage = "Closed Won" if won else "Closed Lost"
            close_ts: int | None = close
        else:
            stage = OPEN_STAGES[int(rng.integers(0, len(OPEN_STAGES)))]
            close_ts = None
            if rng.random() < 0.15:
                amount = ""
        product = DEAL_PRODUCTS[int(rng.integers(0, len(DEAL_PRODUCTS)))]
        deal = Deal([contact], created, close_ts, stage, amount, product)
        contact.deals.append(deal)
        self.deals.append(deal)
        return deal

    def intro_contact(self, intro: Introduction, heard: str) -> Contact | None:
        rng = self.rng
        source = "Offline Sources" if rng.random() < 0.7 else "Direct Traffic"
        drill = "CRM UI" if source == "Offline Sources" else ""
        created = self.ts(intro.day + int(rng.integers(0, 15)))
        contact = Contact(intro.introduced, created, source, drill, heard=heard, channel="intro")
        contact.introduction = intro
        return self.add_contact(contact)

    def introduction(
        self, day: int, introducer: Person, introduced: Person | None = None
    ) -> Introduction:
        rng = self.rng
        return Introduction(
            day=day,
            introducer=introducer,
            introduced=introduced or self.prospect(),
            introduced_to=self.team[int(rng.integers(0, len(self.team)))],
            note=INTRO_NOTES[int(rng.integers(0, len(INTRO_NOTES)))],
        )

    # --- plants -----------------------------------------------------------------------------

    def connector_plants(self, introductions: list[Introduction]) -> ConnectorPlant:
        rng = self.rng
        connector = self.by_archetype["connector"]
        me = self.creator_person(connector)
        spellings = connector_spellings(connector.first_name, connector.last_name)
        days = self.window.days
        used_spellings: set[str] = set()

        # chain: connector -> B early; B (now a customer) -> C; C's deal won
        chain_day = int(rng.integers(15, 40))
        intro_ab = self.introduction(chain_day, me)
        introductions.append(intro_ab)
        heard_b = spellings[0]
        used_spellings.add(heard_b)
        contact_b = self.intro_contact(intro_ab, heard_b)
        assert contact_b is not None
        deal_b = self.add_deal(contact_b, chain_day + 35, chain_day + 80, 1.0, force_won=True)
        b_person = contact_b.person
        bc_day = chain_day + int(rng.integers(100, 121))
        intro_bc = self.introduction(bc_day, b_person)
        introductions.append(intro_bc)
        contact_c = self.intro_contact(intro_bc, f"{b_person.name} introduced us")
        assert contact_c is not None
        deal_c = self.add_deal(
            contact_c, bc_day + int(rng.integers(30, 51)), bc_day + 120, 1.0, force_won=True
        )
        assert deal_b is not None and deal_c is not None and deal_b.won and deal_c.won

        # the connector's other introductions, spread over the window
        for _ in range(self.scale.connector_introductions - 1):
            intro = self.introduction(int(rng.integers(0, days)), me)
            introductions.append(intro)
            if rng.random() < 0.05:
                continue  # the introduced person never signed up
            heard = ""
            if rng.random() < 0.8:
                heard = spellings[int(rng.integers(0, len(spellings)))]
                used_spellings.add(heard)
            contact = self.intro_contact(intro, heard)
            if contact and rng.random() < 0.85:
                self.add_deal(
                    contact,
                    intro.day + rng.uniform(30, 91),
                    intro.day + rng.uniform(60, 271),
                    0.8,
                )

        # a self-reported mention with no introduction in the log, whose deal is won
        mention_day = int(rng.integers(60, 150))
        text = spellings[1]
        used_spellings.add(text)
        mention_contact = self.add_contact(
            Contact(self.prospect(), self.ts(mention_day), "Direct Traffic", "", heard=text)
        )
        assert mention_contact is not None
        mention_deal = self.add_deal(
            mention_contact, mention_day + 25, mention_day + 110, 1.0, force_won=True
        )
        assert mention_deal is not None
        return ConnectorPlant(
            connector=connector,
            person=me,
            spellings=sorted(used_spellings),
            chain=[(intro_ab, contact_b, deal_b), (intro_bc, contact_c, deal_c)],
            mention=(mention_contact, mention_deal, text),
        )

    def other_introductions(self, introductions: list[Introduction]) -> None:
        rng = self.rng
        introducers = [self.creator_person(c) for c in self.creators if c.archetype == "ordinary"]
        introducers += [
            Person(f, s, f"{ascii_slug(f)}@{ascii_slug(s)}-partners.com", PARTNER_AGENCY)
            for f, s in PARTNER_NAMES
        ]
        remaining = self.scale.introductions - len(introductions)
        for _ in range(max(0, remaining)):
            introducer = introducers[int(rng.integers(0, len(introducers)))]
            intro = self.introduction(int(rng.integers(0, self.window.days)), introducer)
            introductions.append(intro)
            if rng.random() >= 0.8:
                continue
            heard = f"{introducer.name} introduced us" if rng.random() < 0.5 else ""
            contact = self.intro_contact(intro, heard)
            if contact and rng.random() < 0.35:
                self.add_deal(
                    contact, intro.day + rng.uniform(20, 91), intro.day + rng.uniform(45, 271), 0.5
                )

    def creator_contacts(self) -> None:
        """Contacts that arrive through creators' UTM links and referral codes."""
        rng = self.rng
        total = self.scale.crm_contacts
        others = [c for c in self.creators if c.archetype != "broadcaster"]
        weights = np.array([2.0 if c.archetype != "ordinary" else 1.0 for c in others])
        shares = {self.by_archetype["broadcaster"].creator_id: 0.15}
        for creator, weight in zip(others, weights / weights.sum() * 0.15, strict=True):
            shares[creator.creator_id] = float(weight)
        deal_probability = {"broadcaster": 0.04, "bought_followers": 0.05}
        win_probability = {"broadcaster": 0.03, "bought_followers": 0.1}
        for creator in self.creators:
            count = round(shares[creator.creator_id] * total)
            for _ in range(count):
                day = int(rng.integers(0, self.window.days))
                roll = rng.random()
                if roll < 0.55:
                    source, drill = "Paid Social", f"utm_source={creator.utm_source}"
                elif roll < 0.75:
                    source, drill = "Organic Social", f"utm_source={creator.utm_source}"
                else:
                    source = MARKETING_SOURCES[int(rng.integers(0, len(MARKETING_SOURCES)))]
                    drill = DRILL_DOWNS[source][0]
                code = creator.referral_code if roll >= 0.75 or rng.random() < 0.2 else ""
                contact = Contact(
                    self.prospect(),
                    self.ts(day),
                    source,
                    drill,
                    "utm_medium=social" if drill.startswith("utm_source=") else "",
                    referral_code=code,
                    heard=CRM_HEARD_GENERIC[int(rng.integers(0, len(CRM_HEARD_GENERIC)))],
                    channel=creator.creator_id,
                )
                self.add_contact(contact)
                if rng.random() < deal_probability.get(creator.archetype, 0.15):
                    self.add_deal(
                        contact,
                        day + rng.uniform(5, 60),
                        day + rng.uniform(40, 200),
                        win_probability.get(creator.archetype, 0.5),
                    )

    def marketing_contacts(self) -> None:
        rng = self.rng
        missing = self.scale.crm_contacts - len(self.contacts)
        sources = rng.choice(len(MARKETING_SOURCES), max(0, missing), p=MARKETING_WEIGHTS)
        fresh: list[tuple[Contact, int]] = []
        while len(fresh) < missing:
            source = MARKETING_SOURCES[int(sources[len(fresh)])]
            options = DRILL_DOWNS[source]
            day = int(rng.integers(0, self.window.days))
            contact = Contact(
                self.prospect(),
                self.ts(day),
                source,
                options[int(rng.integers(0, len(options)))],
                "utm_campaign=always_on" if source.startswith("Paid") else "",
                heard=CRM_HEARD_GENERIC[int(rng.integers(0, len(CRM_HEARD_GENERIC)))],
            )
            self.add_contact(contact)
            fresh.append((contact, day))
        wanted = self.scale.crm_deals - len(self.deals)
        if wanted <= 0 or not fresh:
            return
        picks = rng.choice(len(fresh), min(wanted, len(fresh)), replace=False)
        for pick in sorted(int(p) for p in picks):
            contact, day = fresh[pick]
            deal = None
            for _attempt in range(3):
                deal = self.add_deal(
                    contact, day + rng.uniform(0, 45), day + rng.uniform(30, 200), 0.3
                )
                if deal:
                    break
                day = max(0, day - 30)  # too late in the window: pretend it came earlier
            if deal is None:
                contact.created_ts = self.ts(0)
                deal = self.add_deal(contact, 5, 60, 0.3)
            if deal and rng.random() < 0.15:
                colleague = self.prospect(contact.person.company)
                extra = Contact(colleague, contact.created_ts, contact.source, contact.drill_1)
                deal.contacts.append(extra)
                extra.deals.append(deal)
                self.contacts.append(extra)

    # --- assembling -------------------------------------------------------------------------

    def build(self) -> Business:
        introductions = self.introductions
        plant = self.connector_plants(introductions)
        self.other_introductions(introductions)
        self.creator_contacts()
        self.marketing_contacts()
        self.trim_contacts()
        self.number()
        introductions.sort(key=lambda i: (i.day, i.introducer.email, i.introduced.email))
        for serial, intro in enumerate(introductions, start=1):
            intro.intro_id = f"INT-{serial:05d}"
            intro.on_linkedin = intro.introducer.creator_id is not None and self.rng.random() < 0.9
        return Business(self.team, introductions, self.contacts, self.deals, self.planted(plant))

    def trim_contacts(self) -> None:
        """Colleagues added to deals can overshoot the contact target: drop deal-less ones."""
        excess = len(self.contacts) - self.scale.crm_contacts
        if excess <= 0:
            return
        keep: list[Contact] = []
        for contact in reversed(self.contacts):
            if (
                excess
                and contact.channel == "marketing"
                and not contact.deals
                and not contact.heard
            ):
                excess -= 1
                continue
            keep.append(contact)
        self.contacts = keep[::-1]

    def number(self) -> None:
        rng = self.rng
        self.contacts.sort(key=lambda c: (c.created_ts, c.person.email))
        next_id = 1_001
        for contact in self.contacts:
            contact.record_id = str(next_id)
            next_id += int(rng.integers(1, 50))
        self.deals.sort(key=lambda d: (d.created_ts, d.contacts[0].person.email))
        next_id = 8_100_000_000
        for deal in self.deals:
            deal.record_id = str(next_id)
            next_id += int(rng.integers(1, 5_000))

    def planted(self, plant: ConnectorPlant) -> dict[str, object]:
        connector, me = plant.connector, plant.person
        mention_contact, mention_deal, mention_text = plant.mention
        final_deal = plant.chain[-1][2]
        mine = [c for c in self.contacts if c.introduction and c.introduction.introducer is me]
        won = sorted(
            {d.record_id: d for c in mine for d in c.deals if d.won}.values(),
            key=lambda d: d.record_id,
        )
        broadcaster = self.by_archetype["broadcaster"]
        b_contacts = [c for c in self.contacts if c.channel == broadcaster.creator_id]
        b_deals = {d.record_id: d for c in b_contacts for d in c.deals}
        return {
            "connector": {
                "creator_id": connector.creator_id,
                "name": me.name,
                "email": me.email,
                "introductions": sum(1 for i in self.introductions if i.introducer is me),
                "introductions_with_contact": len(mine),
                "won_deals": len(won),
                "won_deal_ids": [d.record_id for d in won],
                "won_amount": f"{sum(float(d.amount or 0) for d in won):.2f}",
                "mention_spellings": plant.spellings,
            },
            "self_reported_mention": {
                "contact_id": mention_contact.record_id,
                "deal_id": mention_deal.record_id,
                "text": mention_text,
                "person": me.name,
                "amount": mention_deal.amount,
            },
            "intro_chain": {
                "links": [
                    {
                        "intro_id": intro.intro_id,
                        "introducer": intro.introducer.name,
                        "introducer_email": intro.introducer.email,
                        "introduced": intro.introduced.name,
                        "introduced_email": intro.introduced.email,
                        "contact_id": contact.record_id,
                        "deal_id": deal.record_id,
                        "deal_won": deal.won,
                    }
                    for intro, contact, deal in plant.chain
                ],
                "final_deal_id": final_deal.record_id,
                "final_amount": final_deal.amount,
            },
            "broadcaster_crm": {
                "creator_id": broadcaster.creator_id,
                "utm_source": broadcaster.utm_source,
                "referral_code": broadcaster.referral_code,
                "contacts": len(b_contacts),
                "deals": len(b_deals),
                "won_deals": sum(1 for d in b_deals.values() if d.won),
            },
        }


def build_business(
    rng: np.random.Generator, scale: Scale, window: Window, creators: list[Creator]
) -> Business:
    return BusinessBuilder(rng, scale, window, creators).build()
