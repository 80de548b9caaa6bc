"""Lexicons for a customer disputing a payment or contesting a decision.

Two families, in English, Spanish, French and German, split like those of
:mod:`auditor.language.customer_escalation_lexicon` (whose English building
blocks ``AMOUNT``, ``DIDNT`` and ``DONT`` they reuse): phrases that carry their
own negation ("I didn't authorize this charge", "no estoy de acuerdo") keep
negated matches; the others drop a match governed by a negation. Fragments are
written against folded text and follow the conventions of
:mod:`auditor.language.patterns`.
"""

from __future__ import annotations

from auditor.language.customer_escalation_lexicon import AMOUNT, DIDNT, DONT
from auditor.language.patterns import Lexicon

__all__ = [
    "CONTESTS",
    "CONTEST_DISAGREEMENTS",
    "DISPUTES",
    "DISPUTE_DENIALS",
]


# --- payment disputes (rulebook ESC-006) ---------------------------------------

_PAYMENT_EN = (
    r"(?:charge|payment|transaction|debit|withdrawal|purchase|direct debit|transfer|bill)s?"
)
_PAYMENT_ES = r"(?:cargo|cobro|pago|compra|transaccion|adeudo|movimiento|recibo|operacion)(?:e?s)?"
_PAYMENT_FR = r"(?:prelevement|paiement|debit|achat|transaction|operation|virement)s?"
_PAYMENT_DE = r"(?:abbuchung|zahlung|transaktion|lastschrift|belastung|buchung|uberweisung)(?:en)?"

DISPUTES = Lexicon(
    "dispute",
    {
        "en": [rf"(?:unauthori[sz]ed|fraudulent) (?:card )?(?:{_PAYMENT_EN}|use|activity)",
               r"(?:charged|billed|debited) (?:me )?(?:\w+ )?(?:twice|two times|double|2x"
               r"|three times|multiple times|more than once)",
               r"double[\s-]?(?:charged|billed|charge|payment|billing)"
               r"|duplicate (?:charge|payment|transaction|debit)s?",
               rf"dispute (?:this|the|that|these|those|a|my) (?:\w+ )?{_PAYMENT_EN}",
               # "I want to dispute the delivery date" is not about money, so a bare
               # "dispute" must end the clause.
               r"(?:want|like|need|going|wish) to dispute(?: (?:it|this|that))?"
               r"(?=\s*(?:[.!?,;]|$))",
               r"(?:open|file|raise|start) a (?:payment |card )?dispute|charge[\s-]?backs?",
               r"(?:charged|billed|debited|took|taken|used)(?: \w+){0,3} without my"
               r" (?:permission|consent|authori[sz]ation|knowledge)"],
        "es": [rf"{_PAYMENT_ES} (?:no autorizad|fraudulent|indebid|duplicad)[oa]s?|contracargo",
               r"(?:cobrad[oa]|cobraron|cobrasteis|cobro|cargado|cargaron|pasaron)(?: \w+){0,2}"
               r" (?:dos veces|doble|por duplicado)",
               r"(?:doble|dos) (?:cargos?|cobros?)|(?:cobro|cargo) (?:doble|duplicado)",
               rf"(?:disputar|impugnar|reclamar) (?:este|ese|el|esta|esa|la) {_PAYMENT_ES}",
               r"devolver (?:el|este) (?:recibo|adeudo)"],
        "fr": [rf"{_PAYMENT_FR} (?:non (?:autorise|reconnu)e?s?|frauduleu(?:x|se)s?|en double)",
               r"(?:debite|preleve|facture|compte)e?s?(?: \w+)? deux fois",
               r"double (?:prelevement|debit|facturation|paiement)|retrofacturation|chargeback",
               rf"contester (?:ce|cette|le|la|un|une) (?:\w+ )?{_PAYMENT_FR}",
               rf"(?:faire )?opposition (?:sur|a) (?:ce|cette|le|la) {_PAYMENT_FR}"],
        "de": [r"(?:nicht (?:von mir )?(?:autorisiert|genehmigt)|unautorisiert|ungenehmigt"
               rf"|betrugerisch|unbekannt)e[rnms]? {_PAYMENT_DE}",
               r"(?:doppelt|zweimal|zweifach|mehrfach)(?: \w+)? (?:abgebucht|belastet|berechnet"
               r"|abgerechnet|eingezogen|abgezogen)",
               r"doppelte (?:abbuchung|belastung|zahlung|lastschrift|buchung|abrechnung)(?:en)?",
               r"(?:lastschrift|zahlung|abbuchung) (?:zuruckbuchen|zuruckgeben|zuruckholen"
               r"|widerrufen|widersprechen)|ruckbuchung|chargeback"],
    },
    reject_negated=True,
)

