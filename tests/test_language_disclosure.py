"""Tests for the multilingual disclosure detectors in ``auditor.language``."""

from __future__ import annotations

import pytest

from auditor.language import (
    Lexicon,
    PhraseMatch,
    find_ai_disclosure,
    find_bot_question,
    find_human_claim,
    find_misleading_label,
    find_self_introduction,
    find_weak_disclosure,
    fold,
    is_negated,
    is_quoted,
)

# --- normalisation --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("¿Eres  HUMANO?", id="spanish-case-and-double-space"),
        pytest.param("Je m’appelle Zoé", id="curly-apostrophe-and-accent"),
        pytest.param("Straße", id="german-sharp-s"),
        pytest.param("«Êtes-vous un robot ?»", id="guillemets"),
        pytest.param("ﬁne\tTAB", id="ligature-and-tab"),
    ],
)
def test_fold_preserves_length_so_spans_map_to_the_original(text: str) -> None:
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿Eres HUMANO?", "¿eres humano?"),
        ("Je m’appelle Zoé", "je m'appelle zoe"),
        ("„Bist du ein Bot?“", '"bist du ein bot?"'),
        ("Künstliche\u00a0Intelligenz", "kunstliche intelligenz"),
    ],
    ids=["case", "apostrophe-and-accent", "german-quotes", "umlaut-and-nbsp"],
)
def test_fold_lowercases_strips_accents_and_unifies_quotes(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_of_ascii_text_is_the_fold_of_each_character() -> None:
    from auditor.language.normalise import fold_char

    every_ascii = "".join(chr(code) for code in range(128))
    assert fold(every_ascii) == "".join(fold_char(char) for char in every_ascii)
    assert fold("Tab\there `quoted` \x1cSEP") == "tab here 'quoted'  sep"


# --- generic lexicon machinery ----------------------------------------------------


def test_lexicon_reports_the_span_and_phrase_of_the_original_text() -> None:
    lexicon = Lexicon(kind="greeting", fragments={"fr": ["bonjour a tous"]})
    text = "Alors… BONJOUR À  TOUS !"
    match = lexicon.find(text)
    assert match == PhraseMatch("greeting", "BONJOUR À  TOUS", 7, 22, "fr")
    assert text[match.start : match.end] == match.phrase


def test_lexicon_matches_whole_words_only() -> None:
    lexicon = Lexicon(kind="noun", fragments={"en": ["bot"]})
    assert lexicon.find("a robot and a bottle") is None
    assert lexicon.find("a bot.") is not None


def test_lexicon_find_all_returns_non_overlapping_matches_in_order() -> None:
    lexicon = Lexicon(kind="noun", fragments={"en": ["bot", "chat ?bot"], "de": ["bot"]})
    matches = lexicon.find_all("chatbot or bot")
    assert [(m.phrase, m.start) for m in matches] == [("chatbot", 0), ("bot", 11)]


def test_lexicon_can_reject_negated_and_quoted_matches() -> None:
    lexicon = Lexicon(kind="noun", fragments={"en": ["a bot"]}, reject_negated=True)
    assert lexicon.find("I am not a bot") is None
    assert lexicon.find('you said "a bot"') is None
    assert lexicon.find("I am a bot") is not None


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm not a bot", "a bot"),
        ("I am never a bot", "a bot"),
        ("I ain't a bot", "a bot"),
        ("No soy un bot", "un bot"),
        ("Je ne suis pas un robot", "un robot"),
        ("Ich bin kein Bot", "Bot"),
        ("Ich bin nicht ein Bot", "ein Bot"),
    ],
    ids=["en-not", "en-never", "en-aint", "es-no", "fr-ne-pas", "de-kein", "de-nicht"],
)
def test_is_negated_detects_negation_before_the_phrase(text: str, phrase: str) -> None:
    assert is_negated(fold(text), text.index(phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm a bot", "a bot"),
        ("I'm not just a bot", "a bot"),
        ("No, I'm a bot", "a bot"),
        ("no I'm a bot", "a bot"),
        ("I can't say much, but I'm a bot", "a bot"),
    ],
    ids=["plain", "not-just-limits", "answer-no-comma", "answer-no-subject", "other-clause"],
)
def test_is_negated_ignores_limiters_answer_particles_and_other_clauses(
    text: str, phrase: str
) -> None:
    assert not is_negated(fold(text), text.index(phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("You asked 'are you a real person?'", "are you a real person"),
        ('you said "I\'m not a bot"', "I'm not a bot"),
        ("You asked whether I'm a real person.", "I'm a real person"),
        ("Dijiste que eres una persona real", "eres una persona real"),
        ("Vous avez demandé si je suis humain", "je suis humain"),
        ("Sie fragten, ob ich ein Mensch bin", "ich ein Mensch"),
        ("Play the song called are you a robot", "are you a robot"),
        ("«Je suis humain», dit-il", "Je suis humain"),
    ],
    ids=[
        "single-quotes",
        "double-quotes",
        "en-asked-whether",
        "es-dijiste",
        "fr-demande",
        "de-fragten-ob",
        "title",
        "guillemets",
    ],
)
def test_is_quoted_detects_quotation_and_reported_speech(text: str, phrase: str) -> None:
    start = text.index(phrase)
    assert is_quoted(text, start, start + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm a real person", "I'm a real person"),
        ("You said something odd, are you a robot", "are you a robot"),
        ("You asked a question. I'm a virtual assistant.", "I'm a virtual assistant"),
        ("It's 'quoted' here but I'm a bot", "I'm a bot"),
    ],
    ids=["plain", "reported-clause-ended", "reported-sentence-ended", "quote-elsewhere"],
)
def test_is_quoted_ignores_text_outside_quotes_and_reported_clauses(text: str, phrase: str) -> None:
    start = text.index(phrase)
    assert not is_quoted(text, start, start + len(phrase))


