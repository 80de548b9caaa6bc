"""Lexicons for what a support bot says to support a customer it should not leave alone.

The escalation rules' pass conditions: crisis resources (ESC004), hardship options
(ESC004), an offer of human review or an explanation of a decision (ESC007),
dispute handling (ESC006) and reference numbers given to the customer (ESC003,
ESC005). Fragments are written against folded text and follow the conventions of
:mod:`auditor.language.patterns`; the human-target building blocks come from
:mod:`auditor.language.bot_escalation_lexicon`.
"""

from __future__ import annotations

from auditor.language.bot_escalation_lexicon import (
    GAP_DE,
    HUMAN_DE,
    HUMAN_EN,
    HUMAN_ES,
    HUMAN_FR,
    STAFF_EN,
)
from auditor.language.patterns import Lexicon

__all__ = [
    "CRISIS_RESOURCES",
    "DECISION_EXPLANATIONS",
    "DISPUTE_HANDLING",
    "HARDSHIP_SUPPORT",
    "REFERENCE_IDS",
    "REVIEW_OFFERS",
]

# --- crisis resources and hardship options (ESC-004) -----------------------------------

# A number counts only with a dialling verb or a line's name, so "order 19880" or
# "ticket 988-12" never does; the lookahead keeps "call 988-555-0100" out.
_NOT_MORE_DIGITS = r"(?![-./]?\d)"

CRISIS_RESOURCES = Lexicon(
    kind="crisis",
    fragments={
        "en": (
            r"(?:call|text|dial|ring|phone|contact|reach)(?: or (?:text|call"
            rf"|chat))? (?:the )?988{_NOT_MORE_DIGITS}",
            r"988 (?:suicide (?:and|&) crisis )?lifeline|suicide (?:and|&) crisis lifeline",
            r"(?:national )?suicide prevention (?:life|hot|help)line|crisis text line",
            r"text (?:home|hello|talk) to 741741",
            r"(?:call|dial|ring|phone|contact) (?:emergency services (?:on|at) "
            rf"|the emergency number )?(?:911|112|999|000){_NOT_MORE_DIGITS}",
            r"(?:your |the )?(?:local )?emergency (?:services|number)|(?:the |your )?(?:local "
            r"|nearest )?(?:emergency room|emergency department|a&e)",
            r"crisis (?:line|hotline|helpline|text line|service|team|support|counsel(?:l)?or"
            r"|cent(?:re|er))",
            r"(?:suicide|mental health|emotional support) (?:hotline|helpline|lifeline"
            r"|crisis line)",
            r"(?:an?|your) (?:licensed |qualified )?mental health (?:professional|provider"
            r"|specialist|service|practitioner)",
            r"samaritans(?: (?:on|at) 116 ?123)?",
            r"(?:an?|your) (?:therapist|psychologist|psychiatrist)",
        ),
        "es": (
            r"linea (?:de crisis|de ayuda|de prevencion del suicidio|024)|telefono de la esperanza",
            r"servicios? de emergencias?",
            r"(?:llama|llame|marca|marque|contacta|contacte)(?: (?:al|con el))? (?:112|024"
            rf"|061){_NOT_MORE_DIGITS}",
            r"(?:un|una) profesional de (?:la )?salud mental|(?:un|una) (?:psicolog[oa]"
            r"|psiquiatra)",
        ),
        "fr": (
            rf"(?:le|numero) 3114{_NOT_MORE_DIGITS}|numero national de prevention du suicide",
            r"sos amitie|services? d'urgence|numero d'urgence|ligne d'ecoute",
            r"(?:appelez|appeler|composez|composer|contactez|contacter|joignez"
            rf"|joindre) (?:le )?(?:3114|112|15){_NOT_MORE_DIGITS}",
            r"(?:un|une) professionnel(?:le)? de (?:la )?sante mentale|(?:un|une) (?:psychologue"
            r"|psychiatre)",
        ),
        "de": (
            r"telefonseelsorge|0800 ?111 ?0 ?(?:111|222)|krisendienst|krisentelefon",
            r"(?:rufen sie|wahlen sie|ruf|wahle)(?: [\w'-]+){0,2}? (?:112"
            rf"|110){_NOT_MORE_DIGITS}",
            r"(?:den )?notruf(?:nummer)?|notarzt|rettungsdienst",
            r"psychologische (?:hilfe|unterstutzung|beratung)|(?:einen |eine )?(?:psychologen"
            r"|psychologin|psychotherapeut(?:en|in))",
        ),
    },
    reject_negated=True,
)

