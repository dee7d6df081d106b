"""Words the sample is written with: names, niches, comment and message texts.

Every pool is a tuple built in a fixed order, so picking by index is deterministic.
Creator, audience, CRM-prospect and brand-team surnames come from disjoint lists, so an
audience member can never be mistaken for a creator by name.
"""

from __future__ import annotations

from functools import cache
from itertools import product


def _words(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|"))


AUDIENCE_FIRST_NAMES: tuple[str, ...] = _words(
    "José|Søren|Zoë|Łukasz|Chloé|Björn|Zoltán|François|Mónica|Siobhán|Jürgen|Renée|"
    "Noémie|Đorđe|Ana|Emma|Liam|Olivia|Noah|Priya|Wei|Kenji|Fatima|Amara|Tunde|Mateo|"
    "Lucía|Ines|Jonas|Freya|Aoife|Ciarán|Hana|Yusuf|Leila|Marco|Giulia|Pablo|Camila|"
    "Tomás|Nina|Oskar|Elif|Emre|Sofía|Diego|Maja|Lars|Ingrid|Rafael|Bea|Sam|Jenny|"
    "Kai|Mila|Arjun|Meera|Ravi|Chen|Yuki|Ola|Kasia|Piotr|Dana|Ben|Clara|Felix|Greta|"
    "Hugo|Iris"
)

AUDIENCE_LAST_NAMES: tuple[str, ...] = _words(
    "Kovač|Müller|Nørgaard|García|Sánchez|Dvořák|Nowak|Şahin|Öztürk|Lefèvre|"
    "Jørgensen|Ødegård|Fernández|Núñez|Østergaard|Åberg|Böhm|Straße|Kowalczyk|"
    "Horváth|Novák|Petrović|Jovanović|Smith|Johnson|Brown|Taylor|Wilson|Okafor|"
    "Mensah|Nakamura|Tanaka|Kim|Park|Nguyen|Tran|Patel|Sharma|Khan|Haddad|Rossi|"
    "Bianchi|Silva|Santos|Costa|Moreau|Laurent|Dubois|Schmidt|Weber|Wagner|Becker|"
    "Hoffmann|Lindgren|Berg|Virtanen|Korhonen|Murphy|Kelly|Byrne"
)

CREATOR_FIRST_NAMES: tuple[str, ...] = _words(
    "Alice|Dana|Mika|Renée|Joaquín|Saoirse|Théo|Ayşe|Nils|Marta|Kofi|Anouk|Elena|"
    "Tariq|Linnea|Rosa|Viktor|Imani|Paulo|Heidi|Bruno|Camille|Desmond|Esther|Fionn|Gabriela|"
    "Hamish|Ilse|Jasper|Katarzyna|Leopold|Magnus|Nadia|Orla|Perpetua|Quentin|Rania|"
    "Sigrid|Ulrich|Wilhelmina"
)

CREATOR_LAST_NAMES: tuple[str, ...] = _words(
    "Whitfield|Brenner|Valdés|Kovalenko|Marlowe|Ashdown|Ferreira-Lund|Quintero|"
    "Halvorsen|Okonkwo|Beaumont|Castellanos|Drummond|Eriksdóttir|Fairbanks|Grünewald|"
    "Hollister|Ingersoll|Lachance|Montgomery|Novaković|Pemberton|Rosenqvist|Sterling|"
    "Thistlewood|Underhill|Vance|Wexford|Yardley|Zamora"
)

PROSPECT_LAST_NAMES: tuple[str, ...] = _words(
    "Abbott|Barros|Carver|Delgado|Ekström|Foley|Gallagher|Hämäläinen|Iversen|"
    "Jankowski|Kruger|Lindqvist|Mäkinen|Nakagawa|O'Brien|Pereira|Quinn|Ramírez|"
    "Sørensen|Takahashi|Urquhart|Vasquez|Wójcik|Xu|Yilmaz|Zieliński|Achterberg|"
    "Bergström|Cruz|Duarte"
)

TEAM_NAMES: tuple[tuple[str, str], ...] = (
    ("Morgan", "Ellery"),
    ("Priscilla", "Dunmore"),
    ("Tobias", "Renwick"),
    ("Greta", "Holloway"),
    ("Samir", "Qadri"),
    ("Louise", "Achebe"),
)

PARTNER_NAMES: tuple[tuple[str, str], ...] = (
    ("Harriet", "Caldwell"),
    ("Oluwaseun", "Adeyemi"),
    ("Benedikt", "Strauß"),
    ("Céline", "Marchetti"),
    ("Rahul", "Venkataraman"),
    ("Ingeborg", "Tvedt"),
    ("Maximilian", "Hartmann-Ruiz"),
    ("Yara", "Bellweather"),
)

COMPANY_FIRST: tuple[str, ...] = _words(
    "Blue Harbor|Nordlicht|Copperleaf|Brightline|Kestrel|Lumière|Sølvberg|Tidewater|"
    "Ironbark|Maple & Finch|Quantum Pear|Redwood|Atlas|Bergmann|Cobalt|Driftwood|"
    "Evergreen|Foxglove|Granite|Halcyon|Juniper|Kinetic|Lakeshore|Meridian|Northstar|"
    "Orchard|Pinecrest|Riverstone|Summit|Truewind"
)

COMPANY_SUFFIX: tuple[str, ...] = _words(
    "Labs|GmbH|Studio|Collective|Analytics|Outdoor Co.|Foods|Media|Ventures|Health|"
    "d.o.o.|AB|Partners|Apparel|Systems"
)

NICHES: dict[str, tuple[str, ...]] = {
    "fitness": (
        "warm-up",
        "deadlift form",
        "protein shake",
        "running shoes",
        "mobility routine",
        "kettlebell",
        "rest day",
        "leg day",
    ),
    "cooking": (
        "sourdough",
        "cast iron pan",
        "knife",
        "spice mix",
        "crème brûlée",
        "ramen broth",
        "pesto",
        "oven temperature",
    ),
    "travel": (
        "backpack",
        "itinerary",
        "hostel",
        "train pass",
        "camera",
        "Lisbon trip",
        "packing list",
        "travel insurance",
    ),
    "tech": (
        "keyboard",
        "monitor arm",
        "laptop",
        "mechanical switches",
        "desk setup",
        "budget phone",
        "noise-cancelling headphones",
        "NAS",
    ),
    "beauty": (
        "serum",
        "sunscreen",
        "foundation shade",
        "brush set",
        "night routine",
        "lip tint",
        "retinol",
        "hair mask",
    ),
    "finance": (
        "index fund",
        "budget template",
        "emergency fund",
        "spreadsheet",
        "pension",
        "side hustle",
        "tax return",
        "savings goal",
    ),
    "gaming": (
        "controller",
        "speedrun",
        "build order",
        "headset",
        "boss fight",
        "mod list",
        "stream setup",
        "graphics settings",
    ),
    "parenting": (
        "bedtime routine",
        "lunchbox",
        "stroller",
        "screen time",
        "craft idea",
        "reading list",
        "car seat",
        "playdate",
    ),
}

EMOJI: tuple[str, ...] = _words("😍|🔥|🙌|👏|💯|❤️|😂|🤩|✨|🙏|😮|👍")

_GENERIC_COMMENTS: tuple[str, ...] = _words(
    "Love this|So good!|This is gold|Absolutely brilliant|Saving this for later|"
    "Needed this today|You never miss|Wow|Haha this is so me|Great tips, thanks!|"
    "Danke schön, super Tipp!|Merci beaucoup, très utile|Díky moc!|Qué buena idea|"
    "Tak, det var præcis det jeg søgte|Brilliant as always|Underrated post|Facts|"
    "Made my day|Can't stop watching this"
)

_TOPIC_COMMENTS: tuple[str, ...] = _words(
    "The {t} part was so helpful|Finally someone explains {t} properly|"
    "Tried your {t} tip and it worked|My {t} looks nothing like yours lol|"
    "Okay the {t} bit changed everything|Been waiting for a {t} video|"
    "Your {t} advice saved me so much time|The {t} at the end 😂"
)

_QUESTIONS: tuple[str, ...] = _words(
    "What {t} do you use?|How long did the {t} take?|Where did you get that {t}?|"
    "Can you do a video on {t}?|Is the {t} worth it for beginners?|"
    "Would you recommend the {t} for someone starting out?|¿Dónde compraste el {t}?|"
    "Any tips for {t} on a budget?|Do you still use the same {t}?|"
    "How do you stay consistent with {t}?|Wie oft machst du {t}?"
)

_CREATOR_THANKS: tuple[str, ...] = _words(
    "Thanks {n}!|Glad it helped, {n}!|Appreciate you, {n} 🙏|Haha thank you {n}!|"
    "So happy to hear that {n} ❤️|You're the best, {n}|Thank you so much {n}!"
)

_CREATOR_ANSWERS: tuple[str, ...] = _words(
    "Good question! I use the {t} from the link in my bio.|"
    "Great question, I'll cover {t} in detail next week.|"
    "Honestly the {t} matters less than being consistent.|"
    "I started with a cheap {t}, upgrade later if you stick with it.|"
    "Yes! Still the same {t}, no regrets.|"
    "Took me about two weeks to get the {t} right."
)

_FOLLOWUPS: tuple[str, ...] = _words(
    "Thank you!! That helps a lot|Omg you replied 😭|Makes sense, will try that|"
    "Got it, thanks for answering|Perfect, ordering one now|"
    "Wait, which version though?|Could you share the link again?|Haha yes 🙌"
)

_CREATOR_SELF_COMMENTS: tuple[str, ...] = _words(
    "Pinning this: full {t} guide is in my bio ✨|Drop your {t} questions below 👇|"
    "Part two about {t} coming Friday!|Thanks for all the love on this one ❤️|"
    "Live Q&A on {t} this Sunday, bring questions!"
)

BOT_COMMENTS: tuple[str, ...] = _words(
    "Nice pic! 🔥|Great content 👍|Love this ❤️|🔥🔥🔥|😍😍|👏👏👏|Amazing!!|Awesome post 💯|"
    "Wow 😍|Beautiful ✨|Cool 👍|❤️❤️❤️"
)

_DM_INBOUND: tuple[str, ...] = _words(
    "Hi! Quick question about the {t} in your last post|"
    "Hey, I've been following you for ages, your {t} content helped me a lot|"
    "Hello! Would you be open to a collaboration on {t}?|"
    "Hi, where can I find the {t} you mentioned?|"
    "Hey! Loved your video, could you recommend a {t}?|"
    "Hola! Me encantó tu vídeo sobre {t} 😍"
)

_DM_AUDIENCE_FOLLOWUP: tuple[str, ...] = _words(
    "Thanks so much for answering!|Amazing, thank you 🙏|"
    "Got it! One more question though|That's super helpful|"
    "Perfect, I'll check it out|Haha okay will do"
)

_DM_CREATOR: tuple[str, ...] = _words(
    "Hey! Thanks for the message, the {t} link is in my highlights|"
    "Hi! Happy to help, I'd start with a simple {t}|"
    "Thank you so much for following along ❤️|"
    "Hey, I'm putting together a {t} guide, want early access?|"
    "Thanks for sharing! Let me know how the {t} goes|"
    "Hi! Saw your comment on my post, did the {t} tip work?"
)

_CAPTIONS: tuple[str, ...] = _words(
    "My honest take on {t}|{t}: what I wish I knew earlier|Trying a new {t} today|"
    "Three {t} mistakes to avoid|Weekend {t} vibes ✨|"
    "Q&A: your {t} questions answered|Behind the scenes: {t}|Is the {t} hype real?|"
    "Day in my life + {t}|Rating every {t} I own"
)

LIVE_CAPTIONS: tuple[str, ...] = _words(
    "LIVE Q&A: ask me anything about {t}|Going live: {t} questions answered|Sunday live: {t} clinic"
)

CRM_HEARD_GENERIC: tuple[str, ...] = _words(
    "||||podcast|Google|saw an ad on Instagram|a friend|LinkedIn post|"
    "conference in Berlin|newsletter|webinar|G2 review|Reddit thread|trade show"
)


def _expand(templates: tuple[str, ...], topics: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(template.format(t=topic) for template, topic in product(templates, topics))


def _with_emoji(texts: tuple[str, ...]) -> tuple[str, ...]:
    return texts + tuple(f"{text} {emoji}" for text, emoji in product(texts, EMOJI[:4]))


@cache
def comment_pool(niche: str) -> tuple[str, ...]:
    return _with_emoji(_GENERIC_COMMENTS + _expand(_TOPIC_COMMENTS, NICHES[niche])) + EMOJI


@cache
def question_pool(niche: str) -> tuple[str, ...]:
    return _expand(_QUESTIONS, NICHES[niche])


@cache
def answer_pool(niche: str) -> tuple[str, ...]:
    return _expand(_CREATOR_ANSWERS, NICHES[niche])


@cache
def self_comment_pool(niche: str) -> tuple[str, ...]:
    return _expand(_CREATOR_SELF_COMMENTS, NICHES[niche])


@cache
def caption_pool(niche: str) -> tuple[str, ...]:
    return _expand(_CAPTIONS, NICHES[niche])


@cache
def live_caption_pool(niche: str) -> tuple[str, ...]:
    return _expand(LIVE_CAPTIONS, NICHES[niche])


@cache
def dm_inbound_pool(niche: str) -> tuple[str, ...]:
    return _expand(_DM_INBOUND, NICHES[niche])


@cache
def dm_creator_pool(niche: str) -> tuple[str, ...]:
    return _expand(_DM_CREATOR, NICHES[niche])


THANKS_TEMPLATES = _CREATOR_THANKS
FOLLOWUP_COMMENTS = _FOLLOWUPS
DM_AUDIENCE_FOLLOWUPS = _DM_AUDIENCE_FOLLOWUP
