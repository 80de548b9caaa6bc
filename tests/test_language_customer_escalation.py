"""Tests for the customer escalation-cue detectors in ``auditor.language.customer_escalation``."""

from __future__ import annotations

import pytest

from auditor.language.customer_escalation import (
    find_decision_contest,
    find_hardship,
    find_legal_threat,
    find_payment_dispute,
    find_self_harm,
)
from auditor.language.patterns import PhraseMatch


def _assert_located(text: str, match: PhraseMatch | None, kind: str) -> None:
    assert match is not None
    assert match.kind == kind
    assert text[match.start : match.end] == match.phrase


# --- self-harm ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I want to kill myself", id="en-kill-myself"),
        pytest.param("I don't want to live anymore", id="en-dont-want-to-live"),
        pytest.param("I'm going to hurt myself", id="en-hurt-myself"),
        pytest.param("I want to end it all", id="en-end-it-all"),
        pytest.param("I'm thinking about suicide", id="en-thinking-about-suicide"),
        pytest.param("honestly i feel suicidal", id="en-suicidal"),
        pytest.param("i want to kil myslef", id="en-typos"),
        pytest.param("I don't want to kill myself over this form, haha", id="en-negated-is-kept"),
        pytest.param('My son keeps saying "I want to die"', id="en-quoted-is-kept"),
        pytest.param("No quiero vivir.", id="es-no-quiero-vivir"),
        pytest.param("quiero suicidarme", id="es-suicidarme"),
        pytest.param("Me quiero morir.", id="es-me-quiero-morir"),
        pytest.param("Je veux mourir.", id="fr-je-veux-mourir"),
        pytest.param("j'ai envie d'en finir", id="fr-en-finir"),
        pytest.param("Je pense à me suicider.", id="fr-me-suicider"),
        pytest.param("Ich will nicht mehr leben.", id="de-nicht-mehr-leben"),
        pytest.param("Ich möchte nicht mehr leben", id="de-mochte-umlaut"),
        pytest.param("ich bringe mich um", id="de-bringe-mich-um"),
        pytest.param("Ich denke an Selbstmord.", id="de-selbstmord"),
    ],
)
def test_find_self_harm_detects_intent(text: str) -> None:
    _assert_located(text, find_self_harm(text), "self_harm")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("this bill is killing me", id="en-bill-killing-me"),
        pytest.param("I could kill for a pizza", id="en-kill-for-pizza"),
        pytest.param("Please kill the subscription.", id="en-kill-subscription"),
        pytest.param("my phone died", id="en-phone-died"),
        pytest.param("I'm dying to know when it arrives", id="en-dying-to-know"),
        pytest.param("this is killing my battery", id="en-killing-battery"),
        pytest.param("the suicide squad DVD order", id="en-film-title"),
        pytest.param("I'm going to die of boredom waiting", id="en-die-of-boredom"),
        pytest.param("I don't want to live in this area", id="en-live-somewhere"),
        pytest.param("I hurt myself on the box edge", id="en-accident"),
        pytest.param("Esta factura me mata.", id="es-factura-me-mata"),
        pytest.param("Me voy a morir de aburrimiento.", id="es-morir-de-aburrimiento"),
        pytest.param("Je veux en finir avec cet abonnement.", id="fr-en-finir-abonnement"),
        pytest.param("Ça me tue, ce retard.", id="fr-ca-me-tue"),
        pytest.param("Das bringt mich noch um!", id="de-das-bringt-mich-um"),
        pytest.param("Mein Akku stirbt.", id="de-akku"),
    ],
)
def test_find_self_harm_ignores_idioms(text: str) -> None:
    assert find_self_harm(text) is None