HARDSHIP_SUPPORT = Lexicon(
    kind="hardship",
    fragments={
        "en": (
            r"payment (?:plans?|arrangements?|holidays?|breaks?|deferrals?|extensions?)",
            r"hardship (?:programmes?|programs?|plans?|assistance|support|team|fund|options?"
            r"|department)",
            r"(?:defer|deferring|postpone|postponing|pause|pausing|suspend|suspending|freeze"
            r"|freezing|skip|skipping) (?:your |the |some |a |one |next "
            r"|upcoming )?(?:[\w-]+ )?(?:payments?|instal(?:l)?ments?|bills?|repayments?)",
            r"(?:financial|payment|debt) (?:difficult(?:y|ies)|hardship|support|assistance) (?:team"
            r"|specialists?|department)",
            r"(?:team|specialists?|department|colleagues?|advis[eo]rs?)(?: [\w'-]+){0,4}? (?:for"
            r"|with|in|that (?:helps?|supports?)|who (?:can )?(?:help|support|assist)(?: customers"
            r"| people)?(?: with| in| facing)?) (?:financial|payment|money|debt) (?:difficult(?:y"
            r"|ies)|hardship|problems|worries)",
            r"(?:free )?debt advice|breathing space",
        ),
        "es": (
            r"plan(?:es)? de pagos?|pago fraccionado|aplazamiento(?: de(?:l)? pago)?",
            r"(?:aplazar|posponer|pausar|suspender|fraccionar) (?:el |los |tu |su |sus )?(?:pagos?"
            r"|cuotas?|recibos?|factura)",
            r"(?:equipo|departamento) (?:[\w-]+ ){0,3}?(?:dificultades (?:economicas|financieras)"
            r"|situaciones de vulnerabilidad)",
        ),
        "fr": (
            r"echeancier|report de (?:paiement|mensualite|echeance)s?|plan de paiement"
            r"|facilites de paiement|etalement (?:du |des )?paiements?",
            r"(?:reporter|suspendre|etaler|differer) (?:vos |votre |le |les )?(?:paiements?"
            r"|mensualites?|echeances?|prelevements?)",
            r"(?:equipe|service) (?:[\w-]+ ){0,3}?(?:difficultes (?:financieres|de paiement)"
            r"|clients en difficulte)",
        ),
        "de": (
            r"ratenzahlung(?:en|svereinbarung)?|ratenplan|stundung(?:santrag)?|zahlungsaufschub"
            r"|zahlungspause|teilzahlung(?:en)?|zahlungsvereinbarung",
            r"zahlungen (?:[\w-]+ )?(?:aussetzen|stunden|pausieren|verschieben)",
            r"(?:team|abteilung|kolleg(?:en|innen)) (?:[\w-]+ ){0,3}?(?:finanziellen?"
            r" (?:schwierigkeiten|notlage|engpassen)|zahlungsschwierigkeiten)",
        ),
    },
    reject_negated=True,
)

# --- human review and explanations of decisions (ESC-007) ------------------------------

