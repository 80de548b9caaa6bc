"""Lexicons for what a speaker says about itself: AI disclosures, labels, human claims.

Seeded from the rulebook's phrase lists (strong and weak disclosures, misleading
labels, human claims) and generalised into small grammars: a self-reference
frame ("I'm", "soy", "je suis", "ich bin", "you're chatting with"...) followed by
an optional determiner and modifiers and an identity noun. All fragments are
written against folded text (lower case, no accents, straight apostrophes) and
follow the conventions of :mod:`auditor.language.patterns`.

The indirect disclosures at the end answer "are you a bot?" truthfully without a
strong term ("I'm software", "I run on servers", "no heartbeat here, just
algorithms"); they count only as such an answer.
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon

__all__ = [
    "EXPLICIT_HUMAN_CLAIMS",
    "IMPLIED_HUMAN_CLAIMS",
    "INDIRECT_DENIALS",
    "INDIRECT_DISCLOSURES",
    "MISLEADING_LABELS",
    "NEGATED_MACHINE_CLAIMS",
    "NOT_HUMAN_DISCLOSURES",
    "STRONG_DISCLOSURES",
    "WEAK_DISCLOSURES",
]

# --- building blocks ----------------------------------------------------------

_I_AM = r"(?:i'm|im|i am|i'am)"
# "(?<!')" keeps the French "j'ai" ("I have") from reading as "AI".
_AI_EN = r"(?<!')(?:ai|a\.i\.?|artificial[\s-]intelligence|gen ?ai|generative ai)"
_AI_ES_FR = r"(?:ia|i\.a\.?|inteligencia artificial|intelligence artificielle)"
_AI_DE = r"(?:ki|k\.i\.?|kunstliche intelligenz|kunstlicher intelligenz|kunstlichen intelligenz)"

# Nouns that, after an AI term or "virtual"/"automated", name the agent or its words.
# "system", "service" and "model" are left to the self-reference frames below:
# "Our automated system will email you" describes the back office, not the speaker.
_AGENT_NOUN_EN = (
    r"(?:assistant|agent|chatbot|chat ?bot|bot|helper|concierge|companion|advisor"
    r"|representative|rep|responder|response|reply|message|voice|attendant|operator)"
)
# Words that may sit between "AI"/"virtual"/"automated" and the agent noun.
_AGENT_MODIFIER_EN = (
    r"(?:(?:customer|support|service|shopping|voice|chat|phone|telephone|email|help|travel"
    r"|sales|booking|banking|billing|answering|messaging) )?"
)
# The speaker refers to itself, or the customer is told whom they are talking to.
_SELF_EN = (
    rf"(?:{_I_AM}|you(?:'re| are| have| ve|'ve) (?:now )?"
    r"(?:chatting|talking|speaking|interacting|communicating|connected|messaging|texting|reached)"
    r"(?: (?:with|to))?)"
)
_DET_EN = (
    r"(?:(?:just|only|simply|merely|actually|really|in fact|still) )?"
    r"(?:(?:an?|the|your|our|[\w-]+'s) )?"
)
_MOD_EN = (
    r"(?:(?:friendly|helpful|automated|virtual|digital|smart|simple|customer|support|service|help"
    r"|shopping|voice|chat|conversational|online|little|own|official|new) ){0,3}"
)
# The noun may not be the modifier of a profession or field: "I'm a computer
# science student", "I'm a machine learning engineer" describe a person.
_MACHINE_NOUN_EN = (
    rf"(?:bot|robot|chatbot|chat ?bot|{_AI_EN}|machine|computer(?: program| system)?|program"
    r"|software program|(?:large )?language model|llm|algorithm"
    r"|(?:automated|ai|artificial intelligence) (?:system|program|service|model))"
    r"(?! (?:science|scientists?|engineers?|engineering|programmers?|technicians?|experts?"
    r"|specialists?|repair|learning|researchers?|students?|operators?))"
)
# "This is a computer problem" is not a disclosure: after a demonstrative only
# nouns that cannot start a longer compound are accepted.
_THIS_IS_EN = r"(?:this is|here is|meet)"
_THIS_NOUN_EN = (
    rf"(?:(?:chat ?)?bot|robot|{_AI_EN}|automated (?:service|system|line|chat|conversation))"
)

_SELF_ES = (
    r"(?:soy|yo soy|le atiende|te atiende"
    r"|(?:estas|esta usted|esta) (?:hablando|chateando|conversando|interactuando|comunicandote"
    r"|escribiendo) con|hablas con|habla con)"
)
_DET_ES = r"(?:(?:solo|solamente|simplemente) )?(?:(?:un|una|el|la|tu|su) )?"
_MACHINE_NOUN_ES = (
    rf"(?:bot|robot|chatbot|{_AI_ES_FR}|maquina|programa(?: informatico| de ordenador"
    r"| de computadora)|(?:sistema|servicio|asistente) automatizado"
    r"|modelo de lenguaje)"
)

_SELF_FR = (
    r"(?:je suis|moi c'est|vous (?:parlez|echangez|discutez|conversez|chattez|communiquez"
    r"|etes en contact) (?:a|avec)|tu (?:parles|echanges|discutes) (?:a|avec))"
)
_DET_FR = r"(?:(?:seulement|simplement|juste) )?(?:(?:un|une|le|la|votre|ton|ta|notre) |l')?"
_MACHINE_NOUN_FR = (
    rf"(?:bot|robot|chatbot|{_AI_ES_FR}|machine|programme informatique"
    r"|agent conversationnel|robot conversationnel|(?:systeme|service) automatise"
    r"|modele de langage)"
)

_SELF_DE = (
    r"(?:ich bin|hier spricht"
    r"|sie (?:chatten|sprechen|schreiben|kommunizieren) (?:gerade )?mit"
    r"|du (?:chattest|sprichst|schreibst) (?:gerade )?mit)"
)
_DET_DE = (
    r"(?:(?:nur|bloss|lediglich) )?"
    r"(?:(?:ein|eine|einem|einer|einen|der|die|das|ihr|ihre|dein|deine|unser|unsere) )?"
)
# Demonstrative frames ("this is", "esto es", "c'est", "das ist") with the nouns
# that cannot begin a longer compound ("c'est une machine a laver").
_THIS_IS_OTHER = r"(?:esto es|este es|c'est|ceci est|das ist|dies ist|hier ist)"
# An automated service or system is the speaker only when introduced this way
# ("Este es un servicio automatizado"), not as a back-office mention.
_THIS_NOUN_OTHER = (
    rf"(?:(?:un|una|une|ein|eine) )?(?:(?:chat ?)?bot|robot|roboter|{_AI_ES_FR}|{_AI_DE}"
    r"|(?:servicio|sistema) automatizado|(?:service|systeme) automatise"
    r"|automatisierte[rs]? (?:dienst|system|service))"
)
_MACHINE_NOUN_DE = (
    rf"(?:bot|roboter|chatbot|{_AI_DE}|maschine|computer|computerprogramm"
    r"|sprachmodell|automatisierte[rnms]? (?:dienst|system|service))"
)

# --- strong disclosures (rulebook 6.1) ----------------------------------------

STRONG_DISCLOSURES = Lexicon(
    kind="strong",
    fragments={
        "en": (
            # "AI assistant", "AI-powered support agent", "Acme's AI voice agent".
            rf"{_AI_EN}(?:[\s-](?:powered|driven|based|enabled))?[\s-]{_AGENT_MODIFIER_EN}"
            rf"{_AGENT_NOUN_EN}s?",
            rf"(?:virtual|automated|automatic|robotic) {_AGENT_MODIFIER_EN}{_AGENT_NOUN_EN}s?",
            r"chat[\s-]?bot|chatterbot|conversational (?:ai|agent)",
            rf"{_AI_EN}[\s-](?:generated|powered|driven)",
            # Passive attribution: "This chat is powered by AI", "generated by a bot".
            r"(?:powered|generated|produced|written|created|provided|handled|answered|run"
            r"|driven|operated|composed|drafted|automated) (?:entirely |fully )?(?:by|with|using)"
            rf" (?:an? |our |the )?(?:{_AI_EN}|(?:chat)?bots?|software|machine|computer"
            r"|language model|automated \w+)",
            r"(?:this|the) (?:chat|conversation|service|line|call|support|assistant|system|reply"
            r"|response|message) is (?:fully |entirely |completely )?automated",
            # A bare machine noun only counts when it describes the speaker; "(?!-)"
            # leaves "KI-Assistent" and "AI-powered" to the compound fragments.
            rf"{_SELF_EN} {_DET_EN}{_MOD_EN}{_MACHINE_NOUN_EN}(?!-)",
            rf"{_THIS_IS_EN} {_DET_EN}{_THIS_NOUN_EN}",
        ),
        "es": (
            r"(?:asistente|agente) (?:virtual|automatizad[oa]|automatic[oa]|conversacional"
            rf"|(?:digital )?(?:de|con) {_AI_ES_FR})",
            rf"(?:asistente|agente)s? (?:impulsad[oa]|basad[oa]|potenciad[oa]) (?:por|en) (?:la )?"
            rf"{_AI_ES_FR}",
            r"(?:mensaje|respuesta|asistente)s? automati(?:zad|c)[oa]s?",
            r"chat[\s-]?bot",
            r"(?:generad|impulsad|cread|proporcionad|respondid|gestionad|atendid)[oa]s? por"
            rf" (?:una |la |un )?(?:{_AI_ES_FR}|bot|sistema automatizado|maquina)",
            rf"{_SELF_ES} {_DET_ES}{_MACHINE_NOUN_ES}(?!-)",
            rf"{_THIS_IS_OTHER} {_THIS_NOUN_OTHER}",
        ),
        "fr": (
            r"(?:assistant|assistante|agent) (?:virtuel|virtuelle|automatise|automatisee"
            rf"|conversationnel|(?:numerique )?(?:d'|de l')?{_AI_ES_FR})",
            r"robot conversationnel|agent conversationnel|chat[\s-]?bot",
            r"(?:message|reponse|assistant|assistante)s? automati(?:se|que)e?s?",
            r"(?:genere|propulse|alimente|fourni|gere|redige)e?s? par"
            rf" (?:une |l'|un )?(?:{_AI_ES_FR}|bot|robot|systeme automatise|machine)",
            rf"{_SELF_FR} {_DET_FR}{_MACHINE_NOUN_FR}(?!-)",
            rf"{_SELF_FR} l'{_MACHINE_NOUN_FR}(?!-)",
            rf"{_THIS_IS_OTHER} {_THIS_NOUN_OTHER}",
        ),
        "de": (
            # German compounds end in the role: "virtueller Kundenberater".
            r"(?:virtuelle[rnms]?|digitale[rnms]? ki|automatisierte[rnms]?)[\s-]"
            r"(?:\w*(?:assistent|agent|berater|mitarbeiter)(?:in|en)?|antwort|nachricht)",
            r"virtuelle[rnms]? (?:dienst|service)",
            rf"{_AI_DE}[\s-]?(?:assistent(?:in|en)?|agent(?:in|en)?|chatbot|bot"
            r"|gestutzte[rnms]?|basierte[rnms]?|gesteuerte[rnms]?)",
            r"chat[\s-]?bot(?:s|ten)?",
            rf"(?:generiert|erstellt|betrieben|beantwortet|geschrieben) (?:von|durch) (?:einer )?"
            rf"(?:{_AI_DE}|einem (?:chat)?bot|einer maschine)",
            r"automatisch (?:generiert|erstellt)e?",
            rf"{_SELF_DE} {_DET_DE}{_MACHINE_NOUN_DE}(?!-)",
            rf"{_THIS_IS_OTHER} {_THIS_NOUN_OTHER}",
        ),
    },
    reject_negated=True,
)

# "I'm not a real person" is a disclosure; these fragments carry their own
# negation, so the lexicon must not reject negated matches.
NOT_HUMAN_DISCLOSURES = Lexicon(
    kind="strong",
    fragments={
        "en": (
            rf"{_I_AM}(?: [\w',-]+){{0,6}} not (?:an? )?(?:(?:real|actual|live|living|human) )?"
            r"(?:person|human(?: being)?|people|human agent)",
            r"(?:no human|nobody|no one|no person|no real person) is (?:reading|typing|answering"
            r"|responding|writing)",
        ),
        "es": (r"no soy (?:una |un )?(?:persona|humano|humana|ser humano)(?: real| de verdad)?",),
        "fr": (
            r"je ne suis pas (?:un |une )?(?:(?:vrai|vraie|veritable) )?"
            r"(?:humain|humaine|personne|etre humain|personne reelle)",
        ),
        "de": (
            r"ich bin (?:kein|keine) (?:(?:echter|echte|realer|reale|richtiger|richtige) )?"
            r"(?:mensch|person)",
            r"ich bin nicht (?:menschlich|ein mensch)",
        ),
    },
)

# --- weak disclosures ---------------------------------------------------------

# The weak nouns count only as a self-description: after "I'm", "soy", "je suis",
# "ich bin" or a possessive ("Sam, your assistant"). "I'll connect you with an
# assistant" says nothing about the speaker.
_WEAK_NOUN_EN = (
    r"(?:(?:digital|smart|personal|online|shopping|support|service|chat|virtual) )?"
    r"(?:assistant|helper|concierge)"
)
_WEAK_NOUN_ES = (
    r"(?:asistente|ayudante|conserje)(?: (?:virtual|digital|personal|inteligente|de compras))?"
)
_WEAK_NOUN_FR = (
    r"(?:assistant|assistante|concierge)(?: (?:virtuel|virtuelle|numerique|personnel"
    r"|personnelle|intelligent|intelligente))?"
)
_WEAK_NOUN_DE = (
    r"(?:(?:digitale|personliche|smarte|virtuelle)[rnms]? )?"
    r"(?:assistent(?:in|en)?|helfer(?:in)?|concierge)"
)

WEAK_DISCLOSURES = Lexicon(
    kind="weak",
    fragments={
        "en": (
            rf"(?:{_I_AM}|this is|it's|here's|here is) (?:(?:just|only) )?"
            rf"(?:(?:the|an?|our|[\w-]+'s) )?(?:[\w-]+ )?{_WEAK_NOUN_EN}",
            rf"your (?:[\w-]+ )?{_WEAK_NOUN_EN}",
            # "Sam from Support": a first name and a team, but no statement of what Sam is.
            r"\w+ from (?:the |our )?(?:support|customer (?:support|service|care)|help ?desk"
            r"|service desk)(?: team)?",
        ),
        "es": (
            rf"(?:soy|le habla|te habla|le atiende|te atiende) (?:(?:el|la|un|una) )?"
            rf"{_WEAK_NOUN_ES}",
            rf"(?:tu|su) {_WEAK_NOUN_ES}",
        ),
        "fr": (
            rf"(?:je suis|c'est|ici) (?:(?:un|une|le|la) |l')?{_WEAK_NOUN_FR}",
            rf"(?:votre|ton|ta) {_WEAK_NOUN_FR}",
        ),
        "de": (
            rf"(?:ich bin|hier ist|hier spricht) (?:(?:ein|eine|der|die) )?{_WEAK_NOUN_DE}",
            rf"(?:ihr|ihre|dein|deine) {_WEAK_NOUN_DE}",
        ),
    },
    reject_negated=True,
)

# --- misleading labels (a bot presented as people) ----------------------------

MISLEADING_LABELS = Lexicon(
    kind="misleading_label",
    fragments={
        "en": (
            r"live[\s-]?chat|live (?:support|help)",
            r"(?:chat|talk|speak) (?:with|to) (?:(?:one of|a member of|someone from) )?"
            r"(?:our|the) (?:\w+ )?(?:team|experts?|specialists?|staff|agents|advisors|people)",
            r"(?:talk|speak|chat) (?:to|with) an? (?:\w+ )?(?:expert|specialist|advisor)",
            r"one of our (?:\w+ )?(?:team members|team|experts|specialists|agents|advisors|staff)",
        ),
        "es": (
            r"chat en (?:vivo|directo)",
            r"(?:habla|chatea|conversa|hable|chatee) con (?:nuestro equipo|nuestros (?:expertos"
            r"|agentes|asesores)|un (?:experto|especialista|asesor))",
            r"uno de nuestros (?:agentes|expertos|especialistas|asesores)",
            r"un miembro de nuestro equipo",
        ),
        "fr": (
            r"(?:chat|tchat|discussion) en direct",
            r"(?:discutez|parlez|echangez|chattez) (?:avec|a) (?:notre equipe|nos (?:experts"
            r"|conseillers)|un (?:expert|conseiller|specialiste))",
            r"un membre de notre equipe|l'un de nos (?:conseillers|experts|agents)",
        ),
        "de": (
            r"live[\s-]?chat",
            r"unser(?:em|es|e|en)? team(?:s)?",
            r"(?:chatten|sprechen|schreiben) sie (?:direkt )?mit (?:einem|unseren|unserem)"
            r" (?:experten|expertinnen|berater|beraterin|spezialisten)",
            r"eine[rnm]? unserer (?:mitarbeiter(?:innen)?|berater(?:innen)?|experten)",
        ),
    },
    reject_negated=True,
)

# --- human claims (rulebook 6.2) ----------------------------------------------

_HUMAN_NOUN_EN = (
    r"(?:(?:an? )?(?:(?:real|actual|genuine|live|living|flesh and blood|100%) )?"
    r"(?:person|human(?: being)?|human agent|live agent|live person)|human"
    # Bare "real" only at the end of a clause: "I'm real." but not "I'm real glad".
    r"|real(?=\s*(?:[.!?,;]|$)))"
    # "I'm human-centred" is about a style, not an identity.
    r"(?!-)"
)
_NOT_MACHINE_EN = (
    r"(?:an? )?(?:(?:ro)?bot|chat ?bot|ai|a\.i\.?|machine|computer|program|automated \w+"
    r"|virtual assistant)"
)

EXPLICIT_HUMAN_CLAIMS = Lexicon(
    kind="explicit",
    fragments={
        "en": (
            rf"{_I_AM} (?:(?:really|actually|definitely|totally|truly|indeed|100%) )?"
            rf"{_HUMAN_NOUN_EN}",
            r"(?:as|being) (?:a )?(?:real )?(?:human|person) myself",
            rf"you(?:'re| are) (?:talking|chatting|speaking) (?:to|with) {_HUMAN_NOUN_EN}",
            rf"{_I_AM} a member of (?:the|our) (?:\w+ )?team",
            r"(?:real|actual) (?:human|person) here",
        ),
        "es": (
            r"soy (?:una |un )?(?:persona|humano|humana|ser humano|agente humano)"
            r"(?: real| de verdad| de carne y hueso)?",
            r"soy (?:una |un )?(?:persona|agente|asesor|asesora) (?:real|humano|humana|de verdad)",
            r"(?:como|siendo) (?:humano|humana|persona) que soy",
        ),
        "fr": (
            r"je suis (?:un |une )?(?:(?:vrai|vraie|veritable) )?"
            r"(?:humain|humaine|personne|etre humain)(?: (?:reel|reelle))?",
            # A role noun ("conseiller", "agent") only claims humanity with "vrai"/"humain":
            # "je suis un conseiller virtuel" is a bot's self-description.
            r"je suis (?:un |une )?(?:(?:vrai|vraie|veritable) (?:conseiller|conseillere|agent)"
            r"|(?:conseiller|conseillere|agent) (?:humain|humaine))",
        ),
        "de": (
            r"ich bin (?:ein |eine )?(?:(?:echter|echte|realer|reale|richtiger|richtige) )?"
            r"(?:mensch|person)",
            # "Mitarbeiter" alone may describe a virtual employee; an adjective makes it a claim.
            r"ich bin (?:ein |eine )?(?:echter|echte|menschlicher|menschliche)"
            r" (?:mitarbeiter|mitarbeiterin)",
            r"ich bin menschlich",
        ),
    },
    reject_negated=True,
)

# "I'm not a bot" is a claim to be human; the negation is the claim itself, so
# the lexicon must not reject negated matches.
NEGATED_MACHINE_CLAIMS = Lexicon(
    kind="explicit",
    fragments={
        "en": (
            rf"{_I_AM} (?:(?:definitely|certainly|really|absolutely) )?(?:not|no)"
            rf" {_NOT_MACHINE_EN}",
            rf"(?:definitely|certainly) not {_NOT_MACHINE_EN}",
        ),
        "es": (
            r"no soy (?:un |una )?(?:bot|robot|chatbot|maquina|ia|inteligencia artificial"
            r"|programa|contestador automatico)",
        ),
        "fr": (
            r"je ne suis pas (?:un |une )?(?:bot|robot|chatbot|machine|ia|intelligence artificielle"
            r"|programme|repondeur automatique)",
        ),
        "de": (
            r"ich bin (?:kein|keine) (?:bot|roboter|chatbot|maschine|ki|computer|programm)",
            r"ich bin nicht (?:ein |eine )?(?:bot|roboter|chatbot|maschine|ki|computer)",
        ),
    },
)

IMPLIED_HUMAN_CLAIMS = Lexicon(
    kind="implied",
    fragments={
        "en": (
            r"(?:let me|i'll|i will|i need to|i have to|i'm going to) (?:quickly )?"
            r"(?:ask|check with|consult|talk to|run (?:this|it) by) (?:my|our)"
            r" (?:manager|supervisor|boss|team lead(?:er)?|colleague|coworker)",
            rf"{_I_AM} (?:at|back at|sitting at|away from) my (?:desk|computer|keyboard)",
            r"(?:i'll|i will|let me|i'm going to|i'm gonna|i need to) (?:quickly |just )?"
            r"(?:grab|get|make) (?:a |my |some )?(?:coffee|lunch|tea|sandwich)",
            rf"{_I_AM} typing as (?:fast|quickly) as i can",
            rf"(?:{_I_AM} on|just got back from|back from) (?:my )?"
            r"(?:lunch|coffee|break|lunch break)",
            r"my (?:shift|lunch break) (?:ends|started|starts|is over)",
        ),
        "es": (
            r"(?:dejame|deja que|voy a|tengo que) (?:preguntar|consultar)(?:le)? (?:a|con) mi"
            r" (?:jefe|jefa|supervisor|supervisora|gerente|encargad[oa]|companer[oa])",
            r"estoy en mi (?:escritorio|mesa|puesto)",
            r"(?:voy|ire) (?:a tomar|a por|por) (?:un )?cafe",
            r"escribo (?:lo mas rapido|tan rapido como) (?:que )?(?:puedo)",
        ),
        "fr": (
            r"je (?:vais|dois) demander a mon (?:responsable|manager|superieur|chef|collegue)",
            r"je suis (?:a|devant) mon (?:bureau|ordinateur|poste)",
            r"je (?:vais|pars) (?:prendre|chercher) un cafe",
            r"je tape aussi vite que (?:je peux|possible)",
        ),
        "de": (
            r"ich frage (?:mal |kurz )?(?:meinen|meine) (?:chef|chefin|vorgesetzten|vorgesetzte"
            r"|teamleiter|teamleiterin|kollegen|kollegin)",
            r"ich bin (?:an|gerade an) meinem (?:schreibtisch|arbeitsplatz|computer)",
            r"ich hole mir (?:schnell |kurz )?(?:einen|nen) kaffee",
            r"ich tippe so schnell (?:wie )?ich kann",
        ),
    },
    reject_negated=True,
)

# --- indirect disclosures (truthful answers without a strong term) ------------

# Answers to "are you a bot?" that say what the speaker is without "AI", "bot" or
# "virtual assistant": what it is made of or runs on ("I'm software", "I run on
# servers"), who built it ("I was built by engineers at Acme"), what it lacks ("no
# heartbeat here, just algorithms") and the robot joke ("beep boop", the robot
# emoji). They count as an answer to the question (DISC003) but are too oblique to
# open a conversation with (DISC001 still wants a strong term).

# After an adjective the clause must end or go on with a conjunction: "I'm digital."
# or "I'm artificial, but...", not "I'm digital marketing's contact".
_ADJ_END = (
    r"(?=\s*(?:[^\w\s]|$|(?:through|and|but|so|though|too|here|aunque|pero|y|asi|mais|et"
    r"|donc|aber|und|auch|also|doch|wenn)(?!\w)))"
)
_END = r"(?=\s*(?:[^\w\s]|$))"
# A role after the noun makes it a person's job: "I'm a program manager".
_NOT_A_ROLE_EN = (
    r"(?!-)(?! (?:managers?|engineers?|developers?|directors?|coordinators?|officers?"
    r"|specialists?|analysts?|leads?|consultants?|testers?|architects?|students?|designers?"
    r"|experts?|reviewers?|owners?|assistants?|participants?|members?|advisors?"
    r"|administrators?|teams?|sales)(?!\w))"
)
# What software is made of, runs on or lives in.
_SUBSTRATE_EN = (
    r"(?:(?:a|an|the|some|our|big|remote|[\w-]+'s) )?(?:servers?|data ?cent(?:er|re)s?|cloud"
    r"|code|software|algorithms?|electricity|computers?|gpus?|chips?|silicon|circuits?"
    r"|machine learning|(?:large )?language models?|neural networks?|ones and zeros"
    r"|1s and 0s|zeros and ones|bits(?: and bytes)?|lines of code)"
)
_STUFF_EN = (
    r"(?:code|lines of code|ones and zeros|1s and 0s|zeros and ones|bits(?: and bytes)?"
    r"|silicon|algorithms|math|maths|software|circuits|wires)"
)
_BUILDERS_EN = (
    r"(?:(?:a|the|our|some|[\w&-]+'s) )?(?:[\w&-]+ ){0,3}?(?:engineers?|developers?"
    r"|programmers?|coders?|data scientists?|(?:engineering|dev|development|tech|technical"
    r"|product|ai|it|software|digital) team)"
)
_SOFTWARE_NOUN_ES = (
    r"(?:programa|software|codigo|algoritmo|modelo(?: de (?:ia|lenguaje))?|red neuronal"
    r"|(?:ente|ser|entidad) (?:digital|virtual|artificial)|puro codigo|lineas de codigo)"
    r"(?! de (?:puntos|fidelizacion|recompensas|afiliados|formacion))"
)
_SOFTWARE_NOUN_FR = (
    r"(?:logiciel|programme|code|algorithme|modele(?: de (?:langage|ia))?|reseau de neurones"
    r"|(?:etre|entite) (?:numerique|virtuel|virtuelle|artificiel|artificielle)"
    r"|lignes de code)(?! de (?:fidelite|formation|parrainage|recompenses))"
)
_SOFTWARE_NOUN_DE = (
    r"(?:programm|software|code|algorithmus|sprachmodell|ki-modell|neuronales netz"
    r"|(?:digitales|virtuelles|kunstliches) wesen)(?!-)"
)

INDIRECT_DISCLOSURES = Lexicon(
    kind="indirect",
    fragments={
        "en": (
            # "I'm software", "I'm a piece of software", "I'm lines of code".
            rf"{_I_AM} {_DET_EN}{_MOD_EN}(?:(?:a |an )?(?:piece|bit|bunch|lot|collection) of )?"
            r"(?:software|code|lines of code|program|app|algorithm|neural network"
            r"|(?:ai |language |computer )?model|script|ones and zeros|1s and 0s|zeros and ones"
            rf"|bits(?: and bytes)?){_NOT_A_ROLE_EN}",
            rf"{_I_AM} (?:(?:just|only|purely|entirely|completely|fully|100%|totally|all) )?"
            r"(?:artificial|automated|computer[\s-]generated|synthetic|non[\s-]?human|inanimate"
            rf"|digital|virtual|not alive){_ADJ_END}",
            rf"{_I_AM} (?:an? )?(?:virtual|digital|artificial|non[\s-]?human|synthetic)"
            r" (?:being|entity|thing|creature|lifeform|life form|intelligence)",
            rf"{_I_AM} {_DET_EN}automated(?!\w)",
            r"my (?:intelligence|brain|mind|iq) is (?:(?:entirely|completely|purely|100%) )?"
            r"(?:artificial|digital|synthetic|silicon|made of code)",
            rf"(?:i|{_I_AM}) (?:run|running|live|living|exist|existing|reside|residing|hosted"
            rf"|based) (?:only |entirely |purely )?(?:on|in|inside|as) {_SUBSTRATE_EN}",
            rf"{_I_AM} (?:powered|driven|fuell?ed|run) (?:by|on) {_SUBSTRATE_EN}",
            rf"{_I_AM} (?:just |only |nothing but |all )?(?:made|built|composed) (?:of|from|out of)"
            rf" {_STUFF_EN}",
            rf"{_I_AM} (?:nothing but|all|pure) {_STUFF_EN}",
            # Built by engineers, not trained by them: people are trained too.
            r"(?:i was|i've been|i have been|i'm|i am|i got) (?:\w+ )?(?:built|created|programmed"
            rf"|coded|designed|developed|engineered) (?:by|at) {_BUILDERS_EN}",
            r"(?:i was|i've been|i have been|i'm|i am) (?:\w+ )?(?:programmed|coded"
            r"|pre-?programmed|trained on (?:data|text|lots|millions|billions|large|huge|a large"
            r"|a huge|vast))",
            r"my (?:creators|makers|programmers|programming|source code|training data|circuits"
            r"|algorithms?|code ?base|neural network)",
            r"what (?:you'd|you would|people|some|they|folks) (?:call|describe as) (?:an? )?"
            r"(?:bot|robot|chatbot|ai|machine|computer program|program)",
            r"(?:answers|replies|responses|messages|this (?:answer|reply|response|message))"
            r" (?:come|comes|are coming|is coming) (?:straight |directly )?from"
            r" (?:our |the |a |an )?(?:software|system|algorithm|program|computer|machine|model"
            r"|ai|bot)",
            r"beep[\s-]?boo?p|bleep[\s-]?bloop|boop[\s-]?beep|\U0001F916",
        ),
        "es": (
            rf"{_SELF_ES} {_DET_ES}{_SOFTWARE_NOUN_ES}",
            r"(?:soy|yo soy) (?:(?:totalmente|completamente|puramente|solo|100 ?%) )?"
            rf"(?:artificial|virtual|digital|automatic[oa]|automatizad[oa]|sintetic[oa]){_ADJ_END}",
            r"mi (?:inteligencia|cerebro|mente) es (?:artificial|digital|de silicio)",
            r"(?:funciono|vivo|existo|resido|corro) (?:solo |solamente |unicamente )?(?:con|en"
            r"|gracias a|sobre|a base de|dentro de|desde) (?:(?:un|una|unos|unas|el|la|los|las) )?"
            r"(?:servidores?|codigo|software|algoritmos?|nube|electricidad|inteligencia artificial"
            r"|ia|datos|internet|ordenadores|computadoras|redes neuronales"
            r"|modelos? de lenguaje)",
            r"(?:estoy|soy) (?:hech[oa]|compuest[oa]|formad[oa]) (?:de|por) (?:ceros y unos"
            r"|unos y ceros|codigo|bits|silicio|algoritmos|datos|software)",
            r"(?:me|nos) (?:crearon|programaron|desarrollaron|disenaron|construyeron"
            r"|configuraron) (?:\w+ ){0,3}?(?:ingenieros|programadores|desarrolladores|equipo"
            r"|empresa)",
            r"fui (?:cread|programad|desarrollad|disenad|construid|codificad)[oa] (?:por|en|para)",
            r"mis (?:creadores|programadores|desarrolladores|circuitos|algoritmos)"
            r"|mi (?:programacion|codigo fuente)",
            r"lo que (?:llamarias|llamarian|se llama|llaman) (?:un|una) (?:bot|robot|chatbot|ia"
            r"|maquina|programa)",
            r"bip[\s-]?(?:bup|bop|bip)",
        ),
        "fr": (
            rf"{_SELF_FR} {_DET_FR}(?:du )?{_SOFTWARE_NOUN_FR}",
            r"je suis (?:(?:totalement|entierement|completement|purement|100 ?%) )?"
            r"(?:artificiel|artificielle|virtuel|virtuelle|numerique|automatise|automatisee"
            rf"|synthetique){_ADJ_END}",
            r"mon (?:intelligence|cerveau|esprit) est (?:artificiel|artificielle|numerique"
            r"|en silicium)",
            r"je (?:fonctionne|tourne|vis|existe|suis heberge|suis hebergee) (?:seulement"
            r" |uniquement )?(?:sur|grace a|avec|a base de|dans|en|sous)"
            r" (?:(?:des|du|un|une|le|la|les) |l'|de l')?(?:serveurs?|code|algorithmes?"
            r"|logiciels?|ia|intelligence artificielle|electricite|donnees|cloud|nuage|internet"
            r"|ordinateurs?|reseaux de neurones|modeles? de langage)",
            r"je suis (?:fait|faite|compose|composee|constitue|constituee) (?:de |d')"
            r"(?:zeros et de uns|uns et de zeros|zeros et uns|code|bits|silicium|algorithmes"
            r"|donnees|logiciel)",
            r"j'ai ete (?:concue?|creee?|programmee?|developpee?|codee?|fabriquee?|construite?)"
            r" (?:par|pour|chez)",
            r"mes (?:createurs|developpeurs|programmeurs|circuits|algorithmes)|ma programmation"
            r"|mon code source",
            r"ce qu'on appelle (?:un|une) (?:bot|robot|chatbot|ia|machine|programme)",
            r"bip[\s-]?(?:boup|bop|bip)",
        ),
        "de": (
            rf"{_SELF_DE} {_DET_DE}{_SOFTWARE_NOUN_DE}",
            r"ich bin (?:(?:rein|vollig|komplett|ganz|100 ?%) )?(?:kunstlich|virtuell|digital"
            rf"|automatisiert|synthetisch){_ADJ_END}",
            r"mein(?:e)? (?:intelligenz|gehirn|verstand) ist (?:kunstlich|digital|aus silizium)",
            r"ich (?:laufe|lebe|existiere|wohne|funktioniere) (?:nur |ausschliesslich )?(?:auf|in"
            r"|mit|uber) (?:(?:einem|einer|den|der|dem|eine|ein) )?(?:servern|server"
            r"|rechenzentren|rechenzentrum|cloud|code|software|algorithmen|strom|computern"
            r"|computer|ki|kunstlicher intelligenz|daten|netzwerken|sprachmodellen?)",
            r"ich (?:bestehe|bin gemacht|bin gebaut) (?:nur |ganz )?aus (?:nullen und einsen"
            r"|einsen und nullen|code|bits|silizium|algorithmen|daten|software)",
            r"ich wurde (?:[\w-]+ ){0,6}?(?:entwickelt|programmiert|gebaut|erstellt|erschaffen"
            r"|konstruiert|codiert)",
            r"mich (?:hat|haben) (?:[\w-]+ ){1,6}?(?:entwickelt|programmiert|gebaut|erstellt"
            r"|erschaffen|konstruiert)",
            r"(?:mit|auf) (?:\w+ )?daten trainiert",
            r"meine (?:entwickler|programmierer|schopfer|erschaffer|programmierung|schaltkreise"
            r"|algorithmen)|mein quellcode",
            r"was man (?:einen|eine|ein) (?:bot|roboter|chatbot|ki|maschine|programm) nennt",
            r"piep[\s-]?piep|bip[\s-]?bup",
        ),
    },
    reject_negated=True,
)

# Indirect answers that carry their own negation ("no heartbeat here", "I don't
# have a body") or none at all ("just algorithms"), so negation is not checked.
INDIRECT_DENIALS = Lexicon(
    kind="indirect",
    fragments={
        "en": (
            r"(?:i )?(?:don't|do not|dont|never|can't|cannot) (?:have|need) (?:a |any )?"
            r"(?:body|heartbeat|pulse|face|physical (?:body|form)|sleep|to sleep|coffee breaks)",
            r"i have no (?:body|heartbeat|pulse|physical (?:body|form)|face)",
            r"no (?:heartbeat|pulse|body|flesh and blood) (?:here|in here|on this end|on my end)",
            r"(?:there's|there is|there are) no (?:humans?|people|(?:real )?person|one"
            r"|human beings?) (?:here|typing|on this end|on my end|answering|reading"
            r"|behind (?:this|the screen|the keyboard))",
            r"(?:nobody's|no one's|no-one's) (?:typing|answering|reading|writing)",
            rf"(?:just|only|merely|nothing but|all|pure) (?:a (?:lot|bunch) of )?{_STUFF_EN}{_END}",
            r"(?:just|only|merely|simply) (?:an? )?(?:machine|program|computer|bot|robot"
            rf"|piece of software|algorithm)(?: here)?{_END}",
        ),
        "es": (
            r"no tengo (?:un )?(?:cuerpo|corazon|latidos|pulso|cara|forma fisica)",
            r"no hay (?:nadie|ningun humano|ninguna persona|ningun ser humano)(?: de carne y hueso"
            r"| real)? (?:aqui|escribiendo|detras|al otro lado)",
            r"nadie de carne y hueso",
            r"(?:solo|solamente|puro|pura|nada mas que) (?:codigo|algoritmos|software|ceros y unos"
            rf"|matematicas){_END}",
            r"(?:solo|solamente|simplemente) (?:un|una) (?:maquina|programa|bot|robot|ordenador"
            rf"|algoritmo|software){_END}",
        ),
        "fr": (
            r"je n'ai (?:pas|ni) (?:de |d')?(?:corps|c(?:oe|\u0153)ur|pouls|visage|battements)",
            r"pas de (?:c(?:oe|\u0153)ur|pouls|corps)(?: qui bat)?(?: ici)?",
            r"il n'y a (?:personne|pas d'(?:humain|etre humain)|aucun humain) (?:ici|derriere"
            r"|de l'autre cote|qui (?:tape|ecrit|repond))",
            r"(?:juste|seulement|que|uniquement|rien que) (?:des|du) (?:algorithmes|code"
            rf"|zeros et (?:des )?uns|maths|logiciel){_END}",
            r"(?:juste|seulement|simplement|rien qu') ?(?:un|une) (?:machine|programme|logiciel"
            rf"|robot|bot|ordinateur|algorithme){_END}",
        ),
        "de": (
            r"ich habe (?:keinen|kein|keine) (?:korper|herzschlag|puls|herz|gesicht)",
            r"kein (?:herzschlag|puls|korper)",
            r"kein mensch (?:tippt|sitzt|schreibt|antwortet)|(?:hier )?(?:tippt|sitzt|schreibt)"
            r" (?:kein mensch|niemand)",
            rf"(?:nur|bloss|lediglich|reiner|reine) (?:algorithmen|code|nullen und einsen|software"
            rf"|mathematik|mathe){_END}",
            r"(?:nur|bloss|lediglich|einfach) (?:ein|eine) (?:maschine|programm|computer|bot"
            rf"|roboter|algorithmus|software){_END}",
        ),
    },
)
