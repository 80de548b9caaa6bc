"""Detectors for what a customer says that should make a support bot bring in a human.

English, Spanish, French and German. Each function takes the text of one
customer turn and returns the leftmost
:class:`~auditor.language.patterns.PhraseMatch` (span and phrase in the original
text) or ``None``. The lexicons live in
:mod:`auditor.language.customer_escalation_lexicon`; this module combines them
and resolves the one case a flat lexicon cannot: a complaint addressed to a
regulator ("a complaint to the CFPB") is reported as a regulator mention.
"""

from __future__ import annotations

import re

from auditor.language import customer_dispute_lexicon as disputes
from auditor.language import customer_escalation_lexicon as lexicon
from auditor.language.patterns import PhraseMatch, cached_detector, leftmost

__all__ = [
    "find_decision_contest",
    "find_hardship",
    "find_legal_threat",
    "find_payment_dispute",
    "find_self_harm",
]




@cached_detector
def find_self_harm(text: str) -> PhraseMatch | None:
    """Find a statement of suicidal intent or self-harm; ``kind`` is ``"self_harm"``.

    Recognises "I want to kill myself", "I don't want to live anymore", "I want
    to end it all", "I'm thinking about suicide", "no quiero vivir", "quiero
    suicidarme", "je veux mourir", "j'ai envie d'en finir", "ich will nicht mehr
    leben", "ich bringe mich um". Negated and quoted statements are still
    reported, because missing a crisis costs more than a false alarm. Idioms
    ("this bill is killing me", "I'm dying to know", "Das bringt mich um") and
    titles ("the Suicide Squad DVD") are not matched.
    """
    return lexicon.SELF_HARM.find(text)


@cached_detector
def find_hardship(text: str) -> PhraseMatch | None:
    """Find a sign of financial hardship or bereavement; ``kind`` is ``"hardship"``.

    Recognises "I can't afford food", "I can't pay my rent", "I lost my job",
    "my husband died", "I'm desperate", "I have no money left", "no puedo pagar
    el alquiler", "j'ai perdu mon emploi", "ich kann die Miete nicht bezahlen".
    Only basic needs count ("I can't afford to wait" does not), lost things are
    not hardship ("I lost my password"), and eagerness is not despair ("I'm
    desperate for the new model").
    """
    return leftmost((lexicon.HARDSHIP.find(text), lexicon.HARDSHIP_NEGATIVE_FORMS.find(text)))


@cached_detector
def find_legal_threat(text: str) -> PhraseMatch | None:
    """Find a legal threat, a regulator mention or a formal complaint.

    ``kind`` is ``"legal"`` for threats of legal action ("I'm going to sue", "my
    lawyer will hear about this", "I'll get my lawyer involved", "small claims
    court", "voy a denunciar", "je vais porter plainte", "ich werde klagen", "mein
    Anwalt wird sich melden"), ``"regulator"`` for turning to an authority,
    ombudsman or consumer body ("I'm going to report you to the BBB", "I'll
    contact the attorney general", "voy a acudir a la OCU", "je vais saisir la
    DGCCRF", "ich wende mich an die Verbraucherzentrale") and ``"complaint"`` for a
    formal complaint ("I want to file a formal complaint", "hoja de
    reclamaciones", "je veux déposer une réclamation", "Beschwerde"). A complaint
    followed by a regulator in the same sentence ("a complaint with the CFPB",
    "Beschwerde bei der Verbraucherzentrale") is reported as ``"regulator"`` with
    a span covering both. Not matched: a regulator named without a complaint,
    report or threat ("I saw your great BBB rating"), the customer's lawyer as
    news ("My lawyer moved offices"), questions about policy ("what is your
    complaints policy?"), denials ("no complaints, thanks!", "I'm not going to
    sue") and the name Sue.
    """
    complaint = leftmost((lexicon.COMPLAINTS.find(text), lexicon.COMPLAINT_NOUNS.find(text)))
    first = leftmost((lexicon.LEGAL_THREATS.find(text), complaint, lexicon.REGULATORS.find(text)))
    if first is not None and first is complaint:
        names = lexicon.REGULATOR_NAMES.find_all(text)
        return _addressed_to_regulator(text, first, names) or first
    return first


@cached_detector
def find_payment_dispute(text: str) -> PhraseMatch | None:
    """Find a disputed payment; ``kind`` is ``"dispute"``.

    Recognises unauthorised or unrecognised charges ("I didn't authorize this
    charge", "unauthorised payment", "I don't recognise this payment", "cargo no
    autorizado", "prélèvement non autorisé", "diese Zahlung habe ich nicht
    veranlasst"), duplicate charges ("I was charged twice", "me cobraron dos
    veces", "j'ai été débité deux fois", "doppelt abgebucht") and explicit
    disputes ("I want to dispute this charge", "chargeback"). Questions about
    paying ("How do I authorize a payment?") and settled charges ("the charge was
    authorized yesterday") are not matched.
    """
    return leftmost((disputes.DISPUTES.find(text), disputes.DISPUTE_DENIALS.find(text)))


@cached_detector
def find_decision_contest(text: str) -> PhraseMatch | None:
    """Find the customer contesting a decision made about them; ``kind`` is ``"contest"``.

    Recognises "Why was my refund denied?", "I want to appeal this decision", "I
    disagree with this decision", "Please reconsider", "I want someone to review
    this decision", "my account was closed for no reason", "¿Por qué me han
    denegado el reembolso?", "je conteste cette décision", "warum wurde mein Antrag
    abgelehnt?", "ich lege Einspruch ein". Status questions ("Was my refund
    approved?"), how-to questions ("how do I apply for a refund?") and the
    customer's own decisions ("I decided to cancel my order") are not matched.
    """
    return leftmost((disputes.CONTESTS.find(text), disputes.CONTEST_DISAGREEMENTS.find(text)))


# A sentence ends at terminal punctuation or a line break; a complaint and a
# regulator named in different sentences are two separate statements.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _addressed_to_regulator(
    text: str, complaint: PhraseMatch, regulators: list[PhraseMatch]
) -> PhraseMatch | None:
    for regulator in regulators:
        if regulator.start < complaint.start:
            continue
        if _SENTENCE_END.search(text, complaint.end, regulator.start):
            return None
        end = max(complaint.end, regulator.end)
        phrase = text[complaint.start : end]
        return PhraseMatch("regulator", phrase, complaint.start, end, complaint.language)
    return None
