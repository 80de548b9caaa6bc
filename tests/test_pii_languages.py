"""Names in the conversation's language: a pipeline where one is installed (English,
French), cue words elsewhere (Spanish, German, Italian, Portuguese, Dutch), and never
the English model on text in another language.

Every language claimed has a case that must be reported and a twin that must not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from presidio_analyzer import EntityRecognizer, RecognizerResult

from auditor.model import Conversation, Role, Turn
from auditor.pii import PiiEngine, PiiSettings, engine_for
from auditor.pii.context import DEFAULT_CONTEXT, TextContext, analysing, current_context
from auditor.pii.conversations import conversation_contexts
from auditor.pii.detector import Detector
from auditor.pii.engine import Strategy
from auditor.pii.pipeline import pipeline_name
from auditor.pii.recognizers import GuardedRecognizer
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import conversation, write_jsonl

MODEL = PiiSettings().spacy_model
SPANISH = TextContext(language="es")
FRENCH = TextContext(language="fr")
GERMAN = TextContext(language="de")


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The default engine."""
    return engine_for()


def found(engine: PiiEngine, text: str, context: TextContext) -> set[tuple[str, str]]:
    """(entity type, value) pairs reported in `text` read in `context`."""
    return {(span.entity_type, span.value(text)) for span in engine.analyze(text, context)}


def people(engine: PiiEngine, text: str, context: TextContext) -> list[str]:
    """The PERSON values reported in `text` read in `context`."""
    return [value for kind, value in found(engine, text, context) if kind == "PERSON"]


@pytest.mark.parametrize(("language", "model"), [
    ("en", MODEL), (None, MODEL), ("fr", "fr_core_news_sm"), ("es", None), ("de", None),
    ("it", None), ("ja", None),
], ids=["english", "unknown-reads-as-english", "french", "spanish", "german", "italian",
        "japanese"])
def test_each_language_gets_its_pipeline_or_patterns_only(language: str | None,
                                                           model: str | None) -> None:
    assert pipeline_name(language or "en", MODEL) == model


def test_patterns_only_by_choice_holds_for_every_language() -> None:
    assert pipeline_name("fr", None) is None


@pytest.mark.parametrize("text", [
    "Hola, no encuentro tu factura de marzo, ¿me ayudas con tu factura?",
    "Necesito cambiar la dirección de envío de mi pedido",
    "Quiero hablar con una persona, por favor",
], ids=["tu-factura", "direccion-de-envio", "hablar-con-una-persona"])
def test_spanish_text_is_not_read_by_the_english_model(engine: PiiEngine, text: str) -> None:
    assert people(engine, text, SPANISH) == []


@pytest.mark.parametrize(("context", "text", "name"), [
    (SPANISH, "Hola, me llamo Ana García y tengo un problema", "Ana García"),
    (SPANISH, "mi nombre es lucía", "lucía"),
    (SPANISH, "Por favor, pregunte por la Sra. Ortega", "Ortega"),
    (SPANISH, "Mi hija Valeria hizo el pedido", "Valeria"),
    (SPANISH, "Gracias por todo.\nSaludos,\nMateo Ruiz", "Mateo Ruiz"),
    (FRENCH, "Bonjour, je m'appelle Camille Martin", "Camille Martin"),
    (FRENCH, "mon prénom est zoé", "zoé"),
    (FRENCH, "Pouvez-vous rappeler Mme Lefèvre demain ?", "Lefèvre"),
    (FRENCH, "Marie Dubois a appelé hier au sujet de sa commande", "Marie Dubois"),
    (GERMAN, "Hallo, ich heiße Jana Weber", "Jana Weber"),
    (GERMAN, "Mein Name ist lena", "lena"),
    (GERMAN, "Frau Schmidt hat gestern angerufen", "Schmidt"),
    (GERMAN, "Viele Grüße\nTobias Engel", "Tobias Engel"),
    (TextContext(language="it"), "Buongiorno, mi chiamo Giulia Rossi", "Giulia Rossi"),
    (TextContext(language="pt"), "Olá, meu nome é João Silva", "João Silva"),
    (TextContext(language="nl"), "Hallo, ik heet Sanne Visser", "Sanne Visser"),
    (TextContext(language="pl"), "Dzień dobry, nazywam się Anna Kowalska", "Anna Kowalska"),
], ids=["es-me-llamo", "es-lower-case", "es-title", "es-relation", "es-sign-off",
        "fr-je-m-appelle", "fr-lower-case", "fr-title", "fr-ner", "de-ich-heisse",
        "de-lower-case", "de-title", "de-sign-off", "it-mi-chiamo", "pt-meu-nome",
        "nl-ik-heet", "pl-nazywam-sie"])
def test_names_are_found_in_each_language(engine: PiiEngine, context: TextContext,
                                          text: str, name: str) -> None:
    assert name in people(engine, text, context)