# "I didn't authorize this charge" is the dispute itself. "Make" needs a
# demonstrative: "I didn't make the payment yet" is a late payer, not a dispute.
DISPUTE_DENIALS = Lexicon(
    "dispute",
    {
        "en": [rf"{DIDNT} (?:authori[sz]e|approve|agree to) (?:this|that|these|those|the|any|a)"
               rf" {AMOUNT}{_PAYMENT_EN}",
               rf"{DIDNT} (?:make|order|request|buy) (?:this|that|these|those) {AMOUNT}"
               rf"{_PAYMENT_EN}",
               rf"(?:{DONT}|{DIDNT}) recogni[sz]e (?:this|that|these|those|the|a|any) {AMOUNT}"
               rf"{_PAYMENT_EN}",
               # Not "wasn't authorized": "my payment wasn't authorized" is a declined card.
               rf"{_PAYMENT_EN} (?:is|was|are|were)(?:n't| not) (?:mine|me|made by me)"],
        "es": [r"no (?:reconozco|(?:he )?(?:autorice|autorizado|hice|hecho|realice|realizado"
               r"|solicite|solicitado)) (?:este|ese|esta|esa|estos|esos|estas|esas)"
               rf" {AMOUNT}{_PAYMENT_ES}",
               r"no (?:reconozco|(?:he )?(?:autorice|autorizado)) (?:el|la|los|las|ningun|ninguna)"
               rf" {AMOUNT}{_PAYMENT_ES}"],
        "fr": [rf"je (?:ne )?reconnais pas (?:ce|cette|ces|le|la|les) {AMOUNT}{_PAYMENT_FR}",
               r"je n'ai (?:pas|jamais) (?:autorise|effectue|fait|valide|commande) (?:ce|cette|ces)"
               rf" {AMOUNT}{_PAYMENT_FR}",
               rf"je n'ai (?:pas|jamais) autorise (?:le|la|les) {_PAYMENT_FR}"],
        "de": [rf"(?:diese|die|den|diesen) (?:\w+ )?{_PAYMENT_DE} habe ich nicht (?:veranlasst"
               r"|autorisiert|getatigt|gemacht|genehmigt|bestellt)",
               rf"ich habe (?:diese|die|den|diesen) (?:\w+ )?{_PAYMENT_DE} nicht (?:veranlasst"
               r"|autorisiert|getatigt|gemacht|genehmigt)",
               rf"ich erkenne (?:diese|die|den|diesen) (?:\w+ )?{_PAYMENT_DE} nicht",
               rf"(?:diese|die) {_PAYMENT_DE} (?:kenne ich nicht|ist nicht von mir)"],
    },
)

# --- contesting a decision (rulebook ESC-007) ----------------------------------

_DECIDED_EN = (
    r"(?:denied|rejected|declined|refused|turned down|closed|blocked|suspended|cancell?ed"
    r"|frozen|terminated|restricted|banned|locked|flagged|disabled|deactivated|withheld)"
)
_DECIDE_EN = r"(?:deny|reject|decline|refuse|close|block|suspend|cancel|freeze|terminate|ban)"
_CASE_EN = (
    r"(?:refund|application|claim|request|loan|account|card|credit(?: limit)?|payment"
    r"|transaction|order|return|appeal|booking|reservation|warranty|mortgage|insurance|policy"
    r"|subscription|profile|listing|complaint|case)s?"
)
_VERDICT_EN = r"(?:decision|ruling|outcome|rejection|denial|refusal|closure|assessment)"
_DECIDED_ES = (
    r"(?:(?:denegad|rechazad|cancelad|bloquead|cerrad|suspendid|negad|anulad|congelad"
    r"|desactivad|retenid)[oa]s?|denegaron|rechazaron|cancelaron|bloquearon|cerraron"
    r"|suspendieron|negaron|anularon|congelaron|desactivaron)"
)
_DECIDED_FR = r"(?:refus|rejet|bloqu|ferm|suspendu|annul|resili|clotur|desactiv|gel)e?e?s?"
_DECIDED_DE = (
    r"(?:abgelehnt|gesperrt|geschlossen|gekundigt|storniert|blockiert|verweigert|deaktiviert"
    r"|eingefroren|eingeschrankt|zuruckgewiesen)"
)