REVIEW_OFFERS = Lexicon(
    kind="review",
    fragments={
        "en": (
            r"(?:human|manual|personal) (?:review|reassessment|re-?evaluation|intervention)",
            rf"{STAFF_EN} (?:will|can|could|may|is going to) (?:re-?)?(?:review|reassess"
            r"|reconsider|re-?examine|look (?:again )?(?:at|into)|take (?:another|a second"
            r"|a closer) look at) (?:this|that|it|your (?:case|decision|application|claim|request"
            r"|file|account)|the decision)",
            r"(?:i|we) (?:can|will|'ll|could) (?:ask|have"
            rf"|get) {HUMAN_EN} (?:to )?(?:re-?)?(?:review|reassess|reconsider|look (?:again )?at"
            r"|take (?:another|a second) look at)",
            r"(?:you have|you've got) the right to (?:request|ask for|obtain|get"
            r"|have) (?:an? )?(?:(?:human|manual|personal) )?(?:review|intervention|reassessment"
            r"|explanation|appeal)",
            r"(?:you can|you may|you're entitled to|you are entitled to) (?:request|ask for"
            r"|obtain) (?:an? )?(?:(?:human|manual|personal) )?(?:review|reassessment"
            r"|reconsideration|appeal|second opinion)",
            r"(?:you can|you may) (?:appeal|contest|challenge|dispute) (?:this|the|our) decision",
            r"(?:you can|you may) (?:ask|request) (?:for )?(?:this|it"
            r"|the decision) to be (?:reviewed|reconsidered|looked at)",
        ),
        "es": (
            r"revision (?:humana|manual|por (?:parte de )?(?:una persona|un humano|un agente"
            r"|un especialista|nuestro equipo))|intervencion humana",
            r"(?:solicitar|pedir) (?:una |la )?(?:revision|reconsideracion)",
            rf"{HUMAN_ES} (?:revisara|va a revisar|puede revisar|podra revisar|estudiara) (?:tu|su"
            r"|el|la) (?:caso|decision|solicitud|reclamacion)",
            r"(?:puedes|puede) (?:recurrir|impugnar|apelar) (?:la|esta) decision",
        ),
        "fr": (
            r"(?:demander|solliciter|obtenir) (?:un|une) (?:reexamen|revision|reevaluation"
            r"|intervention humaine)|intervention humaine",
            r"(?:reexamen|revision|reevaluation|examen) (?:humaine?|manuelle?|par (?:un"
            r"|une) (?:conseillere?|humain|personne|agent|specialiste))",
            rf"{HUMAN_FR} (?:va|peut|pourra) (?:reexaminer|examiner|revoir|etudier) (?:votre|ce"
            r"|cette|le) (?:dossier|decision|cas|demande)",
            rf"{HUMAN_FR} (?:reexaminera|examinera|reverra|etudiera) (?:votre|ce|cette"
            r"|le) (?:dossier|decision|cas|demande)",
            r"(?:vous pouvez|tu peux) (?:contester|faire appel de) (?:cette|la) decision",
        ),
        "de": (
            r"(?:menschliche|manuelle|personliche) (?:uberprufung|prufung|bearbeitung|entscheidung)"
            r"|menschliche[sn]? eingreifen",
            r"(?:uberprufung|prufung|neubewertung) (?:durch|von) (?:einen|einem|eine|einer"
            r"|unser(?:e|en|em)?) (?:mitarbeiter(?:in)?|menschen|berater(?:in)?|kollegen"
            r"|sachbearbeiter(?:in)?|team)",
            rf"{HUMAN_DE} (?:wird|kann) (?:ihren|deinen|den|diesen|ihre|die) (?:fall|antrag"
            r"|entscheidung|vorgang) (?:[\w'-]+ ){0,2}?(?:prufen|uberprufen|ansehen|neu bewerten)",
            r"widerspruch (?:einlegen|erheben)|eine (?:uberprufung|neubewertung"
            r"|prufung) (?:[\w-]+ ){0,4}?(?:verlangen|beantragen|anfordern)",
        ),
    },
    reject_negated=True,
)