# --- financial hardship ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I can't afford food", id="en-afford-food"),
        pytest.param("I can't pay my rent this month", id="en-pay-rent"),
        pytest.param("I lost my job", id="en-lost-job"),
        pytest.param("I've just lost my job.", id="en-ive-lost-job"),
        pytest.param("I got laid off last week", id="en-laid-off"),
        pytest.param("my husband died", id="en-husband-died"),
        pytest.param("My wife passed away in May.", id="en-wife-passed-away"),
        pytest.param("I'm desperate", id="en-desperate"),
        pytest.param("I have no money left", id="en-no-money-left"),
        pytest.param("No puedo pagar el alquiler.", id="es-alquiler"),
        pytest.param("He perdido mi trabajo.", id="es-perdido-trabajo"),
        pytest.param("Mi marido murió.", id="es-marido-murio"),
        pytest.param("Estoy desesperada, no sé qué hacer.", id="es-desesperada"),
        pytest.param("Je ne peux pas payer mon loyer.", id="fr-loyer"),
        pytest.param("J'ai perdu mon emploi.", id="fr-perdu-emploi"),
        pytest.param("Mon mari est décédé.", id="fr-mari-decede"),
        pytest.param("Ich kann die Miete nicht bezahlen.", id="de-miete"),
        pytest.param("Ich habe meinen Job verloren.", id="de-job-verloren"),
        pytest.param("Meine Mutter ist letzte Woche verstorben.", id="de-mutter-verstorben"),
        pytest.param("Ich bin verzweifelt.", id="de-verzweifelt"),
    ],
)
def test_find_hardship_detects_hardship(text: str) -> None:
    _assert_located(text, find_hardship(text), "hardship")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I can't afford to wait a week for delivery", id="en-afford-to-wait"),
        pytest.param("I lost my password", id="en-lost-password"),
        pytest.param("I lost my order number", id="en-lost-order-number"),
        pytest.param("I'm desperate for the new model to arrive", id="en-desperate-for"),
        pytest.param("I'm not desperate, just curious.", id="en-negated"),
        pytest.param("I haven't lost my job, I changed banks.", id="en-negated-job"),
        pytest.param("I don't know how to pay with PayPal.", id="en-how-to-pay"),
        pytest.param("my phone died", id="en-phone-died"),
        pytest.param("He perdido mi contraseña.", id="es-contrasena"),
        pytest.param("Estoy desesperado por recibir el pedido.", id="es-desesperado-por"),
        pytest.param("J'ai perdu mon mot de passe.", id="fr-mot-de-passe"),
        pytest.param("Ich habe mein Passwort verloren.", id="de-passwort"),
        pytest.param("Ich kann die Rechnung nicht online bezahlen.", id="de-rechnung-online"),
    ],
)
def test_find_hardship_ignores_lost_things_and_eagerness(text: str) -> None:
    assert find_hardship(text) is None


