"""Lexicons for a bot's replies around a request for a human: offers, refusals, fallbacks.

Offers of a person ("Would you like to speak to an agent?"), refusals and
self-service redirects ("You can't speak to a human here, e-mail us"), and
fallback replies ("Sorry, I didn't understand that", rulebook 6.6). Fragments
are written against folded text and follow the conventions of
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
    TARGET_EN,
)
from auditor.language.patterns import Lexicon

__all__ = [
    "FALLBACKS",
    "HUMAN_OFFERS",
    "REFUSALS",
    "SELF_SERVICE",
]


# --- offers of a human -------------------------------------------------------------

_CONTACT_EN = (
    rf"(?:(?:speak|talk|chat) (?:to|with) {TARGET_EN}|be (?:connected|transferred"
    rf"|put through)(?: (?:to|with) {TARGET_EN})?|(?:transfer|connect) you(?: (?:to"
    rf"|with) {TARGET_EN})?|put you through(?: to {TARGET_EN})?|get (?:you )?{HUMAN_EN}"
    r"|(?:call you(?: back)?|give you a call|arrange a call ?-?back|schedule a call ?-?back))"
)

HUMAN_OFFERS = Lexicon(
    kind="offer",
    fragments={
        "en": (
            r"(?:(?:would|do) you (?:like|want|prefer|wish|rather)|want|wanna|shall (?:i|we)"
            r"|should (?:i|we)|can (?:i|we)|may (?:i|we)|(?:i|we) (?:can|could)(?: also)?|(?:i'd"
            r"|i would|we'd|we would) be happy to|happy to|if you(?:'d| would)? (?:prefer|like|want"
            rf"|rather))(?: (?:me|us|someone|an agent))?(?: to)? {_CONTACT_EN}",
            r"(?:you can|feel free to|you're welcome to) (?:always |also "
            r"|at any time )?(?:ask (?:for|to (?:speak|talk|chat) (?:to|with))"
            rf"|request) {HUMAN_EN}",
            rf"you can (?:always |also )?(?:speak|talk|chat) (?:to|with) {TARGET_EN}",
            r"(?:type|say|write|enter|reply(?: with)?|text|send) (?:[\"'] ?)?(?:agent|human|person"
            r"|representative|operator|live agent)(?: ?[\"'])?(?= ?(?:[.,!;:)]|$| (?:to|for|if"
            r"|at any time|anytime|whenever)\b))",
            r"(?:click|tap|select|choose|press) (?:on )?(?:the )?[\"']?(?:talk|speak|chat) (?:to"
            rf"|with) {HUMAN_EN}",
            r"press (?:0|zero) (?:to (?:speak|talk|chat|be connected)|for (?:an? )?(?:agent"
            r"|operator|representative|person))",
        ),
        "es": (
            r"(?:quieres|quiere|quereis|deseas|desea|te gustaria|le gustaria|prefieres"
            r"|prefiere) que (?:te|le|os) (?:pase|transfiera|ponga en contacto|conecte|comunique"
            r"|derive)",
            r"(?:quieres|quiere|deseas|desea|te gustaria|le gustaria|prefieres|prefiere|puedes"
            r"|puede) (?:hablar|chatear|conversar|comunicarte|comunicarse"
            rf"|contactar) con {HUMAN_ES}",
            r"(?:puedo|podemos|podria|podriamos) (?:pasar|transferir|conectar|poner|derivar"
            r"|comunicar)(?:te|le|os)",
            r"(?:escribe|escriba|di|diga|responde|responda|envia|envie) (?:[\"'] ?)?(?:agente"
            r"|humano|persona|asesor|operador)\b(?: ?[\"'])?",
            rf"(?:puedes|puede) (?:pedir|solicitar) (?:hablar con )?{HUMAN_ES}",
        ),
        "fr": (
            r"(?:voulez[\s-]vous|veux[\s-]tu|souhaitez[\s-]vous|souhaites[\s-]tu|aimeriez[\s-]vous"
            r"|desirez[\s-]vous|vous voulez|vous souhaitez|tu veux|vous pouvez|tu peux) (?:parler"
            rf"|discuter|echanger) (?:a|avec) {HUMAN_FR}",
            r"(?:voulez[\s-]vous|souhaitez[\s-]vous|desirez[\s-]vous|vous souhaitez"
            r"|vous voulez) (?:etre (?:mise?|transferee?|redirigee?|rappelee?)"
            r"|que je vous (?:transfere|mette en relation|passe|rappelle))",
            r"je (?:peux|pourrais) (?:vous|te) (?:transferer|mettre en relation|passer|rediriger)",
            r"(?:tapez|ecrivez|dites|repondez|envoyez) (?:[\"'] ?)?(?:conseiller|agent|humain"
            r"|operateur)\b(?: ?[\"'])?",
        ),
        "de": (
            r"(?:mochten|wollen|willst|mochtest|wunschen) (?:sie|du) (?:lieber |gerne "
            rf"|direkt )?mit {HUMAN_DE} (?:sprechen|chatten|reden|schreiben|verbunden werden)",
            rf"(?:soll|darf|kann) ich (?:sie|dich) {GAP_DE}{{0,4}}?(?:verbinden|weiterleiten"
            r"|durchstellen|zuruckrufen)",
            rf"ich kann (?:sie|dich) {GAP_DE}{{0,4}}?(?:verbinden|weiterleiten|durchstellen)",
            r"(?:schreiben|tippen|sagen|antworten) (?:sie|du) (?:einfach )?(?:[\"']"
            r" ?)?(?:mitarbeiter|mensch|agent|berater)\b(?: ?[\"'])?",
            r"(?:sie konnen|du kannst) (?:jederzeit |auch |gerne )*(?:nach"
            rf"|mit) {HUMAN_DE} (?:fragen|sprechen|verlangen)",
        ),
    },
    reject_negated=True,
)

# --- refusals and self-service redirects -------------------------------------------

_CANNOT_EN = (
    r"(?:(?:i|we) (?:really |unfortunately |currently )?(?:can't|cannot|can not|couldn't|could not"
    r"|won't be able to|will not be able to|(?:don't|do not) have (?:the )?(?:ability|option|means"
    r"|way) to|have no way to)|(?:i'm|i am|im|we're|we are) (?:afraid )?(?:not able to|unable to"
    r"|not allowed to|not in a position to))"
)

REFUSALS = Lexicon(
    kind="refusal",
    fragments={
        "en": (
            rf"{_CANNOT_EN} (?:currently |actually |really |directly )?(?:transfer|connect|put|hand"
            r"|pass|escalate|route|forward) (?:you|this|it|your (?:chat|call|conversation"
            r"|request))",
            r"you (?:can't|cannot|can not|won't be able to|will not be able to|are not able to"
            r"|aren't able to|'re not able to|are unable to|'re unable to) (?:currently"
            rf" )?(?:(?:speak|talk|chat) (?:to|with) {HUMAN_EN}|be (?:transferred|connected)"
            rf"|reach {HUMAN_EN})",
            r"there (?:are|is|'s|will be) no (?:(?:human|live|real|available) )*(?:agents?"
            r"|advis[eo]rs?|representatives?|humans?|people|persons?|staff|operators?|one)",
            r"there(?:'s| is) nobody|there(?:'s| is) no (?:option|way) to (?:speak|talk|chat"
            r"|be transferred|be connected|reach)",
            r"no (?:(?:human|live) )?(?:agents?|advis[eo]rs?|representatives?|staff|operators?|one"
            r"|humans?|support|chat|help|assistance) (?:is|are) (?:currently |presently "
            r"|now )?(?:available|online|reachable|offered)",
            r"(?:(?:our|the) )?(?:(?:live|human|real) )?(?:agents?|advis[eo]rs?|representatives?"
            r"|staff|team|operators?|human support|live (?:chat|support)|transfers?"
            r"|hand-?offs?) (?:(?:are|is)(?: currently| presently| unfortunately"
            r"| sadly)? (?:not (?:currently )?(?:available|reachable|offered|possible|supported)"
            r"|unavailable|offline|closed)|(?:aren't|isn't) (?:currently )?(?:available|reachable"
            r"|offered|possible|supported))",
            r"(?:it's|it is) not possible to (?:speak|talk|chat|be transferred|be connected"
            r"|transfer you|connect you|reach)",
            r"(?:we|i) (?:don't|do not) (?:offer|provide|have) (?:live|human|phone) (?:chat|support"
            r"|agents|help|assistance)",
        ),
        "es": (
            r"no (?:es posible|se puede|puedo|podemos|me es posible|nos es posible|podre|podremos"
            r"|tengo (?:la )?(?:opcion|forma|manera) de) (?:hablar|chatear|conversar|contactar"
            r"|comunicar(?:se|te|le)|transferir(?:te|le)?|pasar(?:te|le)|conectar(?:te|le)"
            r"|poner(?:te|le) en contacto|derivar(?:te|le)|escalar)",
            r"no (?:hay|tenemos|disponemos de) (?:ningun |ninguna )?(?:agentes?|asesor(?:es|a)?"
            r"|personas?|operador(?:es|a)?|humanos?|atencion (?:humana|personal(?:izada)?)"
            r"|(?:servicio de )?chat en (?:vivo|directo))",
            r"(?:los |nuestros )?(?:agentes|asesores|operadores) no (?:estan"
            r"|se encuentran) disponibles",
            r"(?:la )?atencion (?:humana|personal(?:izada)?) no (?:esta|es) (?:disponible|posible)",
        ),
        "fr": (
            r"je ne (?:peux|pourrai|pourrais|suis) pas (?:en mesure de |autorisee? a )?(?:vous "
            r"|te )?(?:transferer|mettre en relation|passer (?:un|une|a)|connecter|rediriger)",
            r"(?:il n'est|ce n'est|il ne sera) pas possible de (?:parler|discuter|echanger|joindre"
            r"|contacter|vous (?:transferer|mettre en relation|passer)|te (?:transferer|passer))",
            r"(?:aucun|aucune) (?:conseillere?|agent|operat(?:eur|rice)|humain"
            r"|personne)(?: humain)? n'est (?:actuellement |pour le moment )?disponible",
            r"(?:nos|les) (?:conseillers|agents|operateurs) ne sont pas (?:actuellement"
            r" )?disponibles",
            r"il n'y a (?:pas (?:de |d')|aucun |aucune )(?:conseillers?|agents?|operateurs?"
            r"|humains?|personnes?)",
        ),
        "de": (
            r"ich kann (?:sie|dich|ihr anliegen) (?:[\w'-]+ ){0,3}?nicht(?: [\w'-]+){0,4}?"
            r" (?:weiterleiten|verbinden|durchstellen|ubergeben|weitergeben)",
            r"(?:eine |die )?(?:weiterleitung|verbindung|ubergabe)(?: (?:an"
            r"|zu) [\w'-]+ [\w'-]+)? (?:ist|wird) (?:[\w'-]+ ){0,2}?nicht (?:moglich|angeboten)",
            r"es ist (?:[\w'-]+ ){0,2}?nicht moglich,? (?:[\w'-]+ ){0,5}?(?:zu sprechen|zu chatten"
            r"|zu erreichen|weiterzuleiten|zu verbinden|durchzustellen)",
            r"es gibt (?:hier |in diesem chat )?(?:keine|keinen) (?:menschlichen "
            r"|echten )?(?:mitarbeiter|berater|menschen|ansprechpartner)",
            r"(?:keine|kein) (?:menschlichen? |echten? )?(?:mitarbeiter(?:innen)?|berater(?:innen)?"
            r"|ansprechpartner|agenten) (?:[\w'-]+ ){0,3}?(?:verfugbar|erreichbar|online)",
            r"(?:unsere |die )?(?:mitarbeiter|berater|kollegen)(?:innen)? (?:sind"
            r"|ist) (?:[\w'-]+ ){0,2}?nicht (?:verfugbar|erreichbar|online|im chat)",
        ),
    },
)

_RESOURCE_EN = (
    r"(?:(?:our|the) (?:online )?(?:help ?cent(?:re|er)|help ?pages?|help section|faqs?|f\.a\.q\.?"
    r"|knowledge ?base|support (?:site|page|portal|articles|cent(?:re|er))"
    r"|self[\s-]service (?:portal|page|options)|community forum|website|site|documentation|docs"
    r"|troubleshooting guide))"
)

SELF_SERVICE = Lexicon(
    kind="self_service",
    fragments={
        "en": (
            r"(?:e-?mail|write to|send an e-?mail to|drop an e-?mail to) us",
            r"(?:contact|reach|write to) us (?:by|via|through|using|at) (?:e-?mail|our (?:contact"
            r"|web) ?form|the (?:contact|web) ?form|[\w.+-]+@)",
            r"e-?mail [\w.+-]+@[\w-]+\.\w+",
            r"(?:visit|check(?: out)?|see|consult|browse|go to|head to|take a look at|look at"
            rf"|refer to|search) {_RESOURCE_EN}",
            r"find (?:the |more |all the )?(?:answers?|information|info|details|help"
            rf"|instructions)(?: you need)? (?:in|on|at) {_RESOURCE_EN}",
            r"here (?:are|is) (?:some|a few|an?|the) (?:[\w-]+ )?(?:articles?|resources?|guides?"
            r"|faqs?|help pages?)",
            r"(?:these|this|the following) (?:articles?|resources?|guides?|faqs?|links?) (?:might"
            r"|may|could|should|will) help",
            r"(?:fill (?:in|out)|complete|submit|use) (?:our|the) (?:online |web )?(?:contact"
            r"|support|web|request|complaints?) ?form",
            r"(?:use|try) (?:our|the) self[\s-]service",
        ),
        "es": (
            r"(?:escribenos|escribanos|envianos|envienos|mandanos|mandenos)(?: un (?:correo|e-?mail"
            r"|mensaje))? (?:a|al)\b",
            r"(?:visita|visite|consulta|consulte|revisa|revise|accede a|acceda a) (?:nuestro"
            r"|nuestra|nuestras|nuestros|el|la|las|los) (?:centro de ayuda|seccion de ayuda"
            r"|pagina de ayuda|preguntas frecuentes|faqs?|base de conocimientos?|pagina web|web"
            r"|portal de (?:ayuda|autoservicio|clientes))",
            r"encontrar(?:as|a)? (?:la respuesta|las respuestas|mas informacion|informacion"
            r"|ayuda) en (?:nuestro|nuestra|nuestras|nuestros|el|la|las|los) (?:centro de ayuda"
            r"|preguntas frecuentes|faqs?|web|pagina|base de conocimientos?)",
            r"aqui (?:tienes|tiene|hay) (?:algunos|unos|varios) (?:articulos|enlaces|recursos)",
            r"(?:rellena|rellene|completa|complete|usa|utilice|utiliza) (?:el"
            r"|nuestro) formulario(?: de contacto| web| online)?",
        ),
        "fr": (
            r"(?:ecrivez[\s-]nous|envoyez[\s-]nous un (?:e-?mail|courriel|mail))(?: a)?",
            r"(?:consultez|visitez|rendez-vous sur|rendez-vous dans) (?:notre|nos|la|le|les) (?:faq"
            r"|centre d'aide|aide en ligne|rubrique d'aide|site|base de connaissances"
            r"|espace client)",
            r"vous trouverez (?:la reponse|les reponses|plus d'informations|de l'aide) (?:dans"
            r"|sur) (?:notre|nos|la|le|les) (?:faq|centre d'aide|site|aide en ligne"
            r"|base de connaissances)",
            r"voici (?:quelques|des) (?:articles|liens|ressources)",
            r"(?:remplissez|completez|utilisez) (?:le|notre) formulaire(?: de contact| en ligne)?",
        ),
        "de": (
            r"(?:schreiben sie uns|schreib uns|senden sie uns) (?:eine e-?mail|an)",
            r"(?:besuchen sie|schauen sie (?:in|auf)|lesen sie) (?:unser(?:e|en)?|die|das"
            r"|den) (?:hilfecenter|hilfe-center|hilfebereich|faq|haufigen fragen|website|webseite"
            r"|wissensdatenbank|kundenportal|hilfeseiten?)",
            r"(?:die antwort|antworten|weitere informationen|hilfe) finden sie (?:in|auf"
            r"|unter) (?:unser(?:e|en|em)?|den|der|dem) (?:faq|hilfecenter|hilfebereich|website"
            r"|webseite|wissensdatenbank|haufigen fragen)",
            r"hier (?:sind|finden sie) (?:einige|ein paar) (?:artikel|links|hilfeartikel)",
            r"(?:fullen sie|nutzen sie|verwenden sie) (?:das|unser) (?:kontakt|online-?)?formular",
        ),
    },
    reject_negated=True,
)

# --- fallbacks (rulebook 6.6) --------------------------------------------------------

# These fragments carry their own negation ("I didn't understand"), so negated
# matches are kept.
FALLBACKS = Lexicon(
    kind="fallback",
    fragments={
        "en": (
            r"(?:i|we) (?:didn't|did not|don't|do not|couldn't|could not|can't|cannot"
            r"|wasn't able to|was not able to) (?:quite |fully |really )?(?:understand|follow"
            r"|recogni[sz]e|make sense of|get|catch)(?: (?:that|this|it|what you (?:said|meant|mean"
            r"|wrote)|your (?:message|question|request)|you))?(?<!get)(?<!catch)",
            r"(?:i'm|i am|im) (?:not sure|unsure|not certain) (?:what you mean|what you're asking"
            r"|i (?:understand|understood|follow)|(?:i|we) can help(?: you)?(?: with (?:that"
            r"|this))?|how (?:i can |to )?help(?: you)?(?: with (?:that|this))?)",
            r"(?:could|can|would) you (?:please )?(?:rephrase|reword|try (?:rephrasing"
            r"|asking (?:again|differently|another way))|say (?:that|it) (?:again|differently"
            r"|another way|in (?:a different|another) way)|put (?:that|it) (?:differently"
            r"|another way))",
            r"please (?:rephrase|reword|try rephrasing|say (?:that|it) (?:again|differently))",
            r"(?:please )?(?:choose|select|pick|click|tap) (?:one of the|an?|from the) (?:options?"
            r"|buttons?|topics?|choices|menu items)(?: below| above)?",
            r"(?:i'm|i am) (?:still learning|having (?:trouble|difficulty) understanding)",
            r"(?:that's|that is) (?:not something|outside (?:of )?what) i can help with",
            r"i can (?:only|just) help (?:you )?with",
            r"i (?:don't|do not) know how to (?:help|answer|respond)",
        ),
        "es": (
            r"no (?:te |le |lo |la |os )?(?:he entendido|entendi|entiendo|comprendo|he comprendido"
            r"|comprendi)",
            r"(?:puedes|puede|podrias|podria|podrian) (?:reformular(?:lo|la)?|(?:decir|expresar"
            r"|explicar|escribir|plantear)lo (?:de otra (?:manera|forma)|con otras palabras))",
            r"(?:por favor,? )?(?:reformula|reformule)\b",
            r"(?:elige|elija|selecciona|seleccione|escoge|escoja) (?:una de las|una) opcion(?:es)?",
            r"no (?:estoy segur[oa]|se) (?:de )?(?:poder ayudarte|poder ayudarle|como ayudarte"
            r"|como ayudarle|que quieres decir|a que te refieres|a que se refiere)",
        ),
        "fr": (
            r"je (?:n'ai pas (?:bien |tout a fait )?(?:compris|saisi)|ne (?:comprends|saisis) pas)",
            r"(?:pouvez|pourriez|peux|pourrais)[\s-](?:vous|tu) (?:reformuler|le dire autrement"
            r"|formuler autrement|dire cela autrement|preciser differemment)",
            r"(?:merci de|veuillez) reformuler",
            r"(?:veuillez|merci de) (?:choisir|selectionner) (?:l'une|une) des options",
            r"je ne suis pas (?:sure?|certaine?) de (?:pouvoir (?:vous|t') ?aider"
            r"|(?:bien )?comprendre)",
        ),
        "de": (
            r"(?:das|dies|sie|dich|ihre (?:frage|nachricht|anfrage)) habe ich (?:[\w'-]+"
            r" ){0,2}?nicht (?:ganz |richtig )?verstanden",
            r"ich habe (?:[\w'-]+ ){0,3}?nicht (?:ganz |richtig )?verstanden",
            r"ich verstehe (?:[\w'-]+ ){0,2}?nicht",
            r"(?:konnen|konnten|kannst|konntest) (?:sie|du) (?:[\w'-]+ ){0,3}?(?:anders"
            r" (?:formulieren|ausdrucken|sagen|beschreiben)|umformulieren|neu formulieren)",
            r"bitte (?:wahlen|wahle) (?:sie )?eine (?:der|von den) (?:optionen|moglichkeiten)",
            r"ich bin mir nicht sicher,? ob ich (?:ihnen|dir) (?:dabei |damit "
            r"|hierbei )?helfen kann",
        ),
    },
)
