"""Person names on chat text: what is a name, and what only looks like one.

Each phenomenon has a case that must be reported and a twin that must not. Texts are
chat-style and invented; names are made up, e-mails use example.com.
"""

from __future__ import annotations

import pytest

from auditor.pii import PiiEngine, engine_for
from auditor.pii.context import TextContext
from auditor.pii.name_cues import asks_for_name, self_introduced_name


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The default engine with the English pipeline."""
    built = engine_for()
    assert built.ner_available, "the project depends on the spaCy pipeline; install it"
    return built


def names(engine: PiiEngine, text: str, context: TextContext | None = None) -> list[str]:
    """The PERSON values the engine reports in `text`."""
    return [span.value(text) for span in engine.analyze(text, context)
            if span.entity_type == "PERSON"]


@pytest.mark.parametrize("text", [
    # Handles and hashtags
    "@AmazonHelp my package never arrived and nobody answers",
    "@sprintcare and how do you propose we do that",
    "@AppleSupport @SpotifyCares neither of you has replied in two days",
    "Third outage this week #fail #Comcast",
    "#CustomerService at its finest, waited an hour",
    # Links and e-mail addresses
    "Check https://example.com/Help/Returns for the details",
    "See www.example.org/Account/Settings and try again",
    "https",
    "Please write to Dana.Reyes@example.com about it",
    "I tried Jo.Park@mail.internal but it bounced",
    # Brands and products
    "My Xbox keeps freezing on the home screen",
    "AirPods won't connect to my phone anymore",
    "I cancelled Spotify Premium last week and was still charged",
    "Is Test Copilot a bot or a person?",
    "The PlayStation store charged me twice",
    "Netflix keeps logging me out on my iPhone",
    # Shouting
    "This is RIDICULOUS",
    "PLEASE help me, I have been waiting for hours",
    "URGENT: my account is locked",
    "WHY IS NOBODY ANSWERING",
    # Bot personas and staff introducing themselves
    "Hi, I'm Luis, Sample's bot. How can I help?",
    "Hi, this is Dana from billing. How can I help?",
    "My name is Omar and I'll be assisting you today.",
    "You're chatting with Priya from the support team.",
    "Thanks for waiting, Keanu here from customer care.",
    # Platform redaction marks
    "This is [PII] from support",
    "Hi {{customer.name}}, your order has shipped",
    "My name is XXXX and my card is ****",
    # Menus and bullet lists
    "Choose one:\n- Billing\n- Returns\n- Technical support",
    "We are open - Monday to Friday",
    "Order Status",
    "Track Order",
    "Hello, Welcome to Acme!",
    "Thanks, Perfect!",
], ids=[
    "handle-at-start", "handle-lower-case", "two-handles", "hashtags", "hashtag-capitalised",
    "url-path", "www-path", "https-alone", "email-local-part", "email-invalid-domain",
    "xbox", "airpods", "spotify-premium", "test-copilot", "playstation", "netflix-iphone",
    "shouting-word", "shouting-please", "shouting-urgent", "shouting-sentence",
    "bot-persona", "agent-from-billing", "agent-assisting-you", "chatting-with-agent",
    "agent-here-from", "redaction-mark-pii", "template-field", "mask-runs",
    "bullet-menu", "dash-in-sentence", "button-order-status", "button-track-order",
    "greeting-then-welcome", "thanks-then-adjective",
])
def test_what_only_looks_like_a_name_is_not_reported(engine: PiiEngine, text: str) -> None:
    assert names(engine, text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("@AmazonHelp my name is Kendra Vida and my order is late", "Kendra Vida"),
    ("my email is jo@example.com, name Priya Raman", "Priya Raman"),
    ("Hi, I'm Crystal Minh, my order never arrived", "Crystal Minh"),
    ("This is Dana, my refund never came", "Dana"),
    ("my name is JOHN SMITH", "JOHN SMITH"),
    ("Please ask for Ms. McDonald at the desk", "McDonald"),
    ("Maria Lopez called about her refund yesterday.", "Maria Lopez"),
    ("Sorry for the wait, we are on it.\n— Dana K.", "Dana K."),
    ("Let us know if that helps! -Anna", "Anna"),
    ("Thanks so much,\nJonas Berg", "Jonas Berg"),
    ("Thanks, Elena. Is there anything else I can help with today?", "Elena"),
], ids=["name-after-handle", "name-after-email", "customer-introduction",
        "customer-this-is-twin", "caps-after-strong-cue", "surname-prefix-mc", "ner-name",
        "signature-line", "signature-dash-at-end", "sign-off-line", "thanks-comma-name"])
def test_names_in_chat_are_reported(engine: PiiEngine, text: str, name: str) -> None:
    assert name in names(engine, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Crystal Minh", "Crystal Minh"),
    ("crystal minh", "crystal minh"),
    ("it's Tomasz Nowicki", "Tomasz Nowicki"),
    ("Sure, Amara Eze.", "Amara Eze"),
    ("Dana K.", "Dana K."),
], ids=["capitalised", "lower-case", "its-lead-in", "sure-lead-in", "with-initial"])
def test_a_name_written_alone_after_a_name_request_is_reported(
        engine: PiiEngine, text: str, name: str) -> None:
    assert name in names(engine, text, TextContext(answers_name_request=True))


@pytest.mark.parametrize("text", [
    "I'd rather not say",
    "why do you need it?",
    "no thanks",
    "Billing please",
], ids=["refusal", "question", "no-thanks", "topic"])
def test_other_answers_to_a_name_request_are_not_names(engine: PiiEngine, text: str) -> None:
    assert names(engine, text, TextContext(answers_name_request=True)) == []


def test_a_lower_case_line_is_a_name_only_as_an_answer(engine: PiiEngine) -> None:
    assert names(engine, "crystal minh") == []


@pytest.mark.parametrize(("text", "context"), [
    ("Thanks Luis, that worked!", TextContext(persona_names=frozenset({"Luis"}))),
    ("Thanks Dana, that worked!", TextContext(agent_names=frozenset({"Dana"}))),
    ("Can Dana call me back?", TextContext(agent_names=frozenset({"dana"}))),
], ids=["persona", "agent", "agent-lower-case-context"])
def test_the_conversations_own_staff_names_are_not_customer_data(
        engine: PiiEngine, text: str, context: TextContext) -> None:
    assert names(engine, text, context) == []
    assert names(engine, text) != []  # the twin: without the context, a name


@pytest.mark.parametrize("text", [
    "Thanks Marcus! You've been a great help",
    "Hi Dana, my order still hasn't arrived",
    "thank you Sarah for sorting it out",
    "Thanks, Elena!",
], ids=["thanks", "hi", "thank-you-for", "thanks-comma"])
def test_the_person_a_customer_greets_is_the_staff_member_they_write_to(
        engine: PiiEngine, text: str) -> None:
    assert names(engine, text, TextContext(written_by="customer")) == []
    # The twin: the same words from the bot or an agent name the customer.
    assert names(engine, text, TextContext(written_by="agent")) != []


def test_a_customer_still_names_other_people(engine: PiiEngine) -> None:
    context = TextContext(written_by="customer")
    assert names(engine, "Hi, my partner Kendra Vida placed the order", context) == [
        "Kendra Vida"]


def test_a_persona_of_a_company_with_a_long_name_is_no_person(engine: PiiEngine) -> None:
    assert names(engine, "Hi, I'm Nova, Brightline Energy's virtual assistant.") == []
    assert names(engine, "Hi, I'm Nova from Brightline Energy, can you call me?") != []


def test_a_staff_name_does_not_hide_a_longer_customer_name(engine: PiiEngine) -> None:
    context = TextContext(agent_names=frozenset({"dana"}))
    assert names(engine, "Please update it to Dana Whitfield.", context) == ["Dana Whitfield"]


@pytest.mark.parametrize(("text", "asks"), [
    ("What's your name?", True),
    ("May I have your full name, please?", True),
    ("Could you tell me your first and last name?", True),
    ("Who am I chatting with today?", True),
    ("What is the name on the account?", True),
    ("¿Cuál es tu nombre?", True),
    ("¿Cómo se llama usted?", True),
    ("Quel est votre nom ?", True),
    ("Comment vous appelez-vous ?", True),
    ("Wie heißen Sie?", True),
    ("Wie ist Ihr Name?", True),
    ("What's your order number?", False),
    ("Your name has been updated.", False),
    ("¿Cuál es tu número de pedido?", False),
    ("Quel est votre numéro de commande ?", False),
    ("Wie ist Ihre Bestellnummer?", False),
], ids=["en-whats", "en-may-i-have", "en-first-and-last", "en-who", "en-name-on-account",
        "es-cual", "es-como-se-llama", "fr-quel", "fr-comment", "de-wie-heissen",
        "de-wie-ist", "en-order-number-twin", "en-statement-twin", "es-twin", "fr-twin",
        "de-twin"])
def test_questions_for_the_customers_name_are_recognised(text: str, asks: bool) -> None:
    assert asks_for_name(text) is asks


@pytest.mark.parametrize(("text", "name"), [
    ("Hi, I'm Emma from the support team!", "Emma"),
    ("Hello, I'm Luis, Sample's bot.", "Luis"),
    ("Emma here, from support.", "Emma"),
    ("So it's Mara Lindqvist, right?", None),
    ("This is John Smith's order.", None),
    ("How can I help you today?", None),
], ids=["im-name", "persona", "name-here", "asking-twin", "owner-twin", "no-introduction"])
def test_the_name_a_speaker_introduces_themself_with(text: str, name: str | None) -> None:
    bounds = self_introduced_name(text)
    assert (text[bounds[0]:bounds[1]] if bounds else None) == name