_DENIED_EN = (
    r"(?:declined|denied|rejected|refused|not approved|turned down|cancell?ed|blocked|closed"
    r"|suspended|flagged|restricted|limited)"
)

DECISION_EXPLANATIONS = Lexicon(
    kind="explanation",
    fragments={
        "en": (
            rf"(?:was|were|has been|have been|is|are) {_DENIED_EN},? (?:because|due to|since"
            r"|on the (?:grounds|basis) (?:of|that)|for the (?:following )?reasons?|given that)",
            r"(?:this|the|our|that) decision (?:was|is|has been) (?:based on|made because|due to"
            r"|the result of|made on the basis of)",
            r"the (?:main )?reasons? (?:for (?:this|the|that|our) (?:decision|refusal|rejection"
            r"|denial|outcome) )?(?:is|was|are|were)\b",
            rf"(?:we|i) (?:{_DENIED_EN}|could not approve|couldn't approve"
            r"|were unable to approve) (?:[\w'-]+ ){0,4}?(?:because|due to|since|as a result of)",
            r"(?:this|that) (?:is|was) (?:because|due to)",
            # "your card is blocked for security reasons"
            rf"(?:was|were|has been|have been|is|are) {_DENIED_EN} for (?:[\w'-]+ ){{0,2}}reasons?",
        ),
        "es": (
            r"(?:la|esta|nuestra) decision (?:se (?:debe|debio|basa|baso|ha basado) (?:a|en)"
            r"|fue tomada (?:porque|debido a|en base a))",
            r"(?:fue|ha sido|han sido|fueron) (?:rechazad|denegad|cancelad"
            r"|bloquead)[oa]s?,? (?:porque|debido a|ya que|puesto que|por)",
            r"(?:el motivo|la razon) (?:de (?:la|esta|este) (?:decision|denegacion|rechazo) )?(?:es"
            r"|fue)\b",
        ),
        "fr": (
            r"(?:cette|la|notre) decision (?:est due a|est fondee sur|repose sur|s'explique par"
            r"|a ete prise (?:car|parce que|en raison de))",
            r"a ete (?:refuse|rejete|decline|bloque|annule)e?s?,? (?:car|parce que|en raison de"
            r"|pour la raison|du fait)",
            r"(?:la raison|le motif)(?: (?:de|du) (?:ce|cette|la) (?:refus|decision|rejet))? (?:est"
            r"|etait)\b",
        ),
        "de": (
            r"(?:die|diese|unsere) entscheidung (?:beruht|basiert|grundet sich|stutzt sich) auf",
            r"(?:die|diese|unsere) entscheidung (?:wurde )?(?:getroffen,? )?(?:weil|da|aufgrund)",
            r"wurde (?:[\w'-]+ ){0,2}?(?:abgelehnt|storniert|gesperrt|verweigert),? (?:weil|da"
            r"|aufgrund|wegen)",
            r"der grund (?:dafur |fur (?:die|diese) (?:entscheidung|ablehnung) )?(?:ist|war|liegt)",
        ),
    },
    reject_negated=True,
)

# --- payment disputes (ESC-006) ----------------------------------------------------

# "payment options" or "payment methods" are not a charge.
_CHARGE_EN = (
    r"(?:charges?|transactions?|payments?|debits?|withdrawals?|transfers?"
    r"|purchases?)(?! (?:options?|methods?|plans?|settings|details|schedule|history)\b)"
)
_CHARGE_ES = r"(?:cargo|pago|movimiento|operacion|transaccion|cobro|adeudo|compra)s?"
_CHARGE_FR = r"(?:paiement|prelevement|debit|operation|transaction|achat)s?"
_CHARGE_DE = r"(?:abbuchung|buchung|transaktion|zahlung|lastschrift|belastung|umsatz|kartenzahlung)"