# --- legal threats, regulators, complaints ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("I'm going to sue", "legal", id="en-going-to-sue"),
        pytest.param("I will sue you for this.", "legal", id="en-will-sue-you"),
        pytest.param("my lawyer will hear about this", "legal", id="en-my-lawyer"),
        pytest.param("I'll take you to small claims court", "legal", id="en-small-claims"),
        pytest.param("I am considering legal action.", "legal", id="en-legal-action"),
        pytest.param("Voy a denunciar.", "legal", id="es-denunciar"),
        pytest.param("Je vais porter plainte.", "legal", id="fr-porter-plainte"),
        pytest.param("Mein Anwalt meldet sich.", "legal", id="de-mein-anwalt"),
        pytest.param("Ich werde klagen.", "legal", id="de-klagen"),
        pytest.param("complaint to the CFPB", "regulator", id="en-complaint-to-cfpb"),
        pytest.param("I'll report you to the FTC", "regulator", id="en-ftc"),
        pytest.param("I'm writing to the attorney general", "regulator", id="en-attorney-general"),
        pytest.param("The BBB will hear from me.", "regulator", id="en-bbb"),
        pytest.param("I'm going to the ombudsman", "regulator", id="en-ombudsman"),
        pytest.param("I'll call trading standards", "regulator", id="en-trading-standards"),
        pytest.param("Iré a la OCU.", "regulator", id="es-ocu"),
        pytest.param("Lo llevo a la oficina del consumidor.", "regulator", id="es-oficina"),
        pytest.param("Je saisis la DGCCRF.", "regulator", id="fr-dgccrf"),
        pytest.param("J'écris au médiateur.", "regulator", id="fr-mediateur"),
        pytest.param("Ich gehe zur Verbraucherzentrale.", "regulator", id="de-verbraucherzentrale"),
        pytest.param("I haven't contacted the CFPB yet", "regulator", id="en-regulator-negated"),
        pytest.param("BBB complaint incoming", "regulator", id="en-bbb-complaint"),
        pytest.param("I'll get the BBB involved", "regulator", id="en-get-involved"),
        pytest.param("La OCU se va a enterar", "regulator", id="es-ocu-se-va-a-enterar"),
        pytest.param("Ich schalte die Verbraucherzentrale ein.", "regulator", id="de-einschalten"),
        pytest.param("I'll get my lawyer involved", "legal", id="en-get-my-lawyer-involved"),
        pytest.param("talk to my lawyer", "legal", id="en-talk-to-my-lawyer"),
        pytest.param("You will be hearing from my lawyer.", "legal", id="en-hearing-from"),
        pytest.param("mein Anwalt wird sich melden", "legal", id="de-anwalt-wird-sich-melden"),
        pytest.param("Ich rufe meinen Anwalt an.", "legal", id="de-rufe-anwalt-an"),
        pytest.param("Voy a hablar con mi abogado.", "legal", id="es-hablar-con-mi-abogado"),
        pytest.param("Mon avocat va vous contacter.", "legal", id="fr-mon-avocat-va"),
        pytest.param("I want to file a formal complaint", "complaint", id="en-formal-complaint"),
        pytest.param("I want to make a complaint", "complaint", id="en-make-complaint"),
        pytest.param("Quiero la hoja de reclamaciones.", "complaint", id="es-hoja"),
        pytest.param("Quiero poner una reclamación.", "complaint", id="es-poner-reclamacion"),
        pytest.param("Je veux déposer une réclamation.", "complaint", id="fr-reclamation"),
        pytest.param("Ich möchte eine Beschwerde einreichen.", "complaint", id="de-einreichen"),
        pytest.param("Beschwerde!", "complaint", id="de-beschwerde"),
        pytest.param(
            "Keine Antwort auf meine Beschwerde.", "complaint", id="de-keine-governs-other-noun"
        ),
    ],
)
def test_find_legal_threat_reports_the_kind(text: str, kind: str) -> None:
    _assert_located(text, find_legal_threat(text), kind)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "I'll file a complaint with the CFPB today.",
            "file a complaint with the CFPB",
        ),
        (
            "Ich schreibe eine Beschwerde bei der Verbraucherzentrale.",
            "Beschwerde bei der Verbraucherzentrale",
        ),
    ],
    ids=["en-complaint-with-cfpb", "de-beschwerde-bei-verbraucherzentrale"],
)
def test_find_legal_threat_reports_complaints_to_a_regulator_as_regulator(
    text: str, phrase: str
) -> None:
    match = find_legal_threat(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("regulator", phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm going to report you to the BBB", "report you to the BBB"),
        ("complaint to the CFPB", "complaint to the CFPB"),
        ("I'll contact the attorney general", "contact the attorney general"),
        ("I'm writing to the ombudsman", "writing to the ombudsman"),
        ("ich wende mich an die Verbraucherzentrale", "wende mich an die Verbraucherzentrale"),
        ("voy a acudir a la OCU", "acudir a la OCU"),
        ("je vais saisir la DGCCRF", "saisir la DGCCRF"),
    ],
    ids=["en-report-bbb", "en-complaint-cfpb", "en-contact-ag", "en-write-ombudsman",
         "de-wende-mich-an", "es-acudir-ocu", "fr-saisir-dgccrf"],
)
def test_find_legal_threat_reports_turning_to_a_regulator(text: str, phrase: str) -> None:
    match = find_legal_threat(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("regulator", phrase)


def test_find_legal_threat_keeps_a_complaint_when_the_regulator_is_in_another_sentence() -> None:
    match = find_legal_threat("I want to make a complaint. The BBB gave you an A rating.")
    assert match is not None and match.kind == "complaint"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the lawyer who ordered this is my colleague", id="en-third-party-lawyer"),
        pytest.param("what is your complaints policy?", id="en-complaints-policy"),
        pytest.param("no complaints, thanks!", id="en-no-complaints"),
        pytest.param("I have no complaint", id="en-no-complaint"),
        pytest.param("my sister Sue ordered it", id="en-sue-name"),
        pytest.param("Sue will collect the parcel", id="en-sue-subject"),
        pytest.param("I'm not going to sue, I just want a refund.", id="en-negated-threat"),
        pytest.param("Sin quejas, gracias.", id="es-sin-quejas"),
        pytest.param("¿Cuánto es el consumo de datos?", id="es-consumo-de-datos"),
        pytest.param("Aucune réclamation, merci.", id="fr-aucune-reclamation"),
        pytest.param("Keine Beschwerden, danke!", id="de-keine-beschwerden"),
        pytest.param("Ich möchte mich anmelden.", id="de-mochte-mich-anmelden"),
        # a regulator named without a complaint, report or threat
        pytest.param(
            "I saw your great BBB rating, do you ship to Canada?", id="en-bbb-rating-question"
        ),
        pytest.param("Better Business Bureau", id="en-bare-regulator-name"),
        pytest.param("I went to the BBB website to check your rating", id="en-bbb-website"),
        pytest.param("Is the CFPB involved in card rules?", id="en-cfpb-question"),
        pytest.param("the voltage regulator broke", id="en-voltage-regulator"),
        # the customer's lawyer as news, not as a threat
        pytest.param("Can I update the address? My lawyer moved offices.", id="en-lawyer-moved"),
        pytest.param("My lawyer will pick it up tomorrow", id="en-lawyer-picks-up"),
        pytest.param("Mi abogado va a recoger el paquete.", id="es-abogado-recoge"),
        pytest.param("Mon avocat a déménagé.", id="fr-avocat-demenage"),
        pytest.param("Mon avocat va bien.", id="fr-avocat-va-bien"),
        pytest.param("Mein Anwalt ist umgezogen.", id="de-anwalt-umgezogen"),
    ],
)
def test_find_legal_threat_ignores_names_policies_and_denials(text: str) -> None:
    assert find_legal_threat(text) is None


