"""Words that are never a name or a place on their own, and what counts as a name word.

The small spaCy models tag support-chat vocabulary as entities ("an AI assistant"
gives a place called "AI", "tu factura" a person): a name or place must contain at
least one word outside these lists. The same test decides which texts need the entity
recognizer at all: a text without any name word cannot yield a kept entity.

Besides each language's stop words and support-chat words, some words are never a
person whatever the language:

- brands and products people write to support about ("Xbox", "AirPods", "Spotify
  Premium"), and word shapes that only brands take: a lower-case start with a capital
  inside ("iPhone", "eBay"), capitals inside a word beyond a surname prefix
  ("PlayStation", "DoorDash", but "McDonald", "DeShawn" stay names), digits ("PS5");
- words written in capitals ("RIDICULOUS", "PLEASE", "URGENT"): in chat, shouting or
  an acronym far more often than a name (`is_shouted`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Span, Token

from auditor.pii.context import DEFAULT_LANGUAGE
from auditor.pii.stop_words import stop_words

# Stop words that are also common given names stay name words ("Will", "Dan" is a
# Spanish verb form, "Mia" an Italian possessive, "Ben" Dutch for "am").
_NAME_LIKE_STOP_WORDS = frozenset({"will", "may", "dan", "mia", "sara", "ben"})

_SUPPORT_WORDS = frozenset({
    "ai", "a.i.", "bot", "bots", "chatbot", "chatbots", "robot", "robots", "assistant",
    "assistants", "agent", "agents", "human", "humans", "person", "people", "operator",
    "representative", "rep", "virtual", "automated", "automatic", "support", "customer",
    "customers", "service", "services", "team", "staff", "manager", "supervisor", "help",
    "helpdesk", "chat", "live", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "yes",
    "yeah", "yep", "nope", "sorry", "welcome", "bye", "goodbye", "regards", "cheers",
    "dear", "sir", "madam", "ma'am", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.",
    "dr", "dr.", "prof", "prof.", "miss", "online", "today", "tomorrow", "yesterday", "now",
    "asap", "please", "pls", "plz", "lol", "omg", "btw", "fyi", "thx", "ty", "dm", "rt",
    "sales", "technical", "tech", "claims", "care",
    # What follows "Thanks," when no name does: "Thanks, Perfect!", "Hi, Everyone".
    "perfect", "great", "awesome", "cool", "sure", "fine", "nice", "wonderful", "excellent",
    "brilliant", "amazing", "lovely", "appreciated", "noted", "understood", "again",
    "everyone", "everybody", "guys", "folks", "all", "friend", "there", "mate", "buddy",
    # Contractions that open a sentence: "I'm", "It's".
    "i'm", "i'll", "i'd", "i've", "it's", "that's", "let's", "we're", "you're", "they're",
    "he's", "she's", "there's", "here's", "what's", "we'll", "you'll",
    # Parts of links people paste: "https", "www".
    "http", "https", "www", "com", "url", "link",
    # A bot under test or in a demo: "Test Copilot", "Sample's bot".
    "test", "demo", "sample",
})
# What support chats are about: quick-reply buttons ("Order Status", "Track Order"),
# departments ("Billing please"), product tiers ("Spotify Premium"). A name or place
# candidate holding one of these is a topic, not trimmed to its other words.
TOPIC_WORDS: frozenset[str] = frozenset({
    "order", "orders", "ticket", "refund", "account", "card", "email", "e-mail", "phone",
    "number", "address", "password", "pin", "code", "faq", "app", "website", "status",
    "track", "tracking", "menu", "question", "questions", "option", "options", "balance",
    "bill", "billing", "plan", "login", "reset", "cancel", "cancellation", "upgrade",
    "returns", "shipping", "delivery", "payment", "payments", "invoice", "subscription",
    "membership", "store", "wallet", "pay", "premium", "plus", "pro", "prime", "ultra",
    "mini", "lite", "unlimited", "music", "tv", "cloud",
})
# How exports print a missing value: never a name.
_MISSING_VALUE_WORDS = frozenset({"nan", "none", "null", "nil", "n/a", "na", "undefined"})
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "july", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "christmas", "easter",
})
# Greetings, courtesy, titles and support vocabulary of the other languages
# conversations are written in; the calendar where it is not a name as well.
_SUPPORT_WORDS_BY_LANGUAGE: Mapping[str, frozenset[str]] = MappingProxyType({
    "es": frozenset("""
        hola gracias buenos buenas días dias tardes noches saludos atentamente adiós adios
        señor señora señorita sr sra srta don doña cliente clienta servicio atención
        atencion pedido factura cuenta tarjeta número numero dirección direccion contraseña
        código codigo reembolso envío envio paquete ayuda equipo asistente agente humano
        persona vale sí si porfa favor lunes martes miércoles miercoles jueves viernes
        sábado sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre
        octubre noviembre diciembre perfecto genial estupendo vale amigo amiga todos
        """.split()),
    "fr": frozenset("""
        bonjour bonsoir salut merci cordialement madame monsieur mademoiselle mme mlle
        conseiller conseillère conseillere client cliente service commande facture compte
        carte numéro numero adresse passe code remboursement colis livraison aide équipe
        equipe assistant assistante agent humain oui non svp stp journée journee revoir
        lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars
        avril mai juin juillet août aout septembre octobre novembre décembre decembre
        parfait super génial genial top tous
        """.split()),
    "de": frozenset("""
        hallo guten tag morgen abend danke bitte grüße grüsse gruß gruss freundlichen
        tschüss herr frau kunde kundin kundenservice kundendienst service bestellung
        rechnung konto karte nummer adresse passwort code erstattung paket lieferung hilfe
        team assistent assistentin mitarbeiter mitarbeiterin mensch ja nein montag
        dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april
        juni juli august oktober dezember super toll prima perfekt alle zusammen
        """.split()),
    "it": frozenset("""
        ciao buongiorno buonasera grazie saluti signore signora cliente servizio ordine
        fattura conto carta numero indirizzo assistenza aiuto squadra operatore sì
        """.split()),
    "pt": frozenset("""
        olá ola obrigado obrigada bom boa dia tarde noite senhor senhora cliente serviço
        pedido fatura conta cartão numero número endereço ajuda equipe atendente sim
        """.split()),
    "nl": frozenset("""
        hallo hoi goedemorgen goedemiddag bedankt dank groeten meneer mevrouw klant
        klantenservice bestelling factuur rekening kaart nummer adres hulp team medewerker
        ja nee
        """.split()),
    "pl": frozenset("""
        dzień dobry cześć witam dziękuję dzięki pozdrawiam pan pani klient klientka
        zamówienie faktura konto karta numer adres pomoc zespół konsultant tak nie
        """.split()),
})
# The languages whose spaCy stop words are never name words (`stop_words.py`).
STOP_WORD_LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "nl", "pl"})

# Brands and products customers name in support chats: the companies behind the
# busiest support accounts of the public "Customer Support on Twitter" corpus and
# the devices, services and apps people most often write about. A word of a name
# candidate that is one of these makes it a product, not a person.
BRAND_WORDS: frozenset[str] = frozenset("""
    amazon alexa kindle echo fire audible apple iphone ipad imac macbook airpods airpod
    icloud itunes ios ipod siri xbox playstation ps3 ps4 ps5 psn nintendo steam spotify
    netflix hulu disney youtube google gmail android pixel chromecast samsung galaxy
    microsoft windows outlook skype copilot azure office365 facebook instagram whatsapp
    messenger twitter tiktok snapchat uber lyft airbnb doordash grubhub deliveroo
    postmates instacart paypal venmo zelle visa mastercard amex verizon sprint tmobile
    t-mobile xfinity comcast spectrum vodafone att at&t tesco sainsbury sainsburys
    walmart costco ebay etsy shopify fedex ups usps dhl hermes jetblue ryanair easyjet
    lufthansa emirates expedia booking.com chipotle starbucks dell lenovo asus acer sony
    nokia huawei fitbit garmin roku sonos peloton dyson tesla zoom slack dropbox adobe
    photoshop norton mcafee gopro bose hbo peacock paramount twitch discord reddit
    linkedin pinterest yahoo hotmail aol firefox chrome safari bing cortana