@pytest.mark.parametrize(("context", "text"), [
    (SPANISH, "Me llamo la atención que no hubiera respuesta"),
    (SPANISH, "Gracias, Servicio al Cliente"),
    (FRENCH, "Votre facture de mars est disponible dans votre Espace Client"),
    (FRENCH, "Je voudrais parler à un conseiller, s'il vous plaît"),
    (FRENCH, "Bonjour Madame, merci pour votre message"),
    (GERMAN, "Ihre Rechnung ist im Kundenkonto, Ihr Kundenservice"),
    (GERMAN, "Die Frau am Telefon war sehr nett"),
    (GERMAN, "Ich bin Kunde seit Jahren und möchte kündigen"),
    (TextContext(language="it"), "Il mio ordine non è ancora arrivato"),
    (TextContext(language="pt"), "Meu pedido ainda não chegou"),
    (TextContext(language="nl"), "Mijn bestelling is nog niet aangekomen"),
    (TextContext(language="pl"), "Moje zamówienie jeszcze nie dotarło"),
    (GERMAN, "Ihre Rechnung ist im Kundenkonto, Ihr Team"),
], ids=["es-llamo-la-atencion", "es-signed-by-the-service", "fr-espace-client",
        "fr-conseiller", "fr-madame-alone", "de-kundenservice", "de-frau-noun", "de-ich-bin-noun",
        "it-no-name", "pt-no-name", "nl-no-name", "pl-no-name", "de-im-is-not-i-am"])
def test_twins_without_a_name_report_none(engine: PiiEngine, context: TextContext,
                                          text: str) -> None:
    assert people(engine, text, context) == []


@pytest.mark.parametrize(("context", "text", "entity", "value"), [
    (SPANISH, "Mi correo es ana.garcia@example.com", "EMAIL_ADDRESS", "ana.garcia@example.com"),
    (SPANISH, "La tarjeta es 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
    (GERMAN, "Bitte auf DE89370400440532013000 überweisen", "IBAN_CODE",
     "DE89370400440532013000"),
    (GERMAN, "Rufen Sie mich an: (212) 555-0147", "PHONE_NUMBER", "(212) 555-0147"),
    (FRENCH, "Mon e-mail : camille@example.com", "EMAIL_ADDRESS", "camille@example.com"),
], ids=["es-email", "es-card", "de-iban", "de-phone", "fr-email"])
def test_patterns_work_in_every_language(engine: PiiEngine, context: TextContext, text: str,
                                         entity: str, value: str) -> None:
    assert (entity, value) in found(engine, text, context)


MIXED = [
    ("Hola, me llamo Ana García", SPANISH),
    ("Bonjour, je m'appelle Camille Martin, camille@example.com", FRENCH),
    ("Marie Dubois a appelé hier", FRENCH),
    ("Hallo, ich heiße Jana Weber", GERMAN),
    ("Maria Lopez called from (212) 555-0147", DEFAULT_CONTEXT),
    ("Crystal Minh", TextContext(language="en", answers_name_request=True)),
    ("Thanks Dana!", TextContext(agent_names=frozenset({"dana"}))),
    ("Thanks Dana!", DEFAULT_CONTEXT),
    ("ok", SPANISH),
]


def test_batched_results_equal_one_presidio_call_per_text_in_every_context() -> None:
    fresh = PiiEngine(PiiSettings(), Detector(MODEL))
    texts = [text for text, _ in MIXED]
    contexts = [context for _, context in MIXED]
    batched = fresh.analyze_many(texts, contexts)
    assert batched == [fresh.analyze_one_by_one(text, context) for text, context in MIXED]
    assert batched == [fresh.analyze(text, context) for text, context in MIXED]
    assert batched[6] == () and batched[7] != ()


def test_one_by_one_prefetch_keeps_contexts_apart() -> None:
    naive = PiiEngine(PiiSettings(), Detector(MODEL), strategy=Strategy.ONE_BY_ONE)
    naive.prefetch([text for text, _ in MIXED], [context for _, context in MIXED])
    assert naive.analyses == len(MIXED)
    assert [naive.analyze(text, context) for text, context in MIXED] == \
        PiiEngine(PiiSettings(), Detector(MODEL)).analyze_many(
            [text for text, _ in MIXED], [context for _, context in MIXED])
    assert naive.analyses == len(MIXED)


class RegionSpy(EntityRecognizer):
    """Reports the whole text as a phone number when read in the US region."""

    uses_region: ClassVar[bool] = True
    seen: ClassVar[list[str | None]] = []

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="RegionSpy")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """One result in the US region, none elsewhere."""
        region = current_context().region
        self.seen.append(region)
        return [RecognizerResult("PHONE_NUMBER", 0, len(text), 1.0)] if region == "US" else []


