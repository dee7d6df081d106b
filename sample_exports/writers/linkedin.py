"""LinkedIn personal export: ``Connections.csv`` (with its ``Notes:`` preamble),
``messages.csv`` (multi-line content, introductions to two people at once) and
``Invitations.csv``."""

from __future__ import annotations

import numpy as np

from ..activity import Activity
from ..business import Introduction, Person
from ..formats import DAY, csv_text, day_month_year, day_of, linkedin_invitation_time, utc_suffixed
from ..ids import random_chars
from ..scales import Window
from ..sink import DM, ExportSink
from ..vocab import COMPANY_FIRST, COMPANY_SUFFIX

HOUR = 3_600
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)  # fmt: skip
MESSAGES_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
)  # fmt: skip
INVITATIONS_HEADER = (
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
)  # fmt: skip
POSITIONS = ("Marketing Manager", "Founder", "Brand Partnerships", "Content Lead", "Analyst")


class LinkedInWriter:
    def __init__(
        self,
        sink: ExportSink,
        act: Activity,
        rng: np.random.Generator,
        window: Window,
        introductions: list[Introduction],
    ) -> None:
        self.sink = sink
        self.act = act
        self.rng = rng
        self.window = window
        self.introductions = introductions
        self.creator = act.creator
        self.me_url = act.creator.linkedin_profile_url
        self.messages: list[tuple[int, tuple[str, ...]]] = []  # (sent, row)
        self.conversation_serial = 0

    def write(self) -> None:
        root = f"linkedin/{self.act.plan.handle}"
        connections = self.connections()
        self.save(f"{root}/Connections.csv", CONNECTIONS_HEADER, connections, CONNECTIONS_PREAMBLE)
        for conversation in self.act.conversations:
            self.one_to_one(conversation.counterpart, conversation.messages)
        for intro in self.introductions:
            self.introduction(intro)
        self.messages.sort(key=lambda item: (item[1][6], item[1][0], item[1][3]), reverse=True)
        self.save(f"{root}/messages.csv", MESSAGES_HEADER, self.messages)
        self.sink.count_rows("linkedin_messages", len(self.messages))
        self.save(f"{root}/Invitations.csv", INVITATIONS_HEADER, self.invitations())

    def save(
        self,
        path: str,
        header: tuple[str, ...],
        rows: list[tuple[int, tuple[str, ...]]],
        preamble: str = "",
    ) -> None:
        """Write (time, row) pairs; with a hold-out, the held-out rows go to a dated file."""
        kept, held = self.sink.split(rows, lambda: (ts for ts, _ in rows))
        self.sink.write(path, preamble + csv_text(header, [row for _, row in kept], False))
        if held:
            text = preamble + csv_text(header, [row for _, row in held], False)
            self.sink.write_delta(self.sink.dated(path), text)

    # --- connections ------------------------------------------------------------------------

    def connections(self) -> list[tuple[int, tuple[str, ...]]]:
        rng, audience, plan = self.rng, self.act.audience, self.act.plan
        end_ts = self.window.cutoff_ts - 1
        rows: list[tuple[int, tuple[str, ...]]] = []
        seen: set[str] = set()
        for index in range(plan.connections):
            first, last = audience.full_name(index)
            company = (
                f"{COMPANY_FIRST[int(rng.integers(0, len(COMPANY_FIRST)))]} "
                f"{COMPANY_SUFFIX[int(rng.integers(0, len(COMPANY_SUFFIX)))]}"
            )
            email = ""
            if rng.random() < 0.2:
                email = f"{audience.handle(index).strip('_.')}@mail.example"
            connected = end_ts - int(rng.integers(0, 6 * 365)) * DAY
            url = audience.linkedin_url(index)
            seen.add(url)
            position = POSITIONS[int(rng.integers(0, len(POSITIONS)))]
            rows.append((connected, (first, last, url, email, company, position)))
        for intro in self.introductions:
            for person in (intro.introduced, intro.introduced_to):
                if person.linkedin_url in seen:
                    continue
                seen.add(person.linkedin_url)
                connected = self.window.start_ts + (intro.day - int(rng.integers(30, 700))) * DAY
                rows.append((connected, self._person_row(person)))
        rows.sort(key=lambda item: (-item[0], item[1][2]))
        self.sink.count_rows("linkedin_connections", len(rows))
        return [(ts, (*row, day_month_year(day_of(ts)))) for ts, row in rows]

    @staticmethod
    def _person_row(person: Person) -> tuple[str, ...]:
        return (person.first, person.last, person.linkedin_url, "", person.company, person.position)

    # --- messages ---------------------------------------------------------------------------

    def conversation_id(self) -> str:
        self.conversation_serial += 1
        return f"2-{random_chars(self.rng, 20)}{self.conversation_serial:06d}=="

    def add(
        self,
        conversation: str,
        title: str,
        sender: tuple[str, str],
        recipients: list[tuple[str, str]],
        ts: int,
        content: str,
    ) -> None:
        if ts >= self.window.cutoff_ts:
            return
        self.messages.append(
            (
                ts,
                (
                    conversation, title, sender[0], sender[1], ",".join(n for n, _ in recipients),
                    ",".join(u for _, u in recipients), utc_suffixed(ts), "", content, "INBOX",
                ),
            )
        )  # fmt: skip
        self.sink.interact(self.creator.creator_id, "linkedin", DM, sender[1] == self.me_url)

    def one_to_one(self, counterpart: int, messages: list) -> None:
        audience = self.act.audience
        them = (" ".join(audience.full_name(counterpart)), audience.linkedin_url(counterpart))
        me = (self.creator.display_name, self.me_url)
        conversation = self.conversation_id()
        for message in messages:
            text = message.text or ""
            if message.from_creator and text and self.rng.random() < 0.4:
                first = audience.full_name(counterpart)[0]
                text = f"Hi {first},\n\n{text}.\n\nBest,\n{self.creator.first_name}"
            sender, recipient = (me, them) if message.from_creator else (them, me)
            self.add(conversation, "", sender, [recipient], message.ts_ms // 1000, text)

    def introduction(self, intro: Introduction) -> None:
        rng = self.rng
        me = (self.creator.display_name, self.me_url)
        p, q = intro.introduced, intro.introduced_to
        p_id, q_id = (p.name, p.linkedin_url), (q.name, q.linkedin_url)
        conversation = self.conversation_id()
        title = f"{p.first} <> {q.first}"
        ts = self.window.start_ts + intro.day * DAY + int(rng.integers(8 * HOUR, 20 * HOUR))
        opening = (
            f"Hi {p.first} and {q.first},\n\n"
            f"I'd love for you two to meet. {p.first} leads growth at {p.company}: "
            f"{intro.note[0].lower()}{intro.note[1:]}. "
            f"{q.first} at Lumen & Oak is exactly the right person.\n\n"
            f"I'll let you take it from here!\n{self.creator.first_name}"
        )
        self.add(conversation, title, me, [p_id, q_id], ts, opening)
        if rng.random() < 0.85:
            ts += int(rng.integers(1 * HOUR, 30 * HOUR))
            reply = (
                f"Thanks {self.creator.first_name}! Great to meet you {q.first}, "
                "happy to find a time next week."
            )
            self.add(conversation, title, p_id, [me, q_id], ts, reply)
            if rng.random() < 0.9:
                ts += int(rng.integers(1 * HOUR, 20 * HOUR))
                answer = (
                    f"Thanks {self.creator.first_name} (moving you to bcc)!\n"
                    f"{p.first}, here is my calendar: https://meetings.lumenoak.com/{q.first.lower()}"
                )
                self.add(conversation, title, q_id, [me, p_id], ts, answer)

    # --- invitations ------------------------------------------------------------------------

    def invitations(self) -> list[tuple[int, tuple[str, ...]]]:
        rng, audience, plan = self.rng, self.act.audience, self.act.plan
        me = (self.creator.display_name, self.me_url)
        rows = []
        first_index = max(plan.connections, plan.dm_inbound_conversations * 10, 1_000)
        for k in range(plan.invitations):
            index = first_index + k
            them = (" ".join(audience.full_name(index)), audience.linkedin_url(index))
            ts = self.window.start_ts + int(rng.integers(0, self.window.days * DAY))
            incoming = rng.random() < 0.6
            sender, receiver = (them, me) if incoming else (me, them)
            note = "" if rng.random() < 0.6 else f"Hi {receiver[0].split()[0]}, loved your post!"
            rows.append(
                (
                    ts,
                    (
                        sender[0], receiver[0], linkedin_invitation_time(ts), note,
                        "INCOMING" if incoming else "OUTGOING", sender[1], receiver[1],
                    ),
                )
            )  # fmt: skip
        rows.sort(key=lambda item: (-item[0], item[1][5]))
        self.sink.count_rows("linkedin_invitations", len(rows))
        return rows


def write_linkedin(
    sink: ExportSink,
    act: Activity,
    rng: np.random.Generator,
    window: Window,
    introductions: list[Introduction],
) -> None:
    LinkedInWriter(sink, act, rng, window, introductions).write()