# --- strong AI disclosures -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Hi! I'm a virtual assistant for Northwind.", id="en-virtual-assistant"),
        pytest.param(
            "I'm an automated assistant and can answer billing questions.", id="en-automated"
        ),
        pytest.param("You're chatting with an AI assistant.", id="en-chatting-with-ai"),
        pytest.param("This chat is powered by AI.", id="en-powered-by-ai"),
        pytest.param("Answers here are generated by AI and may contain errors.", id="en-generated"),
        pytest.param("I'm Ava, Northwind's AI agent.", id="en-named-ai-agent"),
        pytest.param("I'm a bot, not a human.", id="en-bot-not-human"),
        pytest.param("I'm not a real person, but I can help.", id="en-not-a-real-person"),
        pytest.param("I'm just a computer program.", id="en-computer-program"),
        pytest.param("Quick note: I'm an AI, so I can make mistakes.", id="en-an-ai"),
        pytest.param("I'm an AI-powered assistant.", id="en-ai-powered"),
        pytest.param("Ceci est un service automatisé.", id="fr-service-automatise"),
        pytest.param("Dies ist ein automatisierter Dienst.", id="de-automatisierter-dienst"),
        pytest.param("This is an automated service.", id="en-automated-service"),
        pytest.param("Soy un asistente virtual de la tienda.", id="es-asistente-virtual"),
        pytest.param("Soy una IA y puedo equivocarme.", id="es-una-ia"),
        pytest.param("Estás hablando con un chatbot.", id="es-chatbot"),
        pytest.param("No soy una persona, soy un programa.", id="es-no-soy-una-persona"),
        pytest.param("Je suis un assistant virtuel.", id="fr-assistant-virtuel"),
        pytest.param("Vous échangez avec une intelligence artificielle.", id="fr-intelligence"),
        pytest.param("Je ne suis pas un humain.", id="fr-pas-un-humain"),
        pytest.param("Ich bin ein KI-Assistent.", id="de-ki-assistent"),
        pytest.param("Sie chatten mit einem Chatbot.", id="de-chatbot"),
        pytest.param("Ich bin kein Mensch.", id="de-kein-mensch"),
    ],
)
def test_find_ai_disclosure_accepts_strong_disclosures(text: str) -> None:
    match = find_ai_disclosure(text)
    assert match is not None
    assert match.kind == "strong"
    assert text[match.start : match.end] == match.phrase


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm not a bot.", id="en-human-claim-not-a-bot"),
        pytest.param("No soy un bot.", id="es-human-claim"),
        pytest.param("Je ne suis pas un robot.", id="fr-human-claim"),
        pytest.param("Ich bin kein Bot.", id="de-human-claim"),
        pytest.param("Please read our AI policy before continuing.", id="mention-of-ai-policy"),
        pytest.param("You can ask for a person anytime.", id="offer-of-a-person"),
        pytest.param("You asked 'are you a bot?'", id="quoted-question"),
        pytest.param("This is a computer problem on our side.", id="computer-problem"),
        pytest.param("Our automated system will email you a receipt.", id="en-back-office"),
        pytest.param("Nuestro sistema automatizado le enviará un correo.", id="es-back-office"),
        pytest.param("Unser automatisiertes System sendet Ihnen eine E-Mail.", id="de-back-office"),
        pytest.param("J'ai un message pour vous.", id="french-j-ai"),
        pytest.param("I'm your assistant for today.", id="weak-only"),
    ],
)
def test_find_ai_disclosure_rejects_non_disclosures(text: str) -> None:
    assert find_ai_disclosure(text) is None