CONTESTS = Lexicon(
    "contest",
    {
        "en": [rf"why (?:was|were|has|have|is|did|would) (?:my|our|the) (?:[\w-]+ )?{_CASE_EN}"
               rf" (?:been |get |got )?{_DECIDED_EN}",
               rf"why (?:did|have|has|would) (?:you|they|your (?:system|company|team|bank))"
               rf" (?:\w+ )?(?:{_DECIDE_EN}|{_DECIDED_EN}) (?:my|our|me)",
               rf"why (?:was|have|am|did) i (?:been |get |got )?{_DECIDED_EN}",
               rf"{_DECIDED_EN} (?:for no |without (?:any |a )?)(?:good |apparent |valid )?"
               r"(?:reason|explanation|justification)",
               rf"(?:appeal|contest|challenge|dispute|overturn|reverse|review|re-?examine|explain)"
               rf" (?:against )?(?:this|the|that|your) (?:[\w-]+ )?{_VERDICT_EN}",
               r"(?:want|wish|would like|like|going|intend|need|plan) to appeal(?! to\b)"
               r"|how (?:do|can) i appeal",
               rf"i (?:strongly )?disagree with (?:this|the|that|your) (?:[\w-]+ )?{_VERDICT_EN}",
               r"(?:this|that|the|your) (?:[\w-]+ )?decision (?:is|was|seems|feels)"
               r" (?:(?:completely|totally|clearly|simply|just|so|very|absolutely) )?(?:wrong"
               r"|unfair|incorrect|mistaken|a mistake|an error|unjust|not fair|not right"
               r"|not correct|ridiculous|absurd|outrageous|discriminatory|biased|unreasonable)",
               # A bare "reconsider" must end the clause: "please reconsider your prices" is
               # feedback, not a contested decision.
               r"(?:please|could you|can you|would you|will you|kindly|i ask you to|you need to"
               r"|you should) (?:please )?reconsider(?: (?:it|this|that))?(?=\s*(?:[.!?,;]|$))",
               rf"reconsider (?:this|the|that|your|my) (?:[\w-]+ )?(?:{_VERDICT_EN}|{_CASE_EN})",
               r"(?:someone|somebody|a (?:real |actual |live )?(?:human|person|manager|supervisor)"
               r"|a human being|a member of (?:staff|your team)) (?:to )?(?:review|look (?:at|into"
               r"|over)|reconsider|re-?evaluate|re-?assess|check) (?:this|the|that|my|your)"
               rf" (?:[\w-]+ )?(?:{_VERDICT_EN}|{_CASE_EN})",
               r"(?:human|manual) (?:review|reassessment|re-?evaluation|intervention)"],
        # "por que" and not "porque" ("because").
        "es": [rf"por que (?:me |nos |se |le |les )?(?:(?:han|ha|habeis|has) )?(?:sido )?"
               rf"{_DECIDED_ES}",
               r"por que (?:mi|mis|el|la|nuestra|nuestro) (?:\w+ ){1,2}(?:(?:ha|han|fue|fueron) )?"
               rf"(?:sido )?{_DECIDED_ES}",
               r"(?:quiero|voy a|deseo|me gustaria|pienso|quisiera) (?:recurrir|apelar|impugnar)",
               r"(?:recurrir|apelar|impugnar|revisar|reconsiderar|reclamar contra) (?:la|esta|esa"
               r"|su) (?:\w+ )?(?:decision|resolucion|denegacion|negativa|cancelacion)",
               r"(?:la|esta|esa|su) decision (?:es|fue|me parece) (?:(?:totalmente|completamente"
               r"|muy) )?(?:injusta|incorrecta|erronea|un error|arbitraria|equivocada"
               r"|discriminatoria)",
               r"reconsideren|revision (?:humana|manual)"
               r"|(?:una persona|un humano|alguien|un agente) (?:revise|revisen|reconsidere)",
               rf"{_DECIDED_ES}(?: \w+){{0,3}} sin (?:ningun |ninguna )?(?:motivo|razon"
               r"|explicacion|justificacion)"],
        "fr": [r"pourquoi (?:est-ce que )?(?:ma|mon|mes|notre|nos|la|le) (?:[\w-]+ ){1,2}"
               r"(?:a-t-(?:il|elle) |ont-(?:ils|elles) |a |ont |est |sont )?"
               rf"(?:ete )?{_DECIDED_FR}",
               r"pourquoi (?:avez-vous|vous avez|m'avez-vous|vous m'avez|on m'a|a-t-on|m'a-t-on)"
               rf" (?:\w+ )?{_DECIDED_FR}",
               r"(?:conteste|contester|contestons) (?:cette|la|votre|cet|ce) (?:\w+ )?(?:decision"
               r"|refus|rejet|resiliation|cloture|evaluation)",
               r"(?:faire|fais|ferai) appel (?:de|contre) (?:cette|la|votre) decision"
               r"|(?:deposer|former|faire) un recours",
               r"(?:reconsiderer|revoir|reexaminer|reviser) (?:cette|la|votre|ma|mon) (?:\w+ )?"
               r"(?:decision|dossier|demande|refus)",
               r"(?:cette|la|votre) decision (?:est|etait|me semble|me parait) (?:(?:totalement"
               r"|completement|vraiment|tres) )?(?:injuste|erronee|incorrecte|abusive|arbitraire"
               r"|fausse|discriminatoire|une erreur)",
               r"(?:examen|revue|verification|intervention|controle) (?:humaine?|manuelle?)",
               rf"{_DECIDED_FR} sans (?:aucune? )?(?:raison|explication|motif|justification)"],
        "de": [r"(?:warum|wieso|weshalb) (?:wurde|wurden|ist|sind|hat man|haben sie|habt ihr)"
               r" (?:mir |uns )?(?:mein|meine|meinen|meinem|unser|unsere|unseren|die|der|das|den)"
               rf" (?:[\w-]+ ){{0,3}}{_DECIDED_DE}",
               rf"ohne (?:jeden |jede |einen |eine )?(?:grund|begrundung|erklarung) {_DECIDED_DE}",
               r"ich widerspreche (?:hiermit )?(?:der|dieser|ihrer|eurer|deiner) (?:\w+ )?"
               r"(?:entscheidung|ablehnung|kundigung|sperrung|bewertung)",
               r"ich lege (?:hiermit )?(?:einspruch|widerspruch)"
               r"|(?:einspruch|widerspruch) (?:einlegen|erheben)",
               r"(?:einspruch|widerspruch) gegen (?:die|diese|ihre|den|diesen|das) (?:\w+ )?"
               r"(?:entscheidung|ablehnung|bescheid|kundigung|sperrung)",
               r"(?:diese|die|ihre) (?:\w+ )?entscheidung ist (?:(?:doch|total|vollig|einfach"
               r"|absolut) )?(?:falsch|unfair|ungerecht|nicht korrekt|nicht richtig|fehlerhaft"
               r"|willkurlich|diskriminierend|ein fehler)",
               r"(?:entscheidung|ablehnung) (?:anfechten|uberprufen|uberdenken|revidieren"
               r"|(?:noch ?mal|noch einmal) prufen)",
               r"(?:uberprufen|uberdenken|prufen|revidieren) sie (?:bitte )?(?:die|diese|ihre"
               r"|meine|meinen) (?:\w+ )?(?:entscheidung|ablehnung|antrag)",
               r"(?:menschliche|manuelle) (?:prufung|uberprufung|bearbeitung|entscheidung)"],
    },
    reject_negated=True,
)

# Disagreement phrased with a negation ("I don't agree with this decision").
CONTEST_DISAGREEMENTS = Lexicon(
    "contest",
    {
        "en": [rf"i {DONT} (?:agree with|accept) (?:this|the|that|your) (?:[\w-]+ )?"
               rf"{_VERDICT_EN}"],
        "es": [r"no estoy de acuerdo con (?:la|esta|esa|su|vuestra) (?:\w+ )?(?:decision"
               r"|resolucion|denegacion|evaluacion|valoracion)"],
        "fr": [r"je (?:ne )?suis pas d'accord avec (?:cette|la|votre) (?:\w+ )?(?:decision|refus"
               r"|evaluation)"],
        "de": [r"mit (?:der|dieser|ihrer) (?:\w+ )?(?:entscheidung|ablehnung) (?:bin ich )?nicht"
               r" einverstanden",
               r"nicht einverstanden mit (?:der|dieser|ihrer) (?:\w+ )?(?:entscheidung|ablehnung)"],
    },
)