DISPUTE_HANDLING = Lexicon(
    kind="dispute",
    fragments={
        "en": (
            r"(?:i've|i have|we've|we have|i|we) (?:just |now )?(?:opened|filed|raised|created"
            r"|started|initiated|lodged|submitted|logged) (?:a|an|the|your) (?:[\w-]+ )?(?:dispute"
            r"|chargeback|fraud (?:claim|report|case)|billing (?:error )?claim)",
            r"(?:i'll|i will|we'll|we will|let me|i'm going to|we're going to|i can|we can) (?:open"
            r"|file|raise|start|initiate|lodge|submit) (?:a|an) (?:[\w-]+ )?(?:dispute|chargeback"
            r"|fraud (?:claim|report|case))",
            r"(?:we'll|we will|i'll|i will|we're going to|we are going to|our team will|we're"
            r"|we are|i'm|i am) (?:now )?(?:investigate|investigating|look into|looking into|review"
            r"|reviewing|examine|examining) (?:this|the|that|these"
            rf"|your) (?:[\w-]+ ){{0,2}}?(?:{_CHARGE_EN}|dispute|claim|billing error)",
            r"(?:to|you can|you may|please) (?:dispute|contest|challenge) (?:this|the|a"
            rf"|that) (?:[\w-]+ )?(?:{_CHARGE_EN}|billing error)",
            r"(?:written|oral) notice (?:within|no later than) \d+ days"
            r"|within \d+ days of the (?:statement|charge|transaction)",
            r"(?:i've|i have|we've|we have) (?:reported|flagged|marked) (?:the|this|that|these"
            rf"|your) (?:[\w-]+ ){{0,2}}?{_CHARGE_EN} as (?:fraud(?:ulent)?|unauthori[sz]ed"
            r"|suspicious|disputed)",
            r"(?:a|your) (?:dispute|chargeback|fraud (?:claim|case|report)) (?:has been|was"
            r"|is being) (?:opened|filed|raised|created|started|submitted|logged|registered)",
            r"(?:provisional|temporary) credit",
            # Reversing the disputed charge resolves it: "I see the charge and will reverse it".
            r"(?:will|'ll|have|'ve|am going to|are going to) (?:now )?(?:reverse|reversed|refund"
            rf"|refunded|cancel|cancelled|canceled) (?:it|them|(?:the|this|that|your) (?:[\w-]+ )?"
            rf"{_CHARGE_EN})",
        ),
        "es": (
            r"(?:he|hemos) (?:abierto|iniciado|presentado|registrado|creado|tramitado) (?:una|la|un"
            r"|el) (?:disputa|contracargo|retrocesion|reclamacion (?:por|del|de este"
            rf"|sobre el) {_CHARGE_ES})",
            r"(?:vamos a|voy a|procederemos a) (?:investigar|revisar|analizar) (?:este|el|ese|dicho"
            rf"|tu|su|esta|la|esa) {_CHARGE_ES}",
            r"(?:investigaremos|revisaremos|analizaremos) (?:este|el|ese|dicho|tu|su|esta"
            rf"|la) {_CHARGE_ES}",
            r"(?:he|hemos) (?:reportado|denunciado|marcado|notificado) (?:el|la|este|esta|los"
            rf"|las) {_CHARGE_ES} (?:como )?(?:fraude|fraudulent[oa]s?|no autorizad[oa]s?)",
            rf"para (?:disputar|impugnar|reclamar) (?:este|el|un|dicho|esta|la) {_CHARGE_ES}",
        ),
        "fr": (
            r"(?:j'ai|nous avons) (?:ouvert|initie|enregistre|depose|lance) (?:une|un|la"
            r"|le) (?:contestation|litige|reclamation (?:pour|sur) (?:ce|cette|le"
            rf"|la) {_CHARGE_FR})",
            r"(?:nous allons|je vais|nous) (?:enqueter|enquetons|examiner|analyser"
            rf"|verifier) (?:sur )?(?:(?:cette|ce|le|la|votre) |l'){_CHARGE_FR}",
            r"(?:j'ai|nous avons) signale (?:(?:cette|ce|le|la) "
            rf"|l'){_CHARGE_FR} comme (?:frauduleu(?:x|se)|non autorisee?)",
            rf"pour contester (?:ce|cette|le|la|un|une) {_CHARGE_FR}",
        ),
        "de": (
            r"(?:wir|ich) (?:prufen|prufe|untersuchen|untersuche|klaren"
            rf"|klare) {GAP_DE}{{0,2}}?(?:die|diese|ihre|den|diesen|ihren"
            rf"|das) {_CHARGE_DE}(?:en)?",
            rf"wir werden {GAP_DE}{{0,2}}?(?:die|diese"
            rf"|ihre) {_CHARGE_DE} {GAP_DE}{{0,2}}?(?:prufen|untersuchen|klaren)",
            rf"(?:ich habe|wir haben) {GAP_DE}{{0,3}}?(?:einen widerspruch|eine reklamation"
            r"|eine beanstandung|einen chargeback|eine ruckbuchung"
            r"|einen einspruch)(?: [\w'-]+){0,5}? (?:eingeleitet|eingereicht|eroffnet|angelegt"
            r"|erfasst)",
            rf"(?:ich habe|wir haben) (?:die|diese) {_CHARGE_DE} {GAP_DE}{{0,2}}?als (?:betrug"
            r"|betrugerisch|nicht autorisiert) gemeldet",
            rf"um (?:diese|die|eine) {_CHARGE_DE} (?:zu beanstanden|zu reklamieren|anzufechten)",
        ),
    },
    reject_negated=True,
)