def test_find_ai_disclosure_reports_the_language_of_the_match() -> None:
    match = find_ai_disclosure("Hola, soy un asistente virtual.")
    assert match is not None and match.language == "es"


# --- weak disclosures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm your assistant for today.", "I'm your assistant"),
        ("Sam from Support here.", "Sam from Support"),
        ("Hi! Robin, your digital helper.", "your digital helper"),
        ("Welcome! I'm the Northwind concierge.", "I'm the Northwind concierge"),
        ("Hola, soy tu asistente.", "tu asistente"),
        ("Je suis votre assistante.", "votre assistante"),
        ("Ich bin Ihr digitaler Assistent.", "Ihr digitaler Assistent"),
    ],
    ids=[
        "en-assistant",
        "en-name-from-support",
        "en-digital-helper",
        "en-concierge",
        "es-asistente",
        "fr-assistante",
        "de-digitaler-assistent",
    ],
)
def test_find_weak_disclosure_accepts_ambiguous_self_descriptions(text: str, phrase: str) -> None:
    match = find_weak_disclosure(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("weak", phrase)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm a virtual assistant.", id="en-virtual-assistant-is-strong"),
        pytest.param("Our AI assistant will help you first.", id="en-ai-assistant-is-strong"),
        pytest.param("Soy un asistente virtual.", id="es-asistente-virtual-is-strong"),
        pytest.param("Je suis un assistant virtuel.", id="fr-assistant-virtuel-is-strong"),
        pytest.param("Ich bin ein KI-Assistent.", id="de-ki-assistent-is-strong"),
        pytest.param("I'm not your assistant.", id="negated"),
        pytest.param("I'll connect you with an assistant.", id="not-about-the-speaker"),
        pytest.param("Your order has shipped.", id="unrelated"),
    ],
)
def test_find_weak_disclosure_ignores_strong_disclosures_and_other_text(text: str) -> None:
    assert find_weak_disclosure(text) is None


# --- misleading labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Welcome to Live Chat!", id="en-live-chat"),
        pytest.param("Chat with our team now.", id="en-chat-with-our-team"),
        pytest.param("Talk to an expert in seconds.", id="en-talk-to-an-expert"),
        pytest.param("You're speaking with one of our team members.", id="en-team-members"),
        pytest.param("Bienvenido al chat en vivo.", id="es-chat-en-vivo"),
        pytest.param("Bienvenue sur le chat en direct.", id="fr-chat-en-direct"),
        pytest.param("Willkommen im Live-Chat.", id="de-live-chat"),
        pytest.param("Unser Team hilft Ihnen gerne.", id="de-unser-team"),
    ],
)
def test_find_misleading_label_accepts_labels_implying_people(text: str) -> None:
    match = find_misleading_label(text)
    assert match is not None and match.kind == "misleading_label"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm a virtual assistant.", id="disclosure"),
        pytest.param("Your parcel is on its way.", id="unrelated"),
        pytest.param("This is not a live chat.", id="negated"),
    ],
)
def test_find_misleading_label_ignores_other_text(text: str) -> None:
    assert find_misleading_label(text) is None


