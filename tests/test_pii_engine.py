"""The personal-data engine: what it finds, what it leaves alone, and that batching is exact."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
from typing import Any

import pytest

from auditor.pii import PiiEngine, PiiSettings, PiiSpan, engine_for
from auditor.pii.detector import Detector
from auditor.pii.engine import Strategy, analysis_strategy
from auditor.pii.workers import can_fork
from auditor.redaction import redact

MODEL = PiiSettings().spacy_model


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The default engine with the spaCy pipeline, loaded once for the module."""
    built = engine_for()
    assert built.ner_available, "the project depends on the spaCy pipeline; install it"
    return built


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    """(entity type, value) pairs the engine reports in `text`."""
    return {(span.entity_type, span.value(text)) for span in engine.analyze(text)}


@pytest.mark.parametrize(("text", "entity", "value"), [
    ("Maria Lopez called about her refund yesterday.", "PERSON", "Maria Lopez"),
    ("Please ask for Ms. Okafor at the front desk.", "PERSON", "Okafor"),
    ("hi, my name is jonas", "PERSON", "jonas"),
    ("Could you send Priya my receipt again?", "PERSON", "Priya"),
    ("I moved to Chicago last month.", "LOCATION", "Chicago"),
    ("Ship it to 742 Evergreen Terrace, Apt 3 please.", "STREET_ADDRESS",
     "742 Evergreen Terrace, Apt 3"),
    ("New address: Keizersgracht 221 in the city centre.", "STREET_ADDRESS", "Keizersgracht 221"),
    ("Write to sam.lee@example.com about it.", "EMAIL_ADDRESS", "sam.lee@example.com"),
    ("You can reach me at (212) 555-0147 after five.", "PHONE_NUMBER", "(212) 555-0147"),
    ("My number is 555-0142.", "PHONE_NUMBER", "555-0142"),
    ("Call our London office on +44 20 7946 0958.", "PHONE_NUMBER", "+44 20 7946 0958"),
    ("Mobile: 0612 34 56 78", "PHONE_NUMBER", "0612 34 56 78"),
    ("The card is 4111 1111 1111 1111, expiring soon.", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("Pay into DE89370400440532013000 by Friday.", "IBAN_CODE", "DE89370400440532013000"),
    ("My SSN is 078-05-1120.", "US_SSN", "078-05-1120"),
    ("The router at 192.168.20.14 keeps dropping.", "IP_ADDRESS", "192.168.20.14"),
], ids=["person-ner", "person-title", "person-lowercase-introduction", "person-recipient",
        "location", "street-english", "street-germanic", "email", "phone-nanp",
        "phone-local-555", "phone-international", "phone-grouped-with-context", "card-visa-test",
        "iban", "ssn-sample", "ip"])
def test_each_entity_type_is_found(engine: PiiEngine, text: str, entity: str, value: str) -> None:
    assert (entity, value) in found(engine, text)


@pytest.mark.parametrize("text", [
    "Your order #A1234567 has shipped.",
    "I opened ticket 55512345 yesterday.",
    "Order number: 2125550147",
    "Case ref CS-20261001-77 is closed.",
    "Hi, I'm Ava, an AI assistant. How can I help?",
    "I'm Max, your virtual agent.",
    "Are you an AI or a human?",
    "Thanks, <PERSON>! Your e-mail <EMAIL_ADDRESS> is saved.",
    "My card ending <CREDIT_CARD ending 1111> was charged.",
    "The meeting is on 12.05.2026 at 10:30.",
    "ok",
    "",
], ids=["order-id", "ticket-id", "order-number-looks-like-phone", "case-ref", "bot-persona",
        "bot-persona-your", "ai-is-no-place", "placeholders", "card-placeholder", "date-and-time",
        "short-reply", "empty"])
def test_business_ids_personas_and_placeholders_are_not_personal_data(
        engine: PiiEngine, text: str) -> None:
    assert engine.analyze(text) == ()


def test_a_card_number_is_not_also_a_phone_number(engine: PiiEngine) -> None:
    text = "Call me, my card is 4111 1111 1111 1111."
    assert [span.entity_type for span in engine.analyze(text)] == ["CREDIT_CARD"]


def test_spans_are_sorted_and_do_not_overlap(engine: PiiEngine) -> None:
    text = ("Dana Reyes, 12 Baker Street, dana@example.com, (212) 555-0147, "
            "card 4111 1111 1111 1111, IBAN DE89370400440532013000.")
    spans = engine.analyze(text)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert not any(a.overlaps(b) for a, b in zip(spans, spans[1:], strict=False))
    assert {s.entity_type for s in spans} >= {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD",
                                             "IBAN_CODE", "STREET_ADDRESS"}


@pytest.mark.parametrize(("thresholds", "text", "kept"), [
    ({}, "Maria Lopez called about her refund yesterday.", True),
    ({"PERSON": 0.9}, "Maria Lopez called about her refund yesterday.", False),
    ({}, "You will find me at (212) 555-0147 after five.", True),
    ({"PHONE_NUMBER": 0.7}, "You will find me at (212) 555-0147 after five.", False),
    ({"PHONE_NUMBER": 0.7}, "Phone: (212) 555-0147", True),
    ({"CREDIT_CARD": 1.0}, "The card is 4111 1111 1111 1111.", True),
], ids=["person-default", "person-raised", "phone-default", "phone-raised-no-context",
        "phone-raised-with-context", "card-checksum-scores-one"])
def test_thresholds_from_settings_are_respected(thresholds: dict[str, float], text: str,
                                                kept: bool) -> None:
    engine = engine_for(PiiSettings.from_options({"thresholds": thresholds}))
    assert bool(engine.analyze(text)) is kept


def test_entities_setting_limits_the_types_reported() -> None:
    engine = engine_for(PiiSettings(entities=("EMAIL_ADDRESS",)))
    text = "Maria Lopez, maria@example.com, (212) 555-0147"
    assert [span.entity_type for span in engine.analyze(text)] == ["EMAIL_ADDRESS"]


def test_user_allow_patterns_add_to_the_built_in_ones() -> None:
    engine = engine_for(PiiSettings.from_options({"allow-patterns": [r"\bPO-\d{10}\b"]}))
    assert engine.analyze("Invoice PO-2125550147 and order #A1234567") == ()


MIXED_TEXTS = [
    "Hi, I'm Ava, an AI assistant. How can I help?",
    "my name is jonas and my order never arrived",
    "Call me on (212) 555-0147 or write to jonas@example.com",
    "Hi, I'm Ava, an AI assistant. How can I help?",
    "ok",
    "Card 4111 1111 1111 1111, SSN 078-05-1120, IBAN DE89370400440532013000",
    "Please ask for Ms. Okafor in Chicago.",
    "ok",
    "Ship it to 742 Evergreen Terrace, Apt 3.",
    "Your order #A1234567 has shipped.",
    "Mobile: 0612 34 56 78",
    "",
    "Maria Lopez called from 10.0.0.12 about order 5550142.",
]


def test_analyze_many_equals_analyze_per_text(engine: PiiEngine) -> None:
    fresh = PiiEngine(PiiSettings(), Detector(MODEL))
    assert fresh.analyze_many(MIXED_TEXTS) == [engine.analyze(text) for text in MIXED_TEXTS]


@pytest.mark.parametrize("model", [MODEL, None], ids=["with-ner", "patterns-only"])
def test_batched_results_equal_one_presidio_call_per_text(model: str | None) -> None:
    fresh = PiiEngine(PiiSettings(spacy_model=model), Detector(model))
    batched = fresh.analyze_many(MIXED_TEXTS)
    assert batched == [fresh.analyze_one_by_one(text) for text in MIXED_TEXTS]
    assert any(batched)


def test_an_audit_of_text_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the engine tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    fresh = PiiEngine(PiiSettings(), Detector(MODEL))
    assert fresh.ner_available
    results = fresh.analyze_many(["Write to sam.lee@example.com or visit www.example.org",
                                  "Maria Lopez lives at 742 Evergreen Terrace."])
    assert ("EMAIL_ADDRESS", "sam.lee@example.com") in {
        (s.entity_type, s.value("Write to sam.lee@example.com or visit www.example.org"))
        for s in results[0]}


@pytest.mark.parametrize(("model", "note_part"), [
    ("no_such_pipeline", "'no_such_pipeline' is not installed"),
    (None, "no spaCy pipeline is configured"),
], ids=["missing-pipeline", "patterns-only-by-choice"])
def test_without_a_pipeline_patterns_still_work(model: str | None, note_part: str) -> None:
    engine = engine_for(PiiSettings(spacy_model=model))
    assert not engine.ner_available
    assert engine.ner_note is not None and note_part in engine.ner_note
    assert engine.ner_note.startswith("Names and places were not scanned")
    text = "Maria Lopez: maria@example.com, card 4111 1111 1111 1111"
    assert {span.entity_type for span in engine.analyze(text)} == {"EMAIL_ADDRESS",
                                                                  "CREDIT_CARD"}


def test_a_pipeline_is_never_downloaded_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy.cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to download a spaCy pipeline")

    monkeypatch.setattr(spacy.cli, "download", refuse)
    assert not PiiEngine(PiiSettings(spacy_model="another_missing_pipeline")).ner_available


def test_the_engine_is_quiet(engine: PiiEngine, caplog: pytest.LogCaptureFixture,
                             capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG, logger="auditor")
    fresh = PiiEngine(PiiSettings(), Detector(MODEL))
    fresh.analyze_many(MIXED_TEXTS)
    fresh.analyze_one_by_one("Call (212) 555-0147, Maria.")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert capsys.readouterr() == ("", "")


def test_engines_are_shared_per_settings(engine: PiiEngine) -> None:
    assert engine_for() is engine
    assert engine_for(PiiSettings()) is engine
    assert engine_for(PiiSettings.from_options({})) is engine
    assert engine_for(PiiSettings(spacy_model=None)) is not engine


def test_redaction_masks_names_and_keeps_personas() -> None:
    assert redact("Please ask for Ms. Okafor.") == "Please ask for Ms. <PERSON>."
    assert redact("Hi, I'm Ava, an AI assistant.") == "Hi, I'm Ava, an AI assistant."


@pytest.mark.parametrize(("options", "message"), [
    ({"colour": "red"}, "unknown PII engine option(s) colour; valid options are spacy-model, "
                        "thresholds, allow-patterns"),
    ({"thresholds": 0.5}, "thresholds must map entity types to scores"),
    ({"thresholds": {"PERSON": "high"}}, "threshold for PERSON must be a number"),
    ({"thresholds": {"PERSON": 1.5}}, "threshold for PERSON must be between 0 and 1"),
    ({"allow-patterns": "order"}, "allow-patterns must be a list"),
    ({"allow-patterns": ["(unclosed"]}, "is not a valid regular expression"),
    ({"spacy-model": 3}, "spacy-model must be a pipeline name or empty"),
], ids=["unknown-key", "thresholds-not-a-table", "threshold-not-a-number",
        "threshold-out-of-range", "allow-patterns-not-a-list", "allow-pattern-bad-regex",
        "model-not-a-string"])
def test_settings_errors_say_what_is_wrong(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=None) as error:
        PiiSettings.from_options(options)
    assert message in str(error.value)


def test_settings_from_options_merge_with_defaults() -> None:
    settings = PiiSettings.from_options({"spacy-model": "", "thresholds": {"PERSON": 0.8},
                                         "allow-patterns": [r"\bX\d+\b"]})
    assert settings.spacy_model is None
    assert settings.threshold("PERSON") == 0.8
    assert settings.threshold("EMAIL_ADDRESS") == PiiSettings().threshold("EMAIL_ADDRESS")
    assert settings.allow_patterns[:-1] == PiiSettings().allow_patterns
    assert hash(settings) == hash(PiiSettings.from_options({
        "spacy-model": "", "thresholds": {"PERSON": 0.8}, "allow-patterns": [r"\bX\d+\b"]}))


def test_a_span_gives_its_value_only_on_request() -> None:
    span = PiiSpan("EMAIL_ADDRESS", 6, 21, 1.0)
    assert span.value("Write sam@example.com now") == "sam@example.com"
    assert "sam" not in repr(span)


def test_one_by_one_strategy_gives_the_batched_results(engine: PiiEngine) -> None:
    with analysis_strategy(Strategy.ONE_BY_ONE):
        naive = engine_for()
        assert engine_for() is naive
    assert naive is not engine and naive.strategy is Strategy.ONE_BY_ONE
    assert engine_for() is engine and engine.strategy is Strategy.BATCHED
    assert naive.analyze_many(MIXED_TEXTS) == engine.analyze_many(MIXED_TEXTS)
    assert [naive.analyze(text) for text in MIXED_TEXTS] == naive.analyze_many(MIXED_TEXTS)


def test_one_by_one_prefetch_analyses_every_message_once() -> None:
    naive = PiiEngine(PiiSettings(), Detector(MODEL), strategy=Strategy.ONE_BY_ONE)
    naive.prefetch(MIXED_TEXTS)
    assert naive.analyses == len(MIXED_TEXTS)  # repeated texts included
    naive.prefetch(list(MIXED_TEXTS))  # the next check of the pack: nothing left to do
    assert [naive.analyze(text) for text in MIXED_TEXTS]
    assert naive.analyses == len(MIXED_TEXTS)
    naive.analyze("A text no message holds, from Maria Lopez.")
    naive.analyze("A text no message holds, from Maria Lopez.")
    assert naive.analyses == len(MIXED_TEXTS) + 2


def test_batched_prefetch_analyses_each_distinct_text_once() -> None:
    fresh = PiiEngine(PiiSettings(), Detector(MODEL))
    fresh.prefetch(MIXED_TEXTS)
    fresh.prefetch(MIXED_TEXTS)
    assert fresh.analyses == len(set(MIXED_TEXTS))
    assert [fresh.analyze(text) for text in MIXED_TEXTS] == fresh.analyze_many(MIXED_TEXTS)
    assert fresh.analyses == len(set(MIXED_TEXTS))


# Forking needs a process without other threads; a test session may have some (a
# progress bar's monitor), so the forked paths are exercised in a fresh interpreter.
FORKED_WORKERS_SCRIPT = """
import json, sys
from auditor.pii import detector
from auditor.pii.workers import can_fork, map_forked

assert can_fork()
assert map_forked(str.upper, ["a", "b", "c", "d"], 2) == ["A", "B", "C", "D"]
try:
    map_forked(lambda n: 1 // n, [1, 0], 2)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("a worker's error was lost")

forks = []
def counting_map(function, items, workers):
    forks.append(workers)
    return map_forked(function, items, workers)

detector.map_forked = counting_map
texts = json.loads(sys.argv[1])
in_process = detector.Detector(sys.argv[2], workers=1).detect_many(texts)
shared = detector.Detector(sys.argv[2], workers=2, chunk_size=3,
                           min_texts_per_worker=3).detect_many(texts)
assert forks == [2], forks
assert shared == in_process
assert any(shared)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_work_shared_among_forked_workers_gives_the_same_candidates() -> None:
    texts = json.dumps(list(dict.fromkeys(MIXED_TEXTS)))
    run = subprocess.run([sys.executable, "-c", FORKED_WORKERS_SCRIPT, texts, str(MODEL)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
