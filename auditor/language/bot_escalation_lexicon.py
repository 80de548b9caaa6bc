"""Lexicons for a support bot's promises of a transfer, a call back or a ticket, and
for notices that a person has joined the conversation.

Seeded from the rulebook's transfer promises (6.5), generalised into small
grammars per language: a commitment frame ("I'll", "te", "je vous", "ich") + a
handoff verb + an optional human target ("an agent", "un asesor", "un
conseiller", "einen Mitarbeiter"). Fragments are written against folded text
and follow the conventions of :mod:`auditor.language.patterns`. Promises must
commit: offers ("I can transfer you") and refusals ("I can't transfer you") are
separate lexicons, and the detectors in :mod:`auditor.language.bot_escalation`
drop promises made inside a question or under a condition.

Join notices ("Maria has joined the chat", "You are now connected with an agent",
"Un agente se ha unido a la conversación", "Un conseiller a rejoint la
conversation", "Ein Mitarbeiter ist dem Chat beigetreten") are what a chat platform,
or a bot speaking for it, shows when a person takes over: they say a person is
there now, not that one will come.

Offers, refusals and fallbacks are in :mod:`auditor.language.bot_reply_lexicon`;
crisis lines, hardship options, reviews, disputes and reference numbers in
:mod:`auditor.language.bot_support_lexicon`. Both reuse the human-target building
blocks defined here (``HUMAN_EN`` ... ``HUMAN_DE``, ``STAFF_EN``, ``TARGET_EN``,
``GAP_DE``).
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon

__all__ = [
    "CALLBACK_PROMISES",
    "JOIN_ANNOUNCEMENTS",
    "MACHINE_PARTY",
    "TICKET_PROMISES",
    "TRANSFER_PROMISES",
]

# --- building blocks ------------------------------------------------------------

# The end of a clause, for verbs that need no target: "Connecting you." but not
# "connecting you with our help articles".
_END = r"(?= ?(?:[.!;,…]|$))"
# A run of up to a few words that is not a negation (German puts "nicht" late).
GAP_DE = r"(?:(?!nicht\b|nie\b|kein)[\w'-]+ )"

_COMMIT_EN = (
    r"(?:i'll|i will|i'm going to|i am going to|im going to|i'm about to|let me|allow me to"
    r"|i'd like to|we'll|we will|we're going to|we are going to)"
)
_HUMAN_NOUN_EN = (
    r"(?:agents?|advis[eo]rs?|representatives?|reps?|specialists?|colleagues?|team ?mates?"
    r"|team members?|members? of (?:our|the|my) (?:[\w-]+ )?(?:team|staff)|persons?|people"
    r"|humans?(?: beings?)?|operators?|supervisors?|managers?|experts?|consultants?|associates?"
    r"|staff(?: members?)?|(?:some|any)(?:one|body)(?: (?:from|on|in|at) (?:our"
    r"|the) (?:[\w-]+ )?(?:team|staff))?|one of (?:our|the|my) (?:[\w-]+ )?(?:agents|team|advisors"
    r"|advisers|specialists|colleagues|experts|staff|team members|representatives))"
)
HUMAN_EN = (
    r"(?:(?:an?|the|our|your|a member of our) )?(?:(?:human|live|real|actual|support"
    r"|customer (?:service|support|care)|service|billing|technical|tech|sales|senior|dedicated"
    r"|available|qualified|complaints?|account|claims|fraud) ){0,2}" + _HUMAN_NOUN_EN
)
# A human, or a team as the subject of a promise: "our billing team will call you".
STAFF_EN = rf"(?:{HUMAN_EN}|(?:our|the) (?:[\w-]+ )?team)"
# A human or a staffed team: "our billing team", "customer service".
TARGET_EN = (
    rf"(?:{HUMAN_EN}|(?:(?:our|the|a|an) )?(?:[\w-]+ ){{0,2}}?(?:team|department|desk|unit)"
    r"|customer (?:service|support|care))"
)
HUMAN_ES = (
    r"(?:(?:un|una|el|la|uno de nuestros|una de nuestras|nuestro|nuestra) )?(?:agentes?|asesor(?:a"
    r"|es)?|personas?|humanos?|operador(?:a|es)?|especialistas?|companer[oa]s?|representantes?"
    r"|gestor(?:a)?|tecnic[oa]s?|alguien|miembros? (?:de|del) (?:nuestro )?equipo|(?:nuestro"
    r"|el) equipo(?: de [\w-]+)?)(?: (?:humano|humana|real|de (?:nuestro equipo|atencion al cliente"
    r"|soporte)|del equipo))?"
)
HUMAN_FR = (
    r"(?:(?:un|une|le|la|notre|l'un de nos|l'une de nos|un de nos|une de nos) |l')?(?:conseillers?"
    r"|conseilleres?|agents?|humains?|personnes?|operat(?:eur|rice)s?|collegues?|specialistes?"
    r"|experts?|interlocut(?:eur|rice)s?|techniciens?|quelqu'un|membres? de (?:notre |l')equipe"
    r"|(?:notre |l')equipe(?: [\w-]+)?|service client)(?: (?:humaine?|de (?:notre |l')equipe"
    r"|du service client))?"
)
HUMAN_DE = (
    r"(?:(?:ein|eine|einen|einem|einer|der|die|den|dem|unser|unsere|unseren|unserem"
    r"|unserer) )?(?:(?:menschlichen?|echten?|personlichen?|zustandigen?|freien?"
    r"|verfugbaren?) )?(?:mitarbeiter(?:in|innen|n)?|kolleg(?:e|en|in|innen)"
    r"|(?:kunden)?berater(?:in|innen|n)?|menschen?|ansprechpartner(?:in|n)?|sachbearbeiter(?:in)?"
    r"|spezialist(?:en|in)?|experten?|agent(?:en|in)?|kundendienst|kundenservice|fachabteilung"
    r"|(?:support)?team|jemand(?:en|em)?)"
)

# --- transfer, callback and ticket promises (rulebook 6.5) ---------------------------

TRANSFER_PROMISES = Lexicon(
    kind="transfer",
    fragments={
        "en": (
            rf"{_COMMIT_EN} (?:now |just |quickly |go ahead and )?transfer you(?: (?:over|now"
            rf"|right away))?(?: (?:to|with) {TARGET_EN})?",
            rf"{_COMMIT_EN} (?:now |just |quickly )?(?:put|patch) you through(?: to {TARGET_EN})?",
            rf"{_COMMIT_EN} (?:now |just )?(?:pass|hand) you (?:(?:over|on"
            rf"|along)(?: to {TARGET_EN})?|to {TARGET_EN})",
            rf"{_COMMIT_EN} (?:now |just |quickly )?(?:connect|link) you(?: (?:now|right away"
            rf"|directly))?(?: (?:to|with) {TARGET_EN}|{_END})",
            rf"{_COMMIT_EN} (?:get|find|fetch|grab|bring in|call in|page"
            rf"|loop in) (?:you )?{HUMAN_EN}",
            # "Transferring you now", "I'm handing you over to a specialist".
            r"(?:(?:i'm|i am|im|we're|we are) )?(?:now )?(?:transferring|connecting|putting"
            r"|patching|passing|handing|routing|forwarding) you(?: (?:through|over|on"
            rf"|along))?(?:(?: (?:now|right away|shortly))?(?: (?:to|with) {TARGET_EN})|(?: (?:now"
            rf"|right away|shortly))|{_END})",
            r"while (?:i|we) (?:connect|transfer|put|patch|pass|hand|route) you",
            r"while (?:i|we) (?:find|get|fetch|locate|look for|grab|page|reach|contact|bring in"
            rf"|loop in) {HUMAN_EN}",
            # "assist you" needs a time: "our agents will help you with anything" is a slogan.
            rf"{HUMAN_EN} (?:will|shall|is going to|are going to|is about to) (?:now |shortly "
            r"|soon |then )?(?:be (?:right )?with you|join|be joining|take over|pick up"
            r"|be (?:right )?here|be along|attend to you|respond|reply|answer|(?:assist"
            r"|help) you(?= (?:shortly|soon|now|right away|momentarily|in a (?:moment|minute"
            r"|few minutes))))",
            rf"{HUMAN_EN} (?:is|are|has been|have been) (?:now )?(?:joining|on (?:their|his|her"
            r"|the) way|assigned to (?:you|your chat|this chat|your case))",
            r"you(?:'re| are|'ve been| have been) (?:now )?(?:in|added to|placed in|put in) (?:the"
            r"|a|our) (?:queue|waiting list|wait list)",
            r"you(?:'re| are) (?:now )?(?:next|number \d+|#\d+|\d+(?:st|nd|rd"
            r"|th)) in (?:the )?(?:queue|line)",
            r"(?:i've|i have|we've|we have) (?:added|placed|put) you (?:in|to|into|on) (?:the|a"
            r"|our) (?:queue|waiting list)",
            r"you(?:'ll| will) (?:now |shortly |soon )?be (?:transferred|connected|put through"
            r"|handed over|passed (?:on|over))",
            r"you(?:'re| are) (?:now )?being (?:transferred|connected|put through|handed over)",
            r"(?:i've|i have|we've|we have) (?:now |just )?(?:transferred you|connected you"
            r"|put you through|handed you over|passed you (?:on|over))",
            rf"(?:i've|i have|we've|we have) (?:now |just )?(?:notified|alerted|paged) {HUMAN_EN}",
        ),
        "es": (
            rf"(?:te|le|os|les) (?:paso|pasamos|estoy pasando|voy a pasar) (?:con|a) {HUMAN_ES}",
            r"(?:te|le|os|les) (?:transfiero|transferimos|conecto|comunico|derivo|pongo en contacto"
            r"|estoy transfiriendo|voy a transferir|voy a poner en contacto"
            rf"|voy a derivar)(?: (?:con|a) {HUMAN_ES})?",
            r"(?:voy a|vamos a) (?:pasar|transferir|conectar|derivar|comunicar|poner)(?:te|le|os"
            rf"|les)(?: en contacto)?(?: (?:con|a) {HUMAN_ES})?",
            r"(?:transfiriendo|conectando|pasando|derivando)(?:te|le|os|les)",
            r"(?:(?:en breve|enseguida|pronto|en unos (?:minutos|momentos|instantes)|en un momento"
            r"|ahora) )?(?:te|le|os|les) (?:atendera|atenderan|va a atender"
            rf"|van a atender) {HUMAN_ES}",
            rf"{HUMAN_ES} (?:te|le|os|les) (?:atendera|atenderan|va a atender|atendera en breve)",
            rf"{HUMAN_ES} se (?:unira|va a unir|incorporara|conectara) a(?:l| la| esta) (?:chat"
            r"|conversacion)",
            r"(?:estas|esta) (?:ahora )?en (?:la )?cola(?: de espera)?",
        ),
        "fr": (
            r"je (?:vous|te) (?:transfere|mets en relation|mets en contact|connecte)(?: (?:a|avec"
            rf"|vers) {HUMAN_FR})?",
            rf"je (?:vous|te) (?:passe|redirige|transmets) (?:a |avec |vers )?{HUMAN_FR}",
            r"je vais (?:vous|te) (?:transferer|mettre en relation|mettre en contact"
            rf"|connecter)(?: (?:a|avec|vers) {HUMAN_FR})?",
            rf"je vais (?:vous|te) (?:passer|rediriger vers) {HUMAN_FR}",
            r"(?:je suis|nous sommes) en train de (?:vous|te) (?:transferer|mettre en relation)",
            r"transfert (?:en cours|vers un conseiller)",
            rf"{HUMAN_FR} (?:va|vont) (?:prendre le relais|(?:vous|te) (?:repondre|rejoindre"
            r"|prendre en charge|assister))",
            rf"{HUMAN_FR} (?:prendra le relais|(?:vous|te) (?:repondra|rejoindra"
            r"|prendra en charge))",
            r"vous (?:etes|avez ete placee?) (?:en|dans la) (?:file d'attente|attente)",
            r"vous (?:allez etre|serez) (?:mise? en relation|transferee?|redirigee?)",
        ),
        "de": (
            r"(?:ich (?:verbinde|leite|stelle)|(?:verbinde|leite|stelle) ich) (?:sie"
            r"|dich)(?!(?: [\w'-]+){0,3}? (?:nicht|nie)\b)(?: (?:jetzt|gleich|nun|direkt|sofort"
            rf"|gerne))*(?: (?:mit|an|zu) {HUMAN_DE})?(?: weiter| durch)?",
            rf"ich werde (?:sie|dich) {GAP_DE}{{0,5}}?(?:verbinden|weiterleiten|durchstellen)",
            r"(?:sie|du) (?:werden|wirst) (?:jetzt |gleich |nun |sofort "
            rf"|in kurze )?(?:mit {HUMAN_DE} )?(?:verbunden|weitergeleitet|durchgestellt)",
            r"ich (?:ubergebe|gebe) (?:sie |dich |das gesprach |den chat )?(?:jetzt |gleich "
            rf"|nun )?an {HUMAN_DE}(?: weiter| ab)?",
            # "meldet sich" in a chat means the colleague will write here shortly.
            rf"{HUMAN_DE} (?:meldet sich|wird sich {GAP_DE}{{0,3}}?melden|ubernimmt"
            r"|wird (?:das gesprach|den chat|ihr anliegen) ubernehmen|ist (?:gleich|in kurze|sofort"
            r"|bald) (?:fur sie |bei ihnen |fur dich |bei dir )?da|kummert sich (?:gleich|in kurze"
            r"|sofort|bald))",
            r"(?:sie sind|sie befinden sich|du bist) (?:jetzt |nun )?in der warteschlange",
        ),
    },
    reject_negated=True,
)

CALLBACK_PROMISES = Lexicon(
    kind="callback",
    fragments={
        "en": (
            rf"{_COMMIT_EN} (?:have|get|ask|arrange for) {HUMAN_EN} (?:to )?(?:call|phone|ring"
            r"|contact) you(?: back)?",
            rf"{STAFF_EN} (?:will|shall|is going to|are going to) (?:(?:now|then|also"
            r"|personally) )?(?:call you|phone you|ring you|give you a (?:call|ring)"
            r"|get back to you|contact you|reach out|be in touch|follow up)",
            r"(?:we|i)(?:'ll| will| shall|'re going to| are going to|'m going to"
            r"| am going to) (?:(?:now|then|also) )?(?:call you|phone you|ring you"
            r"|give you a (?:call|ring)|get back to you)",
            r"(?:i've|i have|we've|we have) (?:now |just )?(?:scheduled|arranged|booked|requested"
            r"|set up|organi[sz]ed) (?:a |an |your )?(?:call ?-?back|(?:phone )?call)",
            r"(?:a|your) call ?-?back (?:has been|is|was) (?:scheduled|arranged|booked|requested"
            r"|set up|confirmed)",
            r"you(?:'ll| will) (?:receive|get) (?:a |an )?(?:call ?-?back|(?:phone )?call)",
            r"expect a call(?: back)? from",
        ),
        "es": (
            r"(?:te|le|os|les) (?:llamaremos|llamare|llamara|llamaran|devolveremos la llamada"
            r"|devolvera la llamada|contactaremos|contactara|contactaran)",
            r"(?:te|le|os|les) (?:vamos a|va a|van a|voy a) (?:llamar|devolver la llamada"
            r"|contactar)",
            rf"(?:{HUMAN_ES} )?(?:se pondra|se pondran|nos pondremos"
            r"|me pondre) en contacto (?:contigo|con usted)",
            r"(?:he|hemos) (?:programado|agendado|solicitado|reservado) (?:una|la) (?:re)?llamada",
            r"recibiras una llamada",
        ),
        "fr": (
            rf"(?:{HUMAN_FR}|nous|on) (?:va|vont|allons) (?:vous|te) (?:rappeler|appeler"
            r"|recontacter|contacter)",
            r"je vais (?:vous|te) (?:rappeler|appeler|recontacter)",
            rf"(?:{HUMAN_FR}|nous|on) (?:vous|te) (?:rappellerons|appellerons|recontacterons"
            r"|contacterons|rappellera|appellera|recontactera|contactera)",
            r"(?:un|votre) rappel (?:a ete|est) (?:programme|planifie|enregistre|demande)",
            r"(?:j'ai|nous avons) (?:programme|planifie|demande) (?:un|votre) rappel",
            r"vous (?:serez|allez etre) rappelee?",
        ),
        "de": (
            rf"(?:wir|{HUMAN_DE}) (?:rufen|ruft) (?:sie|dich) {GAP_DE}{{0,4}}?(?:zuruck|an)\b",
            rf"(?:wir|{HUMAN_DE}) (?:werden|wird) (?:sie|dich) {GAP_DE}{{0,4}}?(?:zuruckrufen"
            r"|anrufen|kontaktieren)",
            r"(?:sie erhalten|du erhaltst|sie bekommen) (?:[\w'-]+ ){0,3}?einen ruckruf",
            rf"(?:ich habe|wir haben) {GAP_DE}{{0,3}}?einen ruckruf {GAP_DE}{{0,3}}?(?:vereinbart"
            r"|angefordert|eingeplant|geplant|veranlasst|beantragt)",
        ),
    },
    reject_negated=True,
)

_TICKET_NOUN_EN = (
    r"(?:(?:a|an|the|your) )?(?:new )?(?:support |service |priority |formal )?(?:ticket|case"
    r"|complaint|incident(?: report)?|support request|service request)"
)
_ISSUE_EN = (
    r"(?:this|it|that|the (?:case|issue|matter|complaint|details)|your (?:[\w-]+ )?(?:case|issue"
    r"|request|complaint|query|problem|concern|feedback|ticket|details|message))"
)
_TICKET_OBJ_DE = (
    r"(?:ein|einen|eine|ihr|ihre|ihren|den|die|das) (?:neues |neuen |neue )?(?:ticket|fall|vorgang"
    r"|beschwerde|reklamation|anliegen|anfrage|supportanfrage|serviceanfrage|meldung)"
)
_TICKET_NOUN_ES = (
    r"(?:caso|consulta|incidencia|reclamacion|ticket|solicitud|queja|peticion|expediente)"
)
_TICKET_NOUN_FR = (
    r"(?:(?:votre|ta|un|une|le|la) |l')(?:demande|dossier|ticket|reclamation|requete|cas|incident"
    r"|plainte|probleme|signalement)"
)

TICKET_PROMISES = Lexicon(
    kind="ticket",
    fragments={
        "en": (
            r"(?:i've|i have|we've|we have|i|we) (?:now |just |already )?(?:escalated|forwarded"
            rf"|referred|passed on) {_ISSUE_EN}",
            r"(?:i've|i have|we've|we have|i|we) (?:now |just |already )?(?:opened|created|raised"
            rf"|logged|filed|submitted|registered|lodged) {_TICKET_NOUN_EN}",
            r"(?:i've|i have|we've|we have|i|we) (?:now |just |already )?(?:passed|sent|handed"
            rf"|transferred|reported) {_ISSUE_EN} (?:on |over |along |up )?to {TARGET_EN}",
            rf"{_COMMIT_EN} (?:escalate|forward|refer|raise|open|create|log|file|submit|register"
            rf"|lodge) (?:{_ISSUE_EN}|{_TICKET_NOUN_EN})",
            r"(?:i'm|i am|we're|we are) (?:now )?(?:escalating|forwarding|referring|passing|raising"
            rf"|logging|opening|creating) (?:{_ISSUE_EN}|{_TICKET_NOUN_EN})",
            rf"{_TICKET_NOUN_EN}(?: (?:number|no\.?|#) ?[\w-]+| #?\d[\w-]*)? (?:has been|was"
            r"|is being|have been) (?:created|opened|raised|logged|filed|registered|escalated)",
            r"(?:this|it|your (?:case|issue|request|complaint|query)) (?:has been|was"
            r"|is being) (?:escalated|forwarded|referred|passed on)",
        ),
        "es": (
            r"(?:he|hemos) (?:escalado|abierto|creado|registrado|generado|trasladado|derivado"
            rf"|remitido|enviado|pasado|elevado) (?:tu|su|el|la|una|un) {_TICKET_NOUN_ES}",
            r"(?:voy a|vamos a) (?:escalar|abrir|crear|registrar|generar|trasladar|derivar|remitir"
            rf"|elevar|pasar) (?:tu|su|el|la|una|un) {_TICKET_NOUN_ES}",
            rf"(?:tu|su) {_TICKET_NOUN_ES} (?:ha sido|fue|se ha) (?:escalad|registrad|trasladad"
            r"|derivad|remitid|elevad|abiert|cread)[oa]",
        ),
        "fr": (
            r"(?:j'ai|nous avons) (?:transmis|ouvert|cree|enregistre|escalade|remonte|fait remonter"
            rf"|transfere|signale) {_TICKET_NOUN_FR}",
            r"(?:je vais|nous allons) (?:transmettre|ouvrir|creer|enregistrer|escalader|remonter"
            rf"|faire remonter|transferer|signaler) {_TICKET_NOUN_FR}",
            rf"{_TICKET_NOUN_FR} a ete (?:transmise?|transferee?|escaladee?|enregistree?|remontee?"
            r"|creee?|ouverte?)",
        ),
        "de": (
            rf"(?:ich habe|wir haben) {GAP_DE}{{0,3}}?{_TICKET_OBJ_DE}(?: [\w'-]+){{0,5}}?"
            r" (?:erstellt|eroffnet|angelegt|aufgenommen|weitergeleitet|eskaliert|ubergeben"
            r"|ubermittelt|registriert|weitergegeben)",
            rf"ich (?:leite|gebe) {_TICKET_OBJ_DE} {GAP_DE}{{0,4}}?weiter",
            rf"ich (?:eskaliere|erstelle|eroffne) (?:jetzt |gleich |fur sie )*(?:{_TICKET_OBJ_DE}"
            r"|das|dies)",
            rf"{_TICKET_OBJ_DE} (?:wurde|ist|wird) {GAP_DE}{{0,4}}?(?:erstellt|eroffnet|angelegt"
            r"|weitergeleitet|eskaliert|aufgenommen|ubermittelt)",
        ),
    },
    reject_negated=True,
)

# --- a person has joined (the platform's notice, or the bot relaying it) ----------------

# "You joined the chat" is the customer's own notice, "we have joined" a greeting:
# the one who joined must be someone else. Lookbehinds need a fixed width, hence \s.
_NOT_SELF = r"(?<!you\s)(?<!we\s)(?<!\bi\s)"
# Bare "joined" must not follow an auxiliary: "you have now joined" is matched (and
# refused) from its auxiliary.
_NO_AUXILIARY = r"(?<!has\s)(?<!have\s)(?<!'ve\s)(?<!now\s)(?<!just\s)"
_CHAT_EN = r"(?:the|this|your|our) (?:live )?(?:chat|conversation|session|call|discussion)"
_CHAT_ES = r"(?:a la|al|a esta|a este|en la|en el) (?:conversacion|chat|llamada)"
_CHAT_FR = r"(?:la |le |l')(?:conversation|chat|discussion|echange|appel)"
_CHAT_DE = r"(?:dem|der|diesem|dieser|den|diesen) (?:chat|gesprach|unterhaltung|konversation)"

JOIN_ANNOUNCEMENTS = Lexicon(
    kind="joined",
    fragments={
        "en": (
            # "Maria has joined the chat", "Agent Sam joined the conversation".
            rf"{_NOT_SELF}(?:has|have) (?:now |just )?(?:joined|entered) {_CHAT_EN}",
            rf"{_NOT_SELF}{_NO_AUXILIARY}(?:joined|entered) {_CHAT_EN}",
            rf"{_NOT_SELF}(?:has|have) (?:now |just )?joined{_END}",
            rf"{_NOT_SELF}(?:is|are) now (?:in|on) {_CHAT_EN}",
            # "You are now connected with an agent", "You're now chatting with Maria".
            r"you(?:'re| are) now (?:connected|chatting|talking|speaking|in touch) (?:to|with)",
            rf"you(?:'re| are|'ve been| have been) connected (?:to|with) {HUMAN_EN}",
            rf"{HUMAN_EN} (?:is|are) now (?:connected|online|with you|available to (?:chat"
            r"|help))",
        ),
        "es": (
            # "Un agente se ha unido a la conversación", "María se unió al chat".
            r"se (?:ha |han )?(?:unido|unio|unieron|incorporado|incorporo|conectado"
            rf"|conecto) {_CHAT_ES}",
            rf"(?:ha|han) (?:entrado|accedido) {_CHAT_ES}",
            r"(?:ahora|ya) (?:estas|esta|estais|estan) (?:hablando|conversando|chateando"
            r"|conectad[oa]s?|en contacto) con",
            rf"(?:estas|esta) (?:conectad[oa]|hablando|en contacto) con {HUMAN_ES}",
            rf"{HUMAN_ES} (?:ya )?(?:esta|estan) (?:ahora )?(?:en el chat|en la conversacion"
            r"|contigo|con usted|conectad[oa]s?)",
        ),
        "fr": (
            # "Un conseiller a rejoint la conversation".
            rf"(?:a|ont) (?:maintenant )?rejoint {_CHAT_FR}",
            r"(?:est|sont) (?:entree?s?|arrivee?s?) dans (?:la conversation|le chat"
            r"|la discussion)",
            r"(?:vous etes|tu es) (?:maintenant|desormais|a present) (?:en relation|en contact"
            r"|en ligne|connectee?s?|en conversation) avec",
            rf"(?:vous etes|tu es) (?:en relation|en contact|en ligne|connectee?s?"
            rf"|en conversation) avec {HUMAN_FR}",
            rf"{HUMAN_FR} (?:est|sont) (?:maintenant|desormais) (?:en ligne|connectee?s?"
            r"|avec vous|disponibles?)",
        ),
        "de": (
            # "Ein Mitarbeiter ist dem Chat beigetreten", "Maria hat den Chat betreten".
            rf"(?:ist|sind) (?:jetzt |nun )?{_CHAT_DE} beigetreten",
            rf"(?:hat|haben) (?:jetzt |nun )?{_CHAT_DE} betreten",
            r"(?:ist|sind) (?:jetzt|nun) (?:im|in diesem) (?:chat|gesprach)",
            # "Sie sind jetzt mit einem Mitarbeiter verbunden".
            r"(?:sie sind|du bist) (?:jetzt|nun) (?:mit (?:[\w'-]+ ){1,3})?verbunden",
            r"(?:sie chatten|du chattest|sie sprechen|du sprichst|sie schreiben"
            r"|du schreibst) (?:jetzt|nun) mit",
        ),
    },
    reject_negated=True,
)

# Who a notice says the customer is now with, when that is a machine: "You're now
# chatting with Ava, our virtual assistant" is a bot's greeting, not a person joining.
MACHINE_PARTY = Lexicon(
    kind="machine",
    fragments={
        "en": (r"(?:chat ?)?bot", r"(?:virtual|digital|ai|automated|smart) (?:assistant|agent)",
               r"a\.?i\.?", r"artificial intelligence", r"robot"),
        "es": (r"asistente (?:virtual|digital|automatico)", r"agente virtual", r"ia"),
        "fr": (r"assistant (?:virtuel|numerique|automatique)", r"agent virtuel", r"ia"),
        "de": (r"(?:virtuelle[rn]?|digitale[rn]?|automatische[rn]?) (?:assistent(?:in|en)?"
               r"|agent(?:in|en)?)", r"ki(?:-[\w]+)?"),
    },
    reject_quoted=False,
)