def test_recognizers_read_the_region_and_it_keys_the_cache() -> None:
    detector = Detector(None)
    detector.add_recognizer(GuardedRecognizer(RegionSpy(), None))
    text = "5550147"
    assert detector.detect_many([text, text], [TextContext(region="us"), TextContext(
        region="EU")]) == [detector.detect_one_by_one(text, TextContext(region="US")), ()]
    assert {"US", "EU"} <= set(RegionSpy.seen)
    assert detector.detect_many([text], [TextContext(region="US")])[0] != ()


def test_the_region_is_in_the_cache_key_only_when_a_recognizer_reads_it() -> None:
    detector = Detector(None)
    region_aware = any(getattr(guarded.recognizer, "uses_region", False)
                       for guarded in detector.guarded)
    assert detector.reads_region is region_aware
    same_key = detector.detection_key(TextContext(region="US")) == \
        detector.detection_key(TextContext(region="EU"))
    assert same_key is not region_aware


def test_the_current_context_is_the_default_outside_an_analysis() -> None:
    assert current_context() is DEFAULT_CONTEXT
    with analysing(SPANISH):
        assert current_context() is SPANISH
    assert current_context() is DEFAULT_CONTEXT


def _conversation(*turns: tuple[Role, str], **attributes: str) -> Conversation:
    return Conversation("c-1", tuple(Turn(i, role, text) for i, (role, text) in enumerate(turns)),
                        attributes=attributes)


def test_a_conversations_context_holds_language_region_and_staff_names() -> None:
    conv = _conversation(
        (Role.BOT, "Hi, I'm Luis, Sample's bot. What's your name?"),
        (Role.CUSTOMER, "Crystal Minh"),
        (Role.AGENT, "Hi, this is Dana from billing."),
        (Role.CUSTOMER, "Thanks Dana"),
        language="es-MX", region="us-ca", bot_name="Test Copilot")
    contexts = conversation_contexts(conv)
    first, answer, _, thanks = (contexts.of(turn) for turn in conv.turns)
    assert first.language == "es" and first.region == "US-CA"
    assert first.persona_names == {"luis", "test", "copilot"}
    assert first.agent_names == {"dana"}
    assert answer.answers_name_request and not thanks.answers_name_request
    assert conversation_contexts(conv) is contexts  # computed once per conversation


def test_an_undeclared_language_is_identified_once_per_conversation() -> None:
    conv = _conversation(
        (Role.CUSTOMER, "Hola, no encuentro tu factura de marzo y necesito ayuda"),
        (Role.BOT, "Claro, con gusto te ayudo con tu factura."))
    assert conversation_contexts(conv).of(conv.turns[0]).language == "es"


def test_a_spanish_conversation_has_no_false_names_and_the_result_says_how_names_were_read(
        tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        *conversation("es-1", ("bot", "Hola, soy un asistente virtual. ¿En qué te ayudo?"),
                      ("customer", "No encuentro tu factura, ¿dónde está tu factura?"),
                      ("bot", "Tu factura está en tu cuenta."), language="es", region="ES"),
        *conversation("es-2", ("bot", "Hola, soy un asistente virtual. ¿Cómo te llamas?"),
                      ("customer", "Me llamo Ana García"), language="es", region="ES"),
        *conversation("fr-1", ("bot", "Bonjour, je suis un assistant virtuel."),
                      ("customer", "Je m'appelle Camille Martin"), language="fr", region="FR"),
        *conversation("en-1", ("bot", "Hi, I'm an AI assistant. What's your name?"),
                      ("customer", "Crystal Minh"), language="en", region="IE"),
    ])
    result = run_audit([path], policy=Policy(select=("PII004",)))
    named = {f.conversation_id for f in result.findings if f.data["entity_type"] == "PERSON"}
    assert named == {"es-2", "fr-1", "en-1"}
    assert (f"Names were scanned in en ({MODEL}) and fr (fr_core_news_sm); es had patterns "
            "only.") in result.notes


FRENCH_LOADED_LAZILY = """
import sys
from auditor.pii import engine_for
from auditor.pii.context import TextContext
from auditor.pii.pipeline import load_pipeline

engine = engine_for()
engine.analyze_many(["Hola, me llamo Ana", "Hello, I'm Dana"],
                    [TextContext(language="es"), TextContext(language="en")])
assert "fr_core_news_sm" not in sys.modules, "French package imported too early"
assert load_pipeline.cache_info().currsize == 2, load_pipeline.cache_info()
engine.analyze("Je m'appelle Camille", TextContext(language="fr"))
assert load_pipeline.cache_info().currsize == 3, load_pipeline.cache_info()
print("ok")
"""


def test_the_french_pipeline_loads_only_when_a_french_text_comes() -> None:
    run = subprocess.run([sys.executable, "-c", FRENCH_LOADED_LAZILY], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert json.dumps(run.stdout.strip()) == '"ok"'