""".split())

# What may come before an inner capital in a name: McDonald, MacKenzie, DeShawn,
# LaToya, DiCaprio, VanDyke, JoAnn, MaryBeth (in O'Brien the apostrophe is no letter).
_NAME_PREFIXES = frozenset({"mc", "mac", "de", "di", "da", "du", "la", "le", "lo", "van",
                            "von", "del", "della", "st", "fitz", "jo", "ja", "ke", "ta",
                            "sha", "mary", "ann", "anne"})


# Marks that stick to a name's edge in chat without being part of it.
_EDGE_MARKS = "-–—~'’\"“”«»()[]*_"


@lru_cache(maxsize=16)
def not_name_words(language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """Lower-case words never a name on their own in a text of `language`.

    English chat vocabulary applies in every language (people mix "ok", "bot",
    "thanks" into any language); a language's own stop and support words add to it.
    """
    words = (stop_words("en") | _SUPPORT_WORDS | TOPIC_WORDS | _CALENDAR_WORDS
             | _MISSING_VALUE_WORDS
             | (stop_words(language) if language in STOP_WORD_LANGUAGES else frozenset())
             | _SUPPORT_WORDS_BY_LANGUAGE.get(language, frozenset()))
    return frozenset(words - _NAME_LIKE_STOP_WORDS)


# The English list, as other modules have imported it.
NOT_NAME_WORDS: frozenset[str] = not_name_words(DEFAULT_LANGUAGE)


def is_brand_like(word: str) -> bool:
    """Whether `word` is a known brand or has a shape only brands take.

    "iPhone" and "eBay" start lower-case; "PlayStation" and "AirPods" have a capital
    inside that no surname prefix explains; "PS5" has a digit.
    """
    bare = word.strip(".,'’-")
    if bare.casefold() in BRAND_WORDS or any(char.isdigit() for char in bare):
        return True
    letters = [char for char in bare if char.isalpha()]
    if len(letters) < 2:
        return False
    if letters[0].islower() and any(char.isupper() for char in letters[1:]):
        return True
    for i in range(1, len(bare)):
        if bare[i].isupper() and bare[i - 1].islower():
            return bare[:i].casefold() not in _NAME_PREFIXES
    return False


def is_shouted(word: str) -> bool:
    """Whether `word` is written in capitals, with at least two letters ("URGENT", "PLS")."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def is_name_word(word: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether `word` could be (part of) a name or place: it has a letter and is no
    stop word, support-chat word or brand."""
    return (any(char.isalpha() for char in word)
            and word.lower() not in not_name_words(language)
            and not is_brand_like(word))


def has_name_word(tokens: Iterable[Token], language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether any of the tokens is a name word."""
    return any(is_name_word(token.text, language) for token in tokens)


def name_bounds(span: Span, language: str = DEFAULT_LANGUAGE, *,
                shouting_allowed: bool = True) -> tuple[int, int] | None:
    """Character bounds of `span` without its leading and trailing non-name words
    ("Call John Smith" -> "John Smith"); None when no name word is left, or when a
    word of it is a brand or a topic ("Spotify Premium" names a product, "Order
    Status" a button, not a person).

    Without `shouting_allowed`, words in capitals do not count as name words.
    """
    if any(is_brand_like(token.text) or token.lower_ in TOPIC_WORDS for token in span):
        return None
    words = [token for token in span if is_name_word(token.text, language)
             and (shouting_allowed or not is_shouted(token.text))]
    if not words:
        return None
    # A token can carry a dash or quote that is no part of the name: "-Anna" signing off.
    first, last = words[0].text, words[-1].text
    start = words[0].idx + len(first) - len(first.lstrip(_EDGE_MARKS))
    end = words[-1].idx + len(last.rstrip(_EDGE_MARKS))
    return (start, end) if start < end else None