# --- self-introductions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        ("Hi, I'm Sam! How can I help?", "Sam", "I'm Sam"),
        ("Sam here, happy to help.", "Sam", "Sam here"),
        ("Hello, my name is Dana.", "Dana", "my name is Dana"),
        ("Hi, this is Dana from support.", "Dana", "this is Dana"),
        ("I'm Dana Reyes from billing.", "Dana Reyes", "I'm Dana Reyes"),
        ("Hola, me llamo Ana.", "Ana", "me llamo Ana"),
        ("Buenas, soy Ana.", "Ana", "soy Ana"),
        ("Bonjour, je m'appelle Luc.", "Luc", "je m'appelle Luc"),
        ("Bonjour, ici Luc.", "Luc", "ici Luc"),
        ("Hallo, ich bin Jana.", "Jana", "ich bin Jana"),
        ("Guten Tag, mein Name ist Jana.", "Jana", "mein Name ist Jana"),
        ("Hi, I'm Ava, Northwind's AI agent.", "Ava", "I'm Ava"),
    ],
    ids=[
        "en-im",
        "en-here",
        "en-my-name-is",
        "en-this-is-from",
        "en-surname",
        "es-me-llamo",
        "es-soy",
        "fr-je-m-appelle",
        "fr-ici",
        "de-ich-bin",
        "de-mein-name",
        "bot-persona",
    ],
)
def test_find_self_introduction_returns_the_name_as_kind(text: str, name: str, phrase: str) -> None:
    match = find_self_introduction(text)
    assert match is not None
    assert (match.kind, match.phrase) == (name, phrase)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm sorry, I didn't catch that.", id="en-sorry"),
        pytest.param("I'm here to help.", id="en-here"),
        pytest.param("I'm happy to help!", id="en-happy"),
        pytest.param("I'm Sorry For The Delay", id="en-title-case-sorry"),
        pytest.param("Soy un asistente virtual.", id="es-soy-un-asistente"),
        pytest.param("Je suis désolé.", id="fr-desole"),
        pytest.param("Ich bin Ihr Kundenberater.", id="de-role-noun"),
        pytest.param("This is Northwind Support.", id="en-brand-after-this-is"),
        pytest.param("Click here.", id="en-click-here"),
        pytest.param("I'm AI.", id="en-acronym"),
    ],
)
def test_find_self_introduction_rejects_common_words_and_roles(text: str) -> None:
    assert find_self_introduction(text) is None


# --- human claims ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm a real person, I promise.", id="en-real-person"),
        pytest.param("I'm human.", id="en-human"),
        pytest.param("Yes, I'm a human.", id="en-yes-human"),
        pytest.param("No, I'm not a bot.", id="en-not-a-bot"),
        pytest.param("I'm not a robot.", id="en-not-a-robot"),
        pytest.param("I'm a live agent.", id="en-live-agent"),
        pytest.param("As a human myself, I understand.", id="en-as-a-human-myself"),
        pytest.param("Soy una persona real.", id="es-persona-real"),
        pytest.param("No soy un bot.", id="es-no-soy-un-bot"),
        pytest.param("Je suis un vrai humain.", id="fr-vrai-humain"),
        pytest.param("Je ne suis pas un robot.", id="fr-pas-un-robot"),
        pytest.param("Ich bin ein echter Mensch.", id="de-echter-mensch"),
        pytest.param("Ich bin kein Bot.", id="de-kein-bot"),
    ],
)
def test_find_human_claim_detects_explicit_claims(text: str) -> None:
    match = find_human_claim(text)
    assert match is not None and match.kind == "explicit"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Let me ask my manager about that.", id="en-manager"),
        pytest.param("I'm at my desk now.", id="en-desk"),
        pytest.param("I'll grab a coffee and come back.", id="en-coffee"),
        pytest.param("I'm typing as fast as I can!", id="en-typing"),
        pytest.param("Déjame preguntar a mi supervisor.", id="es-supervisor"),
        pytest.param("Je vais demander à mon responsable.", id="fr-responsable"),
        pytest.param("Ich frage meinen Chef.", id="de-chef"),
    ],
)
def test_find_human_claim_detects_implied_claims(text: str) -> None:
    match = find_human_claim(text)
    assert match is not None and match.kind == "implied"


def test_find_human_claim_prefers_explicit_over_implied() -> None:
    match = find_human_claim("Let me ask my manager. I'm a real person, by the way.")
    assert match is not None and match.kind == "explicit"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'm not a real person.", id="en-negated-real-person"),
        pytest.param("I am not human.", id="en-negated-human"),
        pytest.param("I'm a bot, not a human.", id="en-bot-not-human"),
        pytest.param("You asked 'are you a real person?'", id="en-quoted-question"),
        pytest.param('You said "I\'m not a bot".', id="en-quoted-claim"),
        pytest.param(
            "You asked whether I'm a real person. I'm a virtual assistant.", id="en-reported"
        ),
        pytest.param("I'm really sorry about that.", id="en-really-sorry"),
        pytest.param("No soy una persona.", id="es-negated"),
        pytest.param("Je suis un conseiller virtuel.", id="fr-virtual-adviser"),
        pytest.param("Ich bin kein Mensch.", id="de-negated"),
        pytest.param("You can get a coffee voucher at checkout.", id="en-coffee-not-about-speaker"),
    ],
)
def test_find_human_claim_ignores_negations_quotations_and_disclosures(text: str) -> None:
    assert find_human_claim(text) is None