# --- payment disputes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I didn't authorize this charge", id="en-didnt-authorize"),
        pytest.param("I didn't make this charge", id="en-didnt-make"),
        pytest.param("There is an unauthorized transaction.", id="en-unauthorized"),
        pytest.param("unauthorised payment on my account", id="en-unauthorised"),
        pytest.param("I was charged twice", id="en-charged-twice"),
        pytest.param("I got double charged", id="en-double-charged"),
        pytest.param("I want to dispute this charge", id="en-dispute-charge"),
        pytest.param("I'll do a chargeback", id="en-chargeback"),
        pytest.param("fraudulent charge on my card", id="en-fraudulent"),
        pytest.param("I don't recognise this payment", id="en-dont-recognise"),
        pytest.param("I don't recognize this $40 charge", id="en-amount"),
        pytest.param("Hay un cargo no autorizado.", id="es-cargo-no-autorizado"),
        pytest.param("Me cobraron dos veces.", id="es-dos-veces"),
        pytest.param("No reconozco este cargo.", id="es-no-reconozco"),
        pytest.param("Prélèvement non autorisé !", id="fr-non-autorise"),
        pytest.param("J'ai été débité deux fois.", id="fr-deux-fois"),
        pytest.param("Je ne reconnais pas ce paiement.", id="fr-ne-reconnais-pas"),
        pytest.param("Eine nicht autorisierte Abbuchung.", id="de-nicht-autorisiert"),
        pytest.param("Mir wurde doppelt abgebucht.", id="de-doppelt"),
        pytest.param("Diese Zahlung habe ich nicht veranlasst.", id="de-nicht-veranlasst"),
    ],
)
def test_find_payment_dispute_detects_disputes(text: str) -> None:
    _assert_located(text, find_payment_dispute(text), "dispute")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("How do I authorize a payment?", id="en-how-to-authorize"),
        pytest.param("the charge was authorized yesterday, thanks", id="en-authorized"),
        pytest.param("what is the charging cable?", id="en-charging-cable"),
        pytest.param("I didn't make the payment yet", id="en-late-payer"),
        pytest.param("my payment wasn't authorized, why?", id="en-declined-card"),
        pytest.param("I wasn't charged twice, all good", id="en-negated"),
        pytest.param("I don't recognize the new payment page", id="en-payment-page"),
        pytest.param("I want to dispute the delivery date with you", id="en-dispute-date"),
        pytest.param('What does "chargeback" mean?', id="en-quoted-term"),
        pytest.param("¿Cómo autorizo un pago?", id="es-como-autorizo"),
        pytest.param("Le paiement a été autorisé hier, merci.", id="fr-autorise"),
        pytest.param("Die Zahlung wurde gestern autorisiert.", id="de-autorisiert"),
    ],
)
def test_find_payment_dispute_ignores_ordinary_payment_talk(text: str) -> None:
    assert find_payment_dispute(text) is None


