"""Lexicons for a customer asking to be passed to a person.

Four kinds of request are recognised:

* ``"explicit"``: a request frame around a person noun. The frames are verbs of
  conversation ("talk to", "speak with", "hablar con", "parler à", "mit ...
  sprechen"), of contact ("contact", "reach"), of transfer ("put me through to",
  "pásame con", "passez-moi", "verbinden Sie mich mit"), of wanting ("I want", "I
  need", "quiero", "je voudrais", "ich möchte") and a sentence that is nothing but
  the noun ("Agent!", "live agent please", "Un opérateur, s'il vous plaît").
  Person nouns are the roles a customer asks for (agent, representative,
  operator, advisor, supervisor, manager, assistant...) and the generic ones
  (person, human, someone). Departments ("customer service", "atención al
  cliente", "service client", "Kundenservice") are not persons: asking how to
  reach them ("connect me to customer service") is a contact question, except
  the rulebook's "Mettez-moi en relation avec le service client".
* ``"dtmf"``: "press 0" and its equivalents, the keypad way to reach a person.
* ``"refuses_bot"``: "I don't want to talk to a bot", "no more bots".
* ``"callback"``: "call me back", "can someone call me?", "I'd like a call back".

The explicit lexicon does not reject negated matches itself: whether "don't"
governs the request ("I don't need an agent") or another verb ("I don't know how
to reach an agent") is decided by the detector, which also drops reported past
("I was talking to an agent") and identity questions ("am I talking to a human?").
Person nouns and conversation verbs tolerate chat typos (see :func:`typos`).
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon, typo_tolerant

__all__ = ["BOT_REFUSALS", "CALLBACK_REQUESTS", "EXPLICIT_REQUESTS", "KEYPRESS_REQUESTS", "typos"]


def typos(word: str) -> str:
    """Return a fragment for ``word`` that also accepts one wrong or extra letter.

    Extends :func:`~auditor.language.patterns.typo_tolerant` (repeats, one dropped
    letter, one swap) with one substituted or inserted letter after the first
    ("ooerator", "somrbody", "assistgant", "wirh", "talrk"). Four-letter words
    also get drops and swaps ("tak", "wiht"), which ``typo_tolerant`` leaves to
    longer words; words of six letters or more accept one extra final letter
    ("assistantw"). Variants that are ordinary words in a request slot are excluded.
    """
    alternatives = [typo_tolerant(word)]
    if len(word) >= 4:
        positions = range(1, len(word))
        alternatives += [word[:i] + "[a-z]" + word[i + 1 :] for i in positions]
        alternatives += [word[:i] + "[a-z]" + word[i:] for i in positions]
    if len(word) == 4:
        alternatives += [word[:i] + word[i + 1 :] for i in range(1, len(word))]
        alternatives += [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(3)]
    if len(word) >= 6:
        alternatives.append(word + "[a-z]")
    excluded = "|".join(_REAL_WORD_TYPOS)
    return rf"(?!(?:{excluded})(?!\w))(?:" + "|".join(alternatives) + ")"


# Variants of request words that are themselves words and could follow "I need
# a ..." or "talk to a ...": "managed" (manager), "persona" (person), "tale" (talk).
_REAL_WORD_TYPOS = tuple(
    "managed manages parson persona advisory supervisory tale tall task tank went wait nerd".split()
)


def _words(*words: str) -> str:
    return "|".join(typos(word) for word in words)


# --- English ------------------------------------------------------------------------

_CONVERSE = (
    r"(?:(?:to|u)(?=talk|speak|chat))?"
    rf"(?:{_words('talk', 'speak', 'chat', 'talking', 'speaking', 'chatting')}"
    r"|talkin|speakin|chattin|converse|communicate|communicating|get in touch|get through"
    r"|(?:have|get|having|getting) (?:a |some )?(?:word|chat|talk|conversation|discussion))"
)
_WITH = rf"(?:{typos('with')}|w/|w|wit|wid)"
_TO = r"(?:to|too|tp|2|t|with|onto|on to)"
_PREP = rf"(?:{_TO}|{_WITH})"
# "my contact person" uses "contact" as a noun.
_CONTACT = (
    r"(?<!\bmy\s)(?<!\byour\s)(?<!\bthe\s)(?<!\ba\s)(?<!\bour\s)"
    rf"(?:(?:to|u)(?=contact))?(?:{_words('contact', 'contacting')}|reach|reaching|call"
    r"|calling|phone|get hold of|get ahold of|get a hold of|(?:get|getting|be) in (?:touch"
    r"|contact) with|get through to|reach out to|reaching out to)"
)
_REP = r"(?:reps?|repr?e?s[ea]?n[a-z]{0,5}?i?ve?s?)"
# Multi-word and plural nouns come first so the match covers them whole.
_PERSON = (
    r"(?:human beings?|(?:live|human)(?:agents?|person)|staff member|team member"
    r"|member of staff|real one|some one|some body|humans|persons|people|agents|operators"
    r"|assistants|advisors|advisers|consultants|supervisors|managers|specialists|anyone"
    r"|anybody|boss|superior|employee|associate"
    rf"|{_words('human', 'person', 'agent', 'operator', 'assistant', 'advisor', 'adviser')}"
    rf"|{_words('someone', 'somebody', 'supervisor', 'manager', 'consultant', 'specialist')}"
    rf"|{_REP})"
)
_DET = (
    r"(?:an? ?|(?:the|one|some|any|another|your|ur|yr|some kind of) |one of (?:your |ur |the )?"
    r"|(?:a )?member of (?:your |the )?)?"
)
_SWEAR = r"fucking|fuckin|effing|freaking|frickin|bloody|damn|damned|goddamn|god damn|stupid"
_ADJ = (
    rf"(?:(?:real|reel|actual|{typos('live')}|living|{typos('human')}|physical|genuine|proper"
    r"|competent|qualified|senior|other|different|english[- ]speaking|customer(?: service"
    r"| support| care| assistance)?|support|service|sales|billing|account|technical|tech"
    rf"|tech support|technical support|help ?desk|flesh and blood|in[- ]person|real[- ]life"
    rf"|{_SWEAR}) ){{0,3}}"
)
# "your team", "the staff": a group of people, only with a determiner (the
# customer's "my team" is not the company's).
_GROUP = rf"(?:your|ur|the) {_ADJ}(?:team|staff|people|humans)"
_NP = rf"(?:{_GROUP}|{_DET}{_ADJ}{_PERSON})(?!'s|\w)"
_BARE_NOUN = (
    rf"(?:{_ADJ}(?:{_words('human', 'agent', 'operator', 'representative')}|{_REP}"
    r"|live person|real person|human being|supervisor|manager|advisor|person|humans|agents))"
)
_POLITE_EN = r"please|pls|plz|now|right now|asap|immediately|thanks|thank you"
_WANT = (
    rf"(?:{_words('want', 'need')}|wanna|needs|require|request|requesting|demand"
    r"|prefer|ask for|asking for|looking for|'d like|would like|wd like)"
)
_SENTENCE_START = r"(?:^|(?<=[.!?;:]))"

_EXPLICIT_EN = (
    # "talk to a human", "speak with someone", "chat wth an agent"
    rf"{_CONVERSE} ?(?:(?:directly|personally|right now|now|again|properly) )?{_PREP} ?{_NP}",
    # "contact a live agent", "reach a real person"
    rf"{_CONTACT} ?{_NP}",
    # "put me through to an agent", "transfer me to someone", "direct to me an operator"
    rf"u?(?:connect|transfer|switch|{typos('direct')}|redirect|escalate)"
    r" (?:me |us |my (?:call|chat) )?"
    rf"(?:over |back |through )?(?:to|with|too|2) (?:me )?{_NP}",
    r"(?:put|pass|send|forward|route|hand|bounce|patch) (?:me|us|my (?:call|chat))"
    rf" (?:over |back |through |thru |across )?(?:to|with|too|2) {_NP}",
    r"(?:be|get|getting|being) (?:transferred|connected|put through|passed|switched|redirected"
    rf"|escalated|forwarded) (?:over )?(?:to|with) {_NP}",
    # "transfer me, please": with no destination the destination is a person.
    r"transfer me(?= ?(?:[.!?,;]|$)| (?:please|now|asap|already|over))",
    # "I want a live agent", "I need a human being", "I need human help"
    rf"{_WANT} (?:to (?:have|get|see) |for )?{_NP}",
    rf"{_WANT} (?:some )?(?:human|live|real person|personal) (?:help|assistance|support)",
    # "get me a person", "how do I get an agent?", "can I get a live person on the line?"
    # "get" with a bare subject reports a habit instead ("I always get an agent who...").
    rf"(?:get|give|find|bring|fetch|grab) (?:me|us) {_NP}",
    rf"(?:(?:to|me|please|pls|just) |(?:can|could|may|might|do|will|would|should) (?:i|we)"
    rf" (?:please |pls |ever )?)(?:get|have|grab|be given) {_NP}",
    # "is there a real person I can chat with?", "is an agent available?"
    rf"(?:is|are) there {_DET}{_ADJ}{_PERSON} (?:(?:that |who |whom )?(?:i|we) (?:can|could|may)"
    rf" (?:{_CONVERSE}|{_CONTACT})|to (?:{_CONVERSE})|available)",
    rf"(?:is|are) (?:an?|any|some) {_ADJ}{_PERSON} available",
    # "escalate this", "please escalate", "can you escalate my case?"
    rf"(?:{_SENTENCE_START} ?(?:please |pls )?|(?:can|could|would|will) (?:you|u) (?:please )?"
    r"|i(?: want| need| would like|'d like) (?:you )?to )escalate(?: (?:this|it|that|me"
    r"|my (?:case|issue|complaint|ticket|problem|request)|the (?:case|issue|ticket|matter|call"
    r"|chat|complaint)))?(?=\s*(?:[.!?,;]|$)| (?:to|up|now|please|asap|immediately))",
    # A sentence that is only the noun: "Agent!", "live agent please", "AGENT. AGENT."
    rf"{_SENTENCE_START} ?(?:(?:please|pls|plz) )?(?:an? |the )?{_BARE_NOUN}"
    rf"(?=(?:[,.!]* ?(?:{_POLITE_EN}|agent|human|operator|rep|person))* ?(?:[.!?;]|$))",
)

# --- Spanish ------------------------------------------------------------------------

_PERSON_ES = (
    r"(?:personas?|humanos?|humanas?|ser(?:es)? humanos?|agentes?|operador(?:a|es|as)?"
    r"|asesor(?:a|es|as)?|representantes?|ejecutiv[oa]s?|supervisor(?:a|es|as)?|encargad[oa]s?"
    r"|gerentes?|responsables?|emplead[oa]s?|alguien|asistentes?(?! virtual))"
)
_NP_ES = (
    r"(?:(?:un|una|el|la|algun|alguna|otro|otra|su|sus|tu|uno de sus|uno de los) )?"
    r"(?:(?:verdadero|verdadera|autentico|autentica) )?"
    rf"{_PERSON_ES}(?: (?:real|reales|de verdad|de carne y hueso|fisic[oa]|viv[oa]|human[oa]))?"
    r"(?!\w)"
)
_EXPLICIT_ES = (
    r"(?:hablar|hablo|hablando|charlar|chatear|conversar|comunicarme|comunicarte|comunicarse"
    rf"|contactar|contactarme|contacto) (?:directamente )?(?:con|a) {_NP_ES}",
    r"(?:pasame|paseme|pasenme|ponme|pongame|comunicame|comuniqueme|conectame|conecteme"
    r"|transfiereme|transfierame|transferirme|pasarme|ponerme|comunicarme|derivame|rediri[gj]eme"
    rf"|me (?:pasas|pasa|pones|pone|comunicas|comunica|transfieres|transfiere)) (?:con|a) {_NP_ES}",
    r"(?:quiero|necesito|deseo|quisiera|prefiero|exijo|pido|solicito|me gustaria) "
    rf"(?:hablar con )?{_NP_ES}",
    r"(?:quiero|necesito|deseo|quisiera|prefiero|exijo|pido|solicito) (?:una )?atencion "
    r"(?:personalizada|humana|personal)",
    rf"hay {_NP_ES} (?:con (?:quien|el que|la que) (?:pueda|puedo) hablar|disponible)",
    r"(?:escala|escale|escalen|escalar) (?:esto|el caso|mi caso|la incidencia|mi queja)",
    rf"{_SENTENCE_START} ?(?:(?:con|a) )?(?:un |una )?(?:persona|humano|agente"
    r"|operador|operadora|asesor|asesora|representante|supervisor|encargado)(?: real)?"
    r"(?=(?:,? (?:por favor|porfa|porfavor|ya|ahora))* ?(?:[.!?;]|$))",
)

# --- French -------------------------------------------------------------------------

_PERSON_FR = (
    r"(?:conseill(?:er|ere|ers|eres)|humains?|humaines?|personnes?|etres? humains?|agents?"
    r"|operat(?:eur|rice|eurs|rices)|interlocut(?:eur|rice)|representant(?:e|s|es)?"
    r"|responsables?|superviseur|manager|collaborat(?:eur|rice)|technicien(?:ne)?|quelqu'un)"
)
_NP_FR = (
    r"(?:(?:un|une|le|la|les|des|votre|vos|un de vos|une de vos) |l')?(?:(?:vrai|vraie|vrais"
    rf"|veritable|autre) )?{_PERSON_FR}(?: (?:reel|reelle|physique|humain|humaine|en chair et en"
    r" os|de chair et d'os))?(?!\w)"
)
_SERVICE_FR = r"service (?:client|clientele|apres-vente)(?!\w)"
_EXPLICIT_FR = (
    r"(?:parler|discuter|echanger|communiquer|chatter|causer) (?:directement )?(?:a|avec|au)"
    rf" {_NP_FR}",
    rf"(?:joindre|contacter|avoir|voir) {_NP_FR}",
    r"(?:passez-moi|passe-moi|passez moi|passe moi|me passer|me passez|transferez-moi"
    r"|transfere-moi|me transferer|mettez-moi en (?:relation|contact) avec|mettre en relation"
    r" avec|me mettre en relation avec|mettez-moi avec|redirigez-moi vers|me rediriger vers"
    rf"|me connecter (?:a|avec)) (?:(?:a|vers|avec) )?(?:{_NP_FR}|(?:au|le|votre) {_SERVICE_FR})",
    r"(?:je )?(?:veux|voudrais|souhaite|souhaiterais|aimerais|exige|demande|prefere|desire)"
    rf" (?:parler a )?{_NP_FR}",
    rf"(?:y a-t-il|il y a|est-ce qu'il y a) {_NP_FR} (?:a qui|avec qui|disponible)",
    rf"{_SENTENCE_START} ?(?:(?:un|une|le|l'|a un|a une) ?)?(?:vrai |vraie )?(?:conseiller"
    r"|conseillere|humain|operateur|operatrice|agent|interlocuteur|une personne|personne reelle)"
    r"(?=(?:,? (?:s'il vous plait|s'il te plait|svp|stp|vite|maintenant|merci))* ?(?:[.!?;]|$))",
)

# --- German -------------------------------------------------------------------------

# Compounds end in the role: "Kundenservice-Mitarbeiter", "Kundenberaterin".
_PERSON_DE = (
    r"(?:menschen|mensch|person|personen|[a-z]*-?mitarbeiter(?:in|innen|n)?|[a-z]*-?berater"
    r"(?:in|n)?|[a-z]*-?betreuer(?:in|n)?|sachbearbeiter(?:in|n)?|ansprechpartner(?:in|n)?"
    r"|agent(?:en|in)?|operator|vorgesetzten?|supervisor|jemand(?:em|en)?)"
)
_NP_DE = (
    r"(?:(?:einen|einem|einer|eine|ein|den|dem|der|die|ihrem|ihrer|ihren|ihre) )?"
    r"(?:(?:echten|echte|echter|richtigen|richtige|realen|lebenden|menschlichen|zustandigen"
    rf"|anderen) )?{_PERSON_DE}(?!\w)"
)
_EXPLICIT_DE = (
    rf"mit {_NP_DE} (?:\w+ ){{0,3}}?(?:sprechen|reden|chatten|telefonieren|schreiben"
    r"|verbunden werden|kommunizieren)",
    rf"(?:sprechen|reden|chatten) (?:ich |wir )?(?:bitte )?mit {_NP_DE}",
    r"(?:verbinden|verbinde|stellen|stelle|leiten|leite) (?:sie |du )?(?:mich|uns)"
    rf" (?:bitte )?(?:(?:mit|zu|an|weiter an) )?{_NP_DE}",
    rf"(?:geben sie mir|gib mir) (?:bitte )?{_NP_DE}",
    r"(?:mochte|moechte|will|wunsche|wuensche|brauche|verlange|hatte gern|hatte gerne"
    rf"|fordere) (?:bitte )?(?:gerne? )?(?:jetzt )?{_NP_DE}",
    rf"{_NP_DE} (?:erreichen|kontaktieren|sprechen)",
    rf"{_SENTENCE_START} ?(?:(?:einen|eine|ein|mit einem|mit einer) (?:echten )?(?:menschen"
    r"|mensch|person|mitarbeiter|berater)|[a-z]*-?mitarbeiter(?:in)?|[a-z]*-?berater(?:in)?"
    r"|echten menschen|echter mensch)"
    r"(?=(?:,? (?:bitte|sofort|jetzt|danke))* ?(?:[.!?;]|$))",
)

EXPLICIT_REQUESTS = Lexicon(
    kind="explicit",
    fragments={"en": _EXPLICIT_EN, "es": _EXPLICIT_ES, "fr": _EXPLICIT_FR, "de": _EXPLICIT_DE},
)

# --- callbacks ---------------------------------------------------------------------

# "Can you call me Bob?" names the speaker, and "I call to check my order" phones
# in, so "call me" needs a clause end or a word about when or how to call.
_CALL_TAIL_EN = (
    r"(?= ?(?:[.!?,;)]|$)| (?:back|at|on|now|asap|today|tomorrow|tonight|later|please|pls"
    r"|instead|directly|urgently|when|about|regarding|as soon|right away|within|before|after)\b)"
)
_CALL_ME = rf"(?:(?:call|phone|ring) me|give me a (?:call|ring))(?: back)?{_CALL_TAIL_EN}"

CALLBACK_REQUESTS = Lexicon(
    kind="callback",
    fragments={
        "en": (
            # "They'll call me back" reports a plan, not a request.
            r"(?<!\bwill\s)(?<!'ll\s)(?<!\bwould\s)(?<!'d\s)(?<!\bgonna\s)(?:call|phone|ring) me"
            r" back|give me a call ?-?back",
            rf"(?:can|could|would|will|may|might) (?:{_NP}|you|u) (?:please )?{_CALL_ME}",
            rf"(?:need|want|get|have|ask|'d like|would like) {_NP} (?:to )?{_CALL_ME}",
            rf"(?:{_SENTENCE_START} ?|(?:please|pls|just) ){_CALL_ME}",
            rf"(?:{_WANT}|(?:can|could|may) (?:i|we) (?:please )?(?:get|have|request|book))"
            r" (?:a |an |to (?:get|have|schedule|book|arrange) (?:a |an )?)?(?:call ?-?back"
            r"|(?:phone )?call from (?:someone|somebody|an? (?:agent|person|human)|your team))",
        ),
        "es": (
            r"llamame|llameme|llamenme|(?:que|alguien) me (?:llame|llamen)|(?:devuelvanme"
            r"|devolverme) la llamada|me (?:puede|puedes|pueden|podeis|podria|podrian) llamar",
            r"(?:puede|puedes|pueden|podeis|podria|podrian) llamarme",
            r"(?:quiero|necesito|quisiera|solicito|me gustaria|pido) una (?:llamada|rellamada)",
        ),
        "fr": (
            # "Rappelez-moi le prix" asks to be reminded: the tail must be about calling.
            r"(?:rappelez-moi|rappelle-moi|appelez-moi|me rappeler|m'appeler)(?= ?(?:[.!?,;)]|$)"
            r"| (?:svp|stp|s'il vous plait|au \d|au numero|demain|vite|des que|plus tard|merci)\b)",
            r"(?:etre|soit) rappelee?s?|rappel telephonique|me (?:faire|fasse) rappeler",
        ),
        "de": (
            r"(?:rufen sie|ruf|ruft) mich (?:bitte )?(?:zuruck|an)(?= ?(?:[.!?,;)]|$)| (?:bitte"
            r"|unter|auf|heute|morgen|sofort)\b)|(?:kann|konnte|konnen sie|konnten sie|kannst du)"
            r"(?: (?:mich|bitte|jemand|ein mitarbeiter)){1,3} (?:zuruckrufen|anrufen)",
            # A bare "Rückruf" may be a product recall; asking for one is a callback.
            r"(?:bitte um|um|wunsche|mochte|hatte gerne?|brauche|will|erbitte) (?:einen )?ruckruf",
            rf"{_SENTENCE_START} ?ruckruf(?=(?:,? bitte)? ?(?:[.!?;]|$))",
        ),
    },
)

# --- keypad ------------------------------------------------------------------------

KEYPRESS_REQUESTS = Lexicon(
    kind="dtmf",
    fragments={
        "en": (
            r"(?:press|pressing|dial|dialing|dialling|push|pushing|punch|punching|tap|tapping)"
            r" (?:in )?(?:the )?(?:number |button |key |option |digit )?(?:0|zero)(?!\w)",
            # "my balance hit zero" reports a value, not a keypress.
            r"(?<!it\s)(?<!has\s)(?<!have\s)(?<!had\s)(?<!will\s)(?<!balance\s)"
            r"(?<!account\s)(?<!total\s)(?:hit|hitting) (?:the )?(?:button |key )?(?:0|zero)(?!\w)",
        ),
        "es": (
            r"(?:pulsar|pulso|pulse|marcar|marco|marque|oprimir|oprimo|oprima|presionar|presiono"
            r"|presione|teclear|tecleo|teclee|digitar|digito|digite) (?:el |la tecla )?"
            r"(?:0|cero)(?!\w)",
            r"tecla (?:0|cero)(?!\w)",
        ),
        "fr": (
            r"(?:appuyer|appuie|appuyez|taper|tape|tapez|composer|compose|composez) (?:sur )?"
            r"(?:la touche |le )?(?:0|zero)(?!\w)",
            r"touche (?:0|zero)(?!\w)",
        ),
        "de": (
            r"(?:die )?(?:taste )?(?:0|null) (?:drucken|wahlen|eingeben|tippen)",
            r"(?:drucke|drucken|wahle|wahlen|tippe|tippen) (?:ich |sie )?(?:die |auf )?"
            r"(?:taste )?(?:0|null)(?!\w)",
            r"taste (?:0|null)(?!\w)",
        ),
    },
)

# --- refusing the bot ---------------------------------------------------------------

_MACHINE = (
    rf"(?:(?:ro)?bots?|chat ?bots?|{typo_tolerant('robot')}|machines?|computers?|ai|a\.i\."
    r"|automated (?:system|assistant|agent|service|voice|message|response)s?"
    r"|virtual (?:assistant|agent)s?|recordings?|automatons?|algorithms?)"
)
_DET_MACHINE = rf"(?:(?:an?|the|this|that|your|ur|any|another|some|dumb|useless|{_SWEAR}) ){{0,3}}"
_TALK_TO_MACHINE = (
    r"(?:keep |continue )?(?:talk|speak|chat|deal|communicate|interact|text)(?:ing)?"
    rf" (?:to|with) {_DET_MACHINE}{_MACHINE}"
)
_MACHINE_ES = (
    r"(?:bots?|robots?|chatbots?|maquinas?|ia|inteligencia artificial|contestador(?:a|es)?"
    r"(?: automatic[oa])?|asistente virtual|sistema automatico|computadoras?|ordenador(?:es)?)"
)
_MACHINE_FR = (
    r"(?:bots?|robots?|chatbots?|machines?|ordinateurs?|ia|intelligence artificielle"
    r"|repondeurs?|assistant virtuel|programmes?|automates?)"
)
_MACHINE_DE = (
    r"(?:bots?|roboter[ns]?|chatbots?|maschinen?|computer[ns]?|ki|kunstliche intelligenz"
    r"|automaten?|sprachcomputer|anrufbeantworter|virtuellen? assistenten?)"
)

BOT_REFUSALS = Lexicon(
    kind="refuses_bot",
    fragments={
        "en": (
            r"(?:don't|do not|dont|doesn't|does not|won't|will not|wont|wouldn't|would not|never"
            r"|no longer) (?:want|wanna|need|wish|like) (?:to )?"
            rf"(?:{_TALK_TO_MACHINE}|{_DET_MACHINE}{_MACHINE})",
            rf"(?:won't|will not|wont|refuse to|not going to) {_TALK_TO_MACHINE}",
            r"(?:stop|quit|done|finished|tired of|sick of|fed up with|fed up of|enough of|enough"
            rf" with|hate|over) {_TALK_TO_MACHINE}",
            r"(?:no more|enough of|enough with|done with|sick of|tired of|fed up with|get rid of"
            r"|bypass|skip|get (?:me )?off|take me off|get me away from) (?:the |this |your |these"
            rf" |those |any |stupid |damn |fucking )*{_MACHINE}",
            rf"{_SENTENCE_START} ?no {_MACHINE}(?=(?:,? (?:please|pls|thanks))* ?(?:[.!?;]|$))",
        ),
        "es": (
            r"no (?:quiero|deseo|me gusta|voy a|necesito) (?:seguir )?(?:hablar|hablando"
            r"|chatear|chateando|tratar|tratando|conversar|conversando) con (?:un |una |el |la"
            rf" |este |esta |ese |esa |tu |su )?{_MACHINE_ES}",
            r"no (?:quiero|deseo|necesito) (?:un |una |el |la |ningun |ninguna |mas )?"
            rf"{_MACHINE_ES}",
            r"(?:ya basta|basta|harto|harta|cansado|cansada|no mas) (?:de |con )?(?:hablar con"
            rf" )?(?:este |esta |el |la |los |las |tanto |tantos )?{_MACHINE_ES}",
        ),
        "fr": (
            r"(?:ne |n')?(?:veux|souhaite|voudrais|desire|veut) (?:plus|pas|plus jamais|jamais)"
            r" (?:parler|discuter|echanger|communiquer|avoir affaire) (?:a|avec|au) (?:un |une"
            rf" |le |la |ce |cette |l'|des |les |votre )?{_MACHINE_FR}",
            r"(?:ne |n')?(?:veux|souhaite|voudrais) (?:pas|plus) (?:de |d'un |d'une )?"
            rf"{_MACHINE_FR}",
            r"(?:marre|assez) (?:de |des |du |d')(?:parler (?:a|avec) )?(?:ce |cette |la |le |vos"
            rf" |un |une )?{_MACHINE_FR}",
        ),
        "de": (
            r"(?:will|mochte|moechte|mag|wunsche) (?:nicht|nicht mehr|nicht langer) (?:mit )?"
            r"(?:einem |einer |dem |der |diesem |dieser |ihrem |ihrer )?"
            rf"{_MACHINE_DE} (?:sprechen|reden|chatten|schreiben|kommunizieren)",
            r"(?:will|mochte|moechte|brauche|mag) (?:keinen|keine|kein) (?:dummen |bloden )?"
            rf"{_MACHINE_DE}",
            rf"(?:keine|kein|keinen) {_MACHINE_DE} mehr",
            rf"(?:schluss|genug) mit (?:dem |diesem |den |der |diesen )?{_MACHINE_DE}",
        ),
    },
)