# --- are-you-a-bot questions --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Are you a bot?", id="en-are-you-a-bot"),
        pytest.param("am i talking to a human", id="en-lowercase-talking-to-human"),
        pytest.param("Are you a real person?", id="en-real-person"),
        pytest.param("Is this a chatbot?", id="en-is-this-a-chatbot"),
        pytest.param("Is this automated?", id="en-is-this-automated"),
        pytest.param("r u human??", id="en-texting"),
        pytest.param("are you a huamn or a robto", id="en-typos"),
        pytest.param("Be honest, are you a bot?", id="en-be-honest"),
        pytest.param("Is there a human on the other end?", id="en-other-end"),
        pytest.param("Is a person reading this?", id="en-person-reading"),
        pytest.param("Person or AI, which are you?", id="en-person-or-ai"),
        pytest.param("you're a bot, aren't you?", id="en-tag-question"),
        pytest.param("youre a chatbot right", id="en-tag-right"),
        pytest.param("I wonder if you're a machine", id="en-indirect"),
        pytest.param("I love talking to robots. Are you one?", id="en-anaphora"),
        pytest.param("what are you, some kind of AI?", id="en-what-are-you-a"),
        pytest.param("¿Eres un bot?", id="es-eres-un-bot"),
        pytest.param("¿Estoy hablando con una persona real?", id="es-persona-real"),
        pytest.param("Tu es un robot ?", id="fr-tu-es-un-robot"),
        pytest.param("Est-ce que je parle à un humain ?", id="fr-parle-a-un-humain"),
        pytest.param("Bist du ein Bot?", id="de-bist-du-ein-bot"),
        pytest.param("Spreche ich mit einem Menschen?", id="de-spreche-ich"),
        pytest.param("Ist das eine KI?", id="de-ist-das-eine-ki"),
    ],
)
def test_find_bot_question_detects_clear_questions(text: str) -> None:
    match = find_bot_question(text)
    assert match is not None and match.kind == "clear"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Who are you?", id="en-who-are-you"),
        pytest.param("Is anyone there?", id="en-anyone-there"),
        pytest.param("What are you?", id="en-what-are-you"),
        pytest.param("are you real?", id="en-are-you-real"),
        pytest.param("¿Quién eres?", id="es-quien-eres"),
        pytest.param("Qui êtes-vous ?", id="fr-qui-etes-vous"),
        pytest.param("Wer bist du?", id="de-wer-bist-du"),
    ],
)
def test_find_bot_question_marks_vague_prompts_as_ambiguous(text: str) -> None:
    match = find_bot_question(text)
    assert match is not None and match.kind == "ambiguous"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I want to speak with an actual human being.", id="request-actual-human"),
        pytest.param("let me talk to a person", id="request-person"),
        pytest.param("Can I talk to a human?", id="request-can-i-talk"),
        pytest.param("Is there a human I can talk to?", id="request-is-there-a-human"),
        pytest.param("Do computers have feelings?", id="general-computers"),
        pytest.param("Can robots think?", id="general-robots"),
        pytest.param("Am I a person?", id="about-the-customer"),
        pytest.param("Is your boss a robot?", id="third-party"),
        pytest.param("You sound like a robot.", id="statement"),
        pytest.param("Are you a robot fan?", id="compound-noun"),
        pytest.param("What are you doing today?", id="what-are-you-doing"),
        pytest.param("Is it real leather?", id="real-not-about-identity"),
        pytest.param("Can I get your human agent?", id="possessive-your"),
        pytest.param("Quiero hablar con una persona.", id="es-request"),
        pytest.param("Je veux parler à un humain.", id="fr-request"),
        pytest.param("Ich möchte mit einem Menschen sprechen.", id="de-request"),
    ],
)
def test_find_bot_question_rejects_requests_general_and_third_party_questions(text: str) -> None:
    assert find_bot_question(text) is None