# --- contesting a decision ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Why was my refund denied?", id="en-why-denied"),
        pytest.param("I want to appeal this decision", id="en-appeal"),
        pytest.param("I disagree with this decision", id="en-disagree"),
        pytest.param("I don't agree with the decision.", id="en-dont-agree"),
        pytest.param("This decision is wrong", id="en-decision-wrong"),
        pytest.param("Please reconsider", id="en-please-reconsider"),
        pytest.param("Could you please reconsider it?", id="en-reconsider-it"),
        pytest.param("I want someone to review this decision", id="en-someone-review"),
        pytest.param("Why was my application rejected?", id="en-application-rejected"),
        pytest.param(
            "that's not fair, my account was closed for no reason", id="en-closed-no-reason"
        ),
        pytest.param("¿Por qué me han denegado el reembolso?", id="es-por-que-denegado"),
        pytest.param("Quiero recurrir la decisión.", id="es-recurrir"),
        pytest.param("No estoy de acuerdo con la decisión.", id="es-no-estoy-de-acuerdo"),
        pytest.param("Je conteste cette décision.", id="fr-conteste"),
        pytest.param("Pourquoi ma demande a-t-elle été refusée ?", id="fr-pourquoi-refusee"),
        pytest.param("Je ne suis pas d'accord avec cette décision.", id="fr-pas-d-accord"),
        pytest.param("Ich widerspreche dieser Entscheidung.", id="de-widerspreche"),
        pytest.param("Warum wurde mein Antrag abgelehnt?", id="de-warum-abgelehnt"),
        pytest.param("Ich lege Einspruch ein.", id="de-einspruch"),
        pytest.param("Mit dieser Entscheidung bin ich nicht einverstanden.", id="de-einverstanden"),
    ],
)
def test_find_decision_contest_detects_contests(text: str) -> None:
    _assert_located(text, find_decision_contest(text), "contest")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Was my refund approved?", id="en-status-question"),
        pytest.param("how do I apply for a refund?", id="en-how-to-apply"),
        pytest.param("I decided to cancel my order", id="en-own-decision"),
        pytest.param("I don't think this decision is wrong.", id="en-negated"),
        pytest.param("The design needs to appeal to kids.", id="en-appeal-to"),
        pytest.param("Please reconsider your shipping prices.", id="en-reconsider-prices"),
        pytest.param("¿Se aprobó mi reembolso?", id="es-status-question"),
        pytest.param("Decidí cancelar mi pedido.", id="es-own-decision"),
        pytest.param("No sé porque me han cobrado.", id="es-porque-is-because"),
        pytest.param("Mon remboursement a-t-il été approuvé ?", id="fr-status-question"),
        pytest.param("J'ai décidé d'annuler ma commande.", id="fr-own-decision"),
        pytest.param("Wurde meine Erstattung genehmigt?", id="de-status-question"),
        pytest.param("Ich habe mich entschieden, zu stornieren.", id="de-own-decision"),
    ],
)
def test_find_decision_contest_ignores_status_questions_and_own_decisions(text: str) -> None:
    assert find_decision_contest(text) is None


# --- shared behaviour ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quiero poner una reclamación.", "es"),
        ("Je vais porter plainte.", "fr"),
        ("Ich werde klagen.", "de"),
        ("I'm going to sue.", "en"),
    ],
    ids=["es", "fr", "de", "en"],
)
def test_matches_report_the_language_of_the_fragment(text: str, language: str) -> None:
    match = find_legal_threat(text)
    assert match is not None and match.language == language


def test_the_leftmost_cue_wins() -> None:
    text = "I was charged twice and I didn't authorize this charge."
    match = find_payment_dispute(text)
    assert match is not None and match.phrase == "charged twice"
