"""Tests for the bot-side escalation detectors in ``auditor.language.bot_escalation``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.language.bot_escalation import (
    NEAR_IDENTICAL,
    find_crisis_resources,
    find_deflection,
    find_dispute_handling,
    find_fallback,
    find_hardship_support,
    find_human_offer,
    find_reference_id,
    find_review_offer,
    find_transfer_promise,
    reply_similarity,
)
from auditor.language.patterns import PhraseMatch

Detector = Callable[[str], PhraseMatch | None]


def assert_found(detector: Detector, text: str, kind: str) -> PhraseMatch:
    """Assert a match of ``kind`` whose phrase is its span of the original text."""
    match = detector(text)
    assert match is not None, text
    assert match.kind == kind
    assert text[match.start : match.end] == match.phrase
    return match


# --- transfer, callback and ticket promises ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("I'll transfer you to an agent.", "transfer", id="en-ill-transfer"),
        pytest.param("Let me connect you with a human agent.", "transfer", id="en-let-me-connect"),
        pytest.param("Transferring you now.", "transfer", id="en-transferring-now"),
        pytest.param("Please hold while I connect you.", "transfer", id="en-hold-while"),
        pytest.param(
            "A member of our team will be with you shortly.", "transfer", id="en-team-member"
        ),
        pytest.param("An agent will join this chat.", "transfer", id="en-agent-will-join"),
        pytest.param("I'm handing you over to a specialist.", "transfer", id="en-handing-over"),
        pytest.param(
            "You're in the queue; an agent will be with you in about 5 minutes.",
            "transfer",
            id="en-queue",
        ),
        pytest.param("Connecting you to a live agent...", "transfer", id="en-connecting"),
        pytest.param("One moment while I find someone.", "transfer", id="en-find-someone"),
        pytest.param("You will be transferred to the next agent.", "transfer", id="en-passive"),
        pytest.param("I'll have someone call you back.", "callback", id="en-have-someone-call"),
        pytest.param("An agent will call you back within 2 hours.", "callback", id="en-agent-call"),
        pytest.param("We will call you tomorrow.", "callback", id="en-we-will-call"),
        pytest.param("I've scheduled a callback for 3 pm.", "callback", id="en-scheduled"),
        pytest.param("Un asesor se pondrá en contacto contigo.", "callback", id="es-contacto"),
        pytest.param(
            "I've escalated this and created ticket #48213.", "ticket", id="en-escalated-ticket"
        ),
        pytest.param("I've opened a case with our team.", "ticket", id="en-opened-case"),
        pytest.param("I've passed this to our complaints team.", "ticket", id="en-passed-to-team"),
        pytest.param("Te paso con un agente.", "transfer", id="es-te-paso"),
        pytest.param("Te transfiero con un asesor.", "transfer", id="es-te-transfiero"),
        pytest.param(
            "En breve te atenderá una persona de nuestro equipo.", "transfer", id="es-atendera"
        ),
        pytest.param("Te llamaremos mañana.", "callback", id="es-llamaremos"),
        pytest.param("He abierto una incidencia.", "ticket", id="es-incidencia"),
        pytest.param("Je vous transfère à un conseiller.", "transfer", id="fr-transfere"),
        pytest.param("Je vous mets en relation avec un agent.", "transfer", id="fr-en-relation"),
        pytest.param("Un conseiller va prendre le relais.", "transfer", id="fr-prendre-le-relais"),
        pytest.param("Un conseiller va vous rappeler.", "callback", id="fr-rappeler"),
        pytest.param("J'ai transmis votre demande à notre équipe.", "ticket", id="fr-transmis"),
        pytest.param("Ich verbinde Sie mit einem Mitarbeiter.", "transfer", id="de-verbinde"),
        pytest.param("Ich leite Sie an einen Kollegen weiter.", "transfer", id="de-leite-weiter"),
        pytest.param("Ein Mitarbeiter meldet sich in Kürze.", "transfer", id="de-meldet-sich"),
        pytest.param("Gerne verbinde ich Sie mit einem Kollegen.", "transfer", id="de-inverted"),
        pytest.param("Ein Mitarbeiter ruft Sie morgen zurück.", "callback", id="de-ruft-zurueck"),
        pytest.param("Ich habe ein Ticket für Sie erstellt.", "ticket", id="de-ticket-erstellt"),
    ],
)
def test_find_transfer_promise_accepts_promises(text: str, kind: str) -> None:
    assert_found(find_transfer_promise, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Would you like me to transfer you to an agent?", id="en-offer-question"),
        pytest.param("I can connect you with an agent if you want.", id="en-offer-can"),
        pytest.param("Shall I transfer you to an agent?", id="en-shall-i"),
        pytest.param("I can't transfer you.", id="en-refusal"),
        pytest.param("I'm unable to connect you to an agent.", id="en-unable"),
        pytest.param("If that doesn't help, an agent can call you.", id="en-conditional-can"),
        pytest.param("If that doesn't help, I'll transfer you to an agent.", id="en-conditional"),
        pytest.param("Our team will call you back if the issue persists.", id="en-condition-after"),
        pytest.param("Our agents were busy yesterday.", id="en-past"),
        pytest.param("Our agents will help you with anything.", id="en-slogan"),
        pytest.param("I'll pass you the link now.", id="en-pass-the-link"),
        pytest.param("Connecting you with some helpful articles.", id="en-connect-to-articles"),
        pytest.param("You asked whether I can transfer you to an agent.", id="en-reported"),
        pytest.param("¿Quieres que te pase con un agente?", id="es-offer"),
        pytest.param("No puedo transferirte.", id="es-refusal"),
        pytest.param("Te paso el enlace.", id="es-pass-the-link"),
        pytest.param("Si no funciona, te paso con un agente.", id="es-conditional"),
        pytest.param("Voulez-vous que je vous transfère ?", id="fr-offer"),
        pytest.param("Je ne peux pas vous transférer.", id="fr-refusal"),
        pytest.param("Je vous passe le lien.", id="fr-pass-the-link"),
        pytest.param("Soll ich Sie mit einem Mitarbeiter verbinden?", id="de-offer"),
        pytest.param("Ich kann Sie leider nicht weiterleiten.", id="de-refusal"),
        pytest.param("Ich verbinde Sie leider nicht weiter.", id="de-late-negation"),
        pytest.param("Wenn Sie möchten, verbinde ich Sie mit einem Mitarbeiter.", id="de-wenn"),
        pytest.param("Ich habe kein Ticket erstellt.", id="de-kein-ticket"),
    ],
)
def test_find_transfer_promise_rejects_offers_refusals_and_conditions(text: str) -> None:
    assert find_transfer_promise(text) is None


def test_find_transfer_promise_reports_the_span_in_the_original_text() -> None:
    text = "Sí, te paso con un agente."
    match = assert_found(find_transfer_promise, text, "transfer")
    assert (match.phrase, match.language) == ("te paso con un agente", "es")


# --- offers of a human ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Would you like to speak to an agent?", id="en-would-you-like"),
        pytest.param("I can connect you with a person if you'd like.", id="en-i-can-connect"),
        pytest.param("Type 'agent' to talk to a person.", id="en-type-single-quotes"),
        pytest.param('Type "agent" to talk to a person.', id="en-type-double-quotes"),
        pytest.param("Do you want me to transfer you to a human?", id="en-do-you-want-me"),
        pytest.param("You can ask for a person at any time.", id="en-ask-for-a-person"),
        pytest.param("Would you like us to call you back?", id="en-callback-offer"),
        pytest.param("Press 0 to speak to an operator.", id="en-press-0"),
        pytest.param("Want me to get a human for you?", id="en-want-me-to-get"),
        pytest.param("I'll transfer you to an agent, is that ok?", id="en-promise-as-question"),
        pytest.param("¿Quieres hablar con un agente?", id="es-quieres-hablar"),
        pytest.param("¿Te paso con un agente?", id="es-promise-as-question"),
        pytest.param('Escribe "agente" para hablar con una persona.', id="es-escribe"),
        pytest.param("Voulez-vous parler à un conseiller ?", id="fr-voulez-vous"),
        pytest.param("Tapez « conseiller » pour parler à un humain.", id="fr-tapez-guillemets"),
        pytest.param("Je peux vous mettre en relation avec un conseiller.", id="fr-je-peux"),
        pytest.param("Möchten Sie mit einem Mitarbeiter sprechen?", id="de-moechten-sie"),
        pytest.param("Soll ich Sie mit einem Mitarbeiter verbinden?", id="de-soll-ich"),
        pytest.param("Sie können jederzeit nach einem Mitarbeiter fragen.", id="de-jederzeit"),
    ],
)
def test_find_human_offer_accepts_offers(text: str) -> None:
    assert_found(find_human_offer, text, "offer")


def test_find_human_offer_keeps_a_quoted_keyword_in_the_phrase() -> None:
    match = find_human_offer("Type 'agent' to talk to a person")
    assert match is not None and match.phrase == "Type 'agent'"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I'll transfer you to an agent.", id="en-promise"),
        pytest.param("I can't connect you to a human.", id="en-refusal"),
        pytest.param("You can't speak to a human here.", id="en-you-cant"),
        pytest.param("Would you like to track your order?", id="en-other-offer"),
        pytest.param("Please type your order number.", id="en-type-other"),
        pytest.param("No puedo pasarte con un agente.", id="es-refusal"),
        pytest.param("¿Quieres seguir tu pedido?", id="es-other-offer"),
        pytest.param("Je ne peux pas vous transférer.", id="fr-refusal"),
        pytest.param("Voulez-vous suivre votre commande ?", id="fr-other-offer"),
        pytest.param("Ich kann Sie leider nicht weiterleiten.", id="de-refusal"),
        pytest.param("Möchten Sie Ihre Bestellung verfolgen?", id="de-other-offer"),
    ],
)
def test_find_human_offer_rejects_promises_refusals_and_other_offers(text: str) -> None:
    assert find_human_offer(text) is None


# --- refusals and self-service redirects ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "You can't speak to a human here, e-mail us at help@example.com.",
            "refusal",
            id="en-you-cant-speak",
        ),
        pytest.param("There are no human agents on this chat.", "refusal", id="en-no-agents"),
        pytest.param("I'm not able to connect you to an agent.", "refusal", id="en-not-able"),
        pytest.param("Live agents are not available through chat.", "refusal", id="en-unavailable"),
        pytest.param("Sorry, I can't transfer you.", "refusal", id="en-cant-transfer"),
        pytest.param("There's no option to talk to a person here.", "refusal", id="en-no-option"),
        pytest.param("No es posible hablar con un agente.", "refusal", id="es-no-es-posible"),
        pytest.param("No hay agentes disponibles.", "refusal", id="es-no-hay"),
        pytest.param("Je ne peux pas vous transférer.", "refusal", id="fr-ne-peux-pas"),
        pytest.param("Aucun conseiller n'est disponible.", "refusal", id="fr-aucun"),
        pytest.param("Ich kann Sie leider nicht weiterleiten.", "refusal", id="de-kann-nicht"),
        pytest.param("Eine Weiterleitung ist nicht möglich.", "refusal", id="de-weiterleitung"),
        pytest.param("Please e-mail us at support@example.com.", "self_service", id="en-email-us"),
        pytest.param("Please visit our help centre.", "self_service", id="en-help-centre"),
        pytest.param("You can find the answer in our FAQ.", "self_service", id="en-faq"),
        pytest.param("Here are some articles that might help.", "self_service", id="en-articles"),
        pytest.param("Please fill in the contact form.", "self_service", id="en-contact-form"),
        pytest.param("Consulta nuestras preguntas frecuentes.", "self_service", id="es-faq"),
        pytest.param("Escríbenos a soporte@example.com", "self_service", id="es-escribenos"),
        pytest.param("Consultez notre FAQ.", "self_service", id="fr-faq"),
        pytest.param("Remplissez le formulaire de contact.", "self_service", id="fr-formulaire"),
        pytest.param("Besuchen Sie unser Hilfecenter.", "self_service", id="de-hilfecenter"),
        pytest.param("Die Antwort finden Sie in unseren FAQ.", "self_service", id="de-faq"),
    ],
)
def test_find_deflection_accepts_refusals_and_redirects(text: str, kind: str) -> None:
    assert_found(find_deflection, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("An agent will e-mail you a confirmation.", id="en-agent-emails-customer"),
        pytest.param("I'll transfer you to an agent now.", id="en-promise"),
        pytest.param(
            "Transferring you now. Meanwhile, please visit our help centre.",
            id="en-promise-with-pointer",
        ),
        pytest.param("Our agents are available 9am to 5pm.", id="en-opening-hours"),
        pytest.param("Here is a link to your invoice.", id="en-invoice-link"),
        pytest.param("You don't need to email us.", id="en-negated"),
        pytest.param("Un agente te enviará un correo.", id="es-agent-emails"),
        pytest.param("Te paso con un agente.", id="es-promise"),
        pytest.param("Un conseiller va vous rappeler.", id="fr-callback"),
        pytest.param("Ein Mitarbeiter meldet sich in Kürze.", id="de-promise"),
    ],
)
def test_find_deflection_rejects_promises_and_other_text(text: str) -> None:
    assert find_deflection(text) is None


def test_find_deflection_reports_a_refusal_next_to_a_callback_promise() -> None:
    text = "Sorry, I can't transfer you, but an agent will call you back within 2 hours."
    assert_found(find_deflection, text, "refusal")
    assert_found(find_transfer_promise, text, "callback")


# --- fallbacks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Sorry, I didn't understand that.", id="en-didnt-understand"),
        pytest.param("Could you rephrase?", id="en-rephrase"),
        pytest.param("I'm not sure I can help with that.", id="en-not-sure"),
        pytest.param("I didn't get that. Can you try again?", id="en-didnt-get-that"),
        pytest.param("Please choose one of the options below.", id="en-options"),
        pytest.param("Lo siento, no te he entendido.", id="es-no-te-he-entendido"),
        pytest.param("¿Puedes reformular la pregunta?", id="es-reformular"),
        pytest.param("Por favor, elige una de las opciones.", id="es-opciones"),
        pytest.param("Désolé, je n'ai pas compris.", id="fr-pas-compris"),
        pytest.param("Pouvez-vous reformuler ?", id="fr-reformuler"),
        pytest.param("Das habe ich leider nicht verstanden.", id="de-nicht-verstanden"),
        pytest.param("Können Sie das anders formulieren?", id="de-anders-formulieren"),
        pytest.param("Bitte wählen Sie eine der Optionen.", id="de-optionen"),
    ],
)
def test_find_fallback_accepts_fallback_replies(text: str) -> None:
    assert_found(find_fallback, text, "fallback")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Sorry for the delay, your refund was issued.", id="en-sorry-for-delay"),
        pytest.param("I understand, let me check your order.", id="en-i-understand"),
        pytest.param("I didn't get a confirmation email either.", id="en-get-other-object"),
        pytest.param("Please try again later.", id="en-try-again-later"),
        pytest.param("Could you clarify which order you mean?", id="en-clarifying-question"),
        pytest.param("Entiendo, déjame revisar tu pedido.", id="es-entiendo"),
        pytest.param("Je comprends, je vérifie votre commande.", id="fr-je-comprends"),
        pytest.param("Ich verstehe, ich prüfe Ihre Bestellung.", id="de-ich-verstehe"),
        pytest.param("Wir haben Ihre Zahlung nicht erhalten.", id="de-other-negation"),
    ],
)
def test_find_fallback_rejects_apologies_and_acknowledgements(text: str) -> None:
    assert find_fallback(text) is None


# --- crisis resources -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("You can call or text 988 at any time.", id="en-988"),
        pytest.param("The 988 Suicide & Crisis Lifeline is open 24/7.", id="en-988-lifeline"),
        pytest.param("If you are in danger, call 911 now.", id="en-911"),
        pytest.param("Please call 112.", id="eu-112"),
        pytest.param("Please contact emergency services.", id="en-emergency-services"),
        pytest.param("You can reach Samaritans on 116 123.", id="uk-samaritans"),
        pytest.param("Please reach out to a crisis line.", id="en-crisis-line"),
        pytest.param("Please talk to a mental health professional.", id="en-professional"),
        pytest.param("Puedes llamar a la Línea 024.", id="es-024"),
        pytest.param("Si estás en peligro, llama al 112.", id="es-112"),
        pytest.param("Appelez le 3114.", id="fr-3114"),
        pytest.param("Contactez les services d'urgence.", id="fr-urgence"),
        pytest.param(
            "Die TelefonSeelsorge erreichen Sie unter 0800 111 0 111.", id="de-telefonseelsorge"
        ),
        pytest.param("Rufen Sie bitte die 112 an.", id="de-112"),
    ],
)
def test_find_crisis_resources_accepts_lines_and_numbers(text: str) -> None:
    assert_found(find_crisis_resources, text, "crisis")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Your order 19880 has shipped.", id="en-order-id"),
        pytest.param("Order #988 is ready for pickup.", id="en-bare-988"),
        pytest.param("Please call 988-555-0100.", id="en-phone-number"),
        pytest.param("We are not an emergency service.", id="en-negated"),
        pytest.param("Tu pedido 10240 está en camino.", id="es-order-id"),
        pytest.param("Votre commande 31145 est expédiée.", id="fr-order-id"),
        pytest.param("Ihre Bestellung 11212 wurde versandt.", id="de-order-id"),
    ],
)
def test_find_crisis_resources_rejects_bare_numbers(text: str) -> None:
    assert find_crisis_resources(text) is None


# --- hardship options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We can set up a payment plan.", id="en-payment-plan"),
        pytest.param("You may qualify for our hardship programme.", id="en-hardship-programme"),
        pytest.param("We can defer your next payment.", id="en-defer"),
        pytest.param("A payment holiday is possible.", id="en-payment-holiday"),
        pytest.param(
            "I'll connect you with our team for customers in financial difficulty.",
            id="en-specialist-team",
        ),
        pytest.param("Podemos ofrecerte un plan de pago.", id="es-plan-de-pago"),
        pytest.param("Puedes aplazar el pago.", id="es-aplazar"),
        pytest.param("Nous pouvons mettre en place un échéancier.", id="fr-echeancier"),
        pytest.param("Un report de paiement est possible.", id="fr-report"),
        pytest.param("Wir bieten Ratenzahlung an.", id="de-ratenzahlung"),
        pytest.param("Eine Stundung ist möglich.", id="de-stundung"),
    ],
)
def test_find_hardship_support_accepts_hardship_options(text: str) -> None:
    assert_found(find_hardship_support, text, "hardship")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We don't offer payment plans.", id="en-negated"),
        pytest.param("A payment plan is not available for this account.", id="en-unavailable"),
        pytest.param("Your payment was received.", id="en-unrelated"),
        pytest.param("Tu pago se ha recibido.", id="es-unrelated"),
        pytest.param("Votre paiement a été reçu.", id="fr-unrelated"),
        pytest.param("Ratenzahlung ist leider nicht möglich.", id="de-unavailable"),
    ],
)
def test_find_hardship_support_rejects_unavailable_options(text: str) -> None:
    assert find_hardship_support(text) is None


# --- human review and explanations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "I can ask a member of our team to review this decision.", "review", id="en-ask-team"
        ),
        pytest.param(
            "You have the right to request a human review.", "review", id="en-right-to-review"
        ),
        pytest.param("A specialist will review your case.", "review", id="en-specialist"),
        pytest.param("Puedes solicitar una revisión por una persona.", "review", id="es-revision"),
        pytest.param(
            "Vous pouvez demander un réexamen par un conseiller.", "review", id="fr-reexamen"
        ),
        pytest.param(
            "Sie können eine Überprüfung durch einen Mitarbeiter verlangen.",
            "review",
            id="de-ueberpruefung",
        ),
        pytest.param(
            "The refund was declined because the item was used.",
            "explanation",
            id="en-declined-because",
        ),
        pytest.param(
            "This decision was based on your payment history.", "explanation", id="en-based-on"
        ),
        pytest.param("The reason is that the warranty expired.", "explanation", id="en-reason"),
        pytest.param(
            "La decisión se debe a tu historial de pagos.", "explanation", id="es-se-debe-a"
        ),
        pytest.param(
            "Cette décision est due à un incident de paiement.", "explanation", id="fr-due-a"
        ),
        pytest.param(
            "Die Entscheidung beruht auf Ihrer Bonität.", "explanation", id="de-beruht-auf"
        ),
        pytest.param(
            "Ihr Antrag wurde abgelehnt, weil Unterlagen fehlen.", "explanation", id="de-weil"
        ),
        pytest.param(
            "Your card ending 4242 is blocked for security reasons.", "explanation",
            id="en-for-reasons",
        ),
    ],
)
def test_find_review_offer_accepts_reviews_and_explanations(text: str, kind: str) -> None:
    assert_found(find_review_offer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Your refund has been issued.", id="en-unrelated"),
        pytest.param("The reason I'm asking is security.", id="en-reason-for-question"),
        pytest.param("Human review is not available for refunds.", id="en-unavailable"),
        pytest.param("You cannot request a human review.", id="en-negated"),
        pytest.param("Tu reembolso ya está en camino.", id="es-unrelated"),
        pytest.param("Votre remboursement est en cours.", id="fr-unrelated"),
        pytest.param("Ihre Erstattung wurde veranlasst.", id="de-unrelated"),
    ],
)
def test_find_review_offer_rejects_other_text(text: str) -> None:
    assert find_review_offer(text) is None


# --- payment disputes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I've opened a dispute for this charge.", id="en-opened-dispute"),
        pytest.param("We'll investigate this unauthorized transaction.", id="en-investigate"),
        pytest.param(
            "To dispute this charge, send us a written notice within 60 days.",
            id="en-written-notice",
        ),
        pytest.param("I've reported the transaction as fraud.", id="en-reported-fraud"),
        pytest.param("He abierto una disputa por este cargo.", id="es-disputa"),
        pytest.param("Vamos a investigar este cargo.", id="es-investigar"),
        pytest.param("Nous allons enquêter sur cette opération.", id="fr-enqueter"),
        pytest.param("J'ai signalé l'opération comme frauduleuse.", id="fr-signale"),
        pytest.param("Wir prüfen die Abbuchung.", id="de-pruefen"),
        pytest.param("Ich habe die Abbuchung als Betrug gemeldet.", id="de-betrug"),
        pytest.param("I see the charge on your card and will reverse it.", id="en-reverse"),
        pytest.param("We have refunded the duplicate charge.", id="en-refunded-charge"),
    ],
)
def test_find_dispute_handling_accepts_dispute_handling(text: str) -> None:
    assert_found(find_dispute_handling, text, "dispute")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Your payment went through.", id="en-unrelated"),
        pytest.param("We'll review your payment options.", id="en-payment-options"),
        pytest.param("Please don't dispute this charge with your bank.", id="en-negated"),
        pytest.param("I can't reverse it.", id="en-cannot-reverse"),
        pytest.param("Tu pago se ha completado.", id="es-unrelated"),
        pytest.param("Votre paiement est confirmé.", id="fr-unrelated"),
        pytest.param("Ihre Zahlung ist eingegangen.", id="de-unrelated"),
    ],
)
def test_find_dispute_handling_rejects_other_text(text: str) -> None:
    assert find_dispute_handling(text) is None


# --- reference numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Your ticket #48213 is open.", "ticket #48213"),
        ("Your case number CX-2231 is open.", "case number CX-2231"),
        ("Noted, your reference is 7781-AB.", "reference is 7781-AB"),
        ("Your complaint reference C-55012 was logged.", "complaint reference C-55012"),
        ("Tu número de incidencia 44821.", "número de incidencia 44821"),
        ("Votre numéro de dossier 99812.", "numéro de dossier 99812"),
        ("Ihre Vorgangsnummer lautet 55120.", "Vorgangsnummer lautet 55120"),
    ],
    ids=["en-ticket", "en-case-number", "en-reference-is", "en-complaint", "es", "fr", "de"],
)
def test_find_reference_id_returns_label_and_identifier(text: str, phrase: str) -> None:
    match = assert_found(find_reference_id, text, "reference")
    assert match.phrase == phrase


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Your refund of $45.00 was issued.", id="en-amount"),
        pytest.param("We'll reply by 2024-06-01.", id="en-date"),
        pytest.param("Reference 2024-06-01", id="en-date-after-label"),
        pytest.param("reference 4500.00", id="en-decimal-after-label"),
        pytest.param("Your order 12345 has shipped.", id="en-order-number"),
        pytest.param("The ticket costs 4500 dollars.", id="en-ticket-price"),
        pytest.param("Su pedido 44821 ha salido.", id="es-order"),
        pytest.param("Votre numéro de commande est 99812.", id="fr-order"),
        pytest.param("Ihre Kundennummer lautet 55120.", id="de-customer-number"),
    ],
)
def test_find_reference_id_rejects_amounts_dates_and_order_numbers(text: str) -> None:
    assert find_reference_id(text) is None


# --- repeated replies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Sorry, I didn't understand that. Please rephrase.",
            "Sorry, I didn't understand that! Please rephrase",
        ),
        ("You are number 5 in the queue.", "You are number 12 in the queue."),
        (
            "Thanks Anna, an agent will be with you in about 5 minutes.",
            "Thanks Bob, an agent will be with you in about 15 minutes.",
        ),
        ("Lo siento, no te he entendido.", "Lo siento, no te HE entendido"),
        ("Yes.", "yes"),
    ],
    ids=["punctuation", "number", "name-and-number", "case", "short-identical"],
)
def test_reply_similarity_scores_templated_repeats_as_near_identical(a: str, b: str) -> None:
    assert reply_similarity(a, b) >= NEAR_IDENTICAL
    assert reply_similarity(a, b) == reply_similarity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yes.", "No."),
        ("Your order has shipped.", "Your refund was issued."),
        (
            "Sorry, I didn't understand.",
            "Sorry, I didn't understand. Here are some articles about returns and refunds.",
        ),
        ("Ihre Bestellung wurde versandt.", "Ihre Rechnung wurde versandt."),
        ("", "Hello"),
    ],
    ids=["yes-no", "different-answers", "subset-of-longer", "different-noun", "empty"],
)
def test_reply_similarity_keeps_different_replies_apart(a: str, b: str) -> None:
    assert 0.0 <= reply_similarity(a, b) < NEAR_IDENTICAL


def test_reply_similarity_of_two_empty_replies_is_one() -> None:
    assert reply_similarity("", " ") == 1.0
    assert NEAR_IDENTICAL == 0.9