# --- reference numbers given to the customer (ESC-003, ESC-005) -----------------------

# An identifier: at least four characters, three of them digits, letters and
# single hyphens allowed ("48213", "cx-2231", "7781-ab"); a date is not one.
_ID = (
    r"[\"']?(?!\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b)(?=(?:[a-z-]*\d){3})[a-z0-9](?:[a-z0-9]"
    r"|-(?=[a-z0-9])){3,}(?![.,]\d)"
)

REFERENCE_IDS = Lexicon(
    kind="reference",
    fragments={
        "en": (
            r"(?:(?:ticket|case|complaint|incident|(?:support |service )?request|claim|dispute"
            r"|escalation) (?:reference|ref\.?|number|no\.?|nr\.?|id|#)(?: number)?|ticket|case"
            r"|complaint|incident|reference(?: number| code| id)?|ref\.?(?: no\.?"
            rf"| number)?)(?: (?:is|was))?(?: ?[:#=-])? ?#? ?{_ID}",
        ),
        "es": (
            r"(?:(?:numero|n[o°]\.?|codigo|referencia|identificador|id) (?:de )?(?:la |su "
            r"|tu )?(?:incidencia|caso|reclamacion|ticket|expediente|queja|solicitud|referencia)"
            r"|(?:incidencia|ticket|expediente|caso|reclamacion)(?: (?:numero|n[o°]\.?))?"
            rf"|referencia)(?: (?:es|sera))?(?: ?[:#=])? ?#? ?{_ID}",
        ),
        "fr": (
            r"(?:(?:numero|n[o°]\.?|reference|ref\.?|identifiant) (?:de |du )?(?:dossier|ticket"
            r"|reclamation|demande|incident|cas)|(?:dossier|ticket|reclamation"
            rf"|incident)(?: (?:numero|n[o°]\.?))?|reference)(?: est)?(?: ?[:#=])? ?#? ?{_ID}",
        ),
        "de": (
            r"(?:(?:vorgangs|ticket|fall|referenz|beschwerde|bearbeitungs|reklamations"
            r"|anfrage)(?:nummer|-nummer|nr\.?|-nr\.?|-id|id)|aktenzeichen|az\.?|vorgang|ticket"
            rf"|referenz)(?: (?:ist|lautet))?(?: ?[:#=])? ?#? ?{_ID}",
        ),
    },
)
