"""Lexicons for a customer's frustration with a service, and a bot acknowledging it.

English, Spanish, French and German, compiled per language so that a conversation is
read with its own language's words only (French "con" is an insult, Spanish "con" is
"with"). Six customer families, each a :class:`~auditor.language.patterns.Lexicon`
keyed by language, and two bot families:

* ``INSULTS``: profanity and insults aimed at the service ("wtf", "bullshit",
  "stupid bot", "joder", "una mierda", "putain", "foutage de gueule", "Scheiße",
  "Saftladen");
* ``EXASPERATION``: words of exasperation and giving up ("useless", "ridiculous",
  "waste of time", "I'm fed up", "are you even listening?", "inútil", "ridículo",
  "estoy harto", "une honte", "n'importe quoi", "j'en ai marre", "unmöglich",
  "Frechheit", "lächerlich", "mir reicht's"), and the angry and eye-rolling emoji;
* ``REPETITION``: complaints of having to repeat oneself ("this is the third time",
  "I already told you", "how many times", "ya te lo dije", "je vous l'ai déjà dit",
  "zum dritten Mal");
* ``RECURRENCE``: the weaker sign that a problem persists or comes back ("again",
  "still not working", "for weeks", "otra vez", "toujours pas", "schon wieder");
* ``DELIGHT``: positive words that turn a swear word into praise ("damn good",
  "holy shit that was fast", "de puta madre", "verdammt gut");
* ``EMPATHY`` and ``APOLOGIES`` (bot turns): the bot naming the customer's feeling
  ("I understand how frustrating this is", "entiendo su frustración", "je comprends
  votre agacement", "ich verstehe Ihren Ärger") or apologising for the trouble
  ("I'm sorry for the trouble", "lo siento mucho", "das tut mir leid").

``NEGATIVE_WORDS`` and ``POSITIVE_WORDS`` are the hand-curated sentiment words for
Spanish, French and German, where VADER (English only) does not apply.

Written from the general vocabulary of anger and exasperation in complaints and
support chats, not from any one data set. Fragments follow the conventions of
:mod:`auditor.language.patterns`: folded text (lower case, no accents; "ß" stays
"ß"), a space matches any run of whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from auditor.language.patterns import Lexicon

__all__ = [
    "ACRONYMS",
    "ALL_LANGUAGES",
    "APOLOGIES",
    "DELIGHT",
    "EMPATHY",
    "EXASPERATION",
    "INSULTS",
    "LANGUAGES",
    "NEGATIVE_WORDS",
    "POSITIVE_WORDS",
    "RECURRENCE",
    "REPETITION",
    "SHOUT_FUNCTION_WORDS",
]

LANGUAGES = ("en", "es", "fr", "de")
# The key under which each family keeps one lexicon of all four languages, for a
# conversation whose language is not one of them.
ALL_LANGUAGES = "*"

Fragments = Mapping[str, Sequence[str]]


def _per_language(kind: str, fragments: Fragments, *, reject_negated: bool = False
                  ) -> Mapping[str, Lexicon]:
    """One lexicon per language, and one of all languages under `ALL_LANGUAGES`."""
    lexicons = {language: Lexicon(kind, {language: fragments[language]},
                                  reject_negated=reject_negated)
                for language in fragments}
    lexicons[ALL_LANGUAGES] = Lexicon(kind, fragments, reject_negated=reject_negated)
    return MappingProxyType(lexicons)


# --- profanity and insults ---------------------------------------------------------

INSULTS = _per_language("insult", {
    "en": [r"f+u+c+k+\w*|f[*#@$]+k\w*|wtf+|ffs|stfu|fml",
           r"(?:bull ?)?sh[i1*]+t+\w*|crap(?:py)?|(?:god ?)?damn(?:ed|it)?|bloody"
           r"|bastards?|piss(?:ed|ing)?(?: off)?|screw (?:you|this|that|it)",
           r"what the (?:hell|heck)|the hell|hell no",
           r"idiots?|idiotic|morons?|moronic|stupid|dumb|clowns?|incompetent|imbeciles?",
           r"scam(?:mers?|ming)?|rip ?-?off|thie(?:f|ves)|liars?|garbage|trash|rubbish",
           r"(?:this|that|it|you|your \w+) sucks?|you suck"],
    "es": [r"jod(?:er|ido|ida|idos|idas|e)|mierda\w*|cono|hostias?|me cago en \w+"
           r"|put[oa]s?(?! madre)|cabron\w*|carajo|ching\w+|pinche|cojones|leches",
           r"gilipollas|idiotas?|imbeciles?|estupid[oa]s?|subnormales?|payasos"
           r"|sinverguenzas?|ladron(?:es)?|estaf\w+|timadores|timo|basura|porqueria"
           r"|una chapuza|que coño"],
    "fr": [r"putain|merde\w*|bordel|connards?|connasses?|conneries?|(?:bande de|quels?"
           r"|quelles?|espece de|sont|etes|c'est) cons?\b|foutage de gueule"
           r"|(?:vous vous|tu te|on se) fout(?:ez|s)? de (?:ma|notre) gueule"
           r"|(?:ca|ça) (?:me )?fait chier|fait chier|chiant\w*|je m'en fous",
           r"abrutis?|debiles?|cretins?|idiots?|imbeciles?|escrocs?|escroquerie|arnaque\w*"
           r"|voleurs?|guignols?|pourri\w*"],
    "de": [r"schei(?:ss|ß|s)e?\w*|verdammt\w*|verflucht\w*|(?:so ein|so ne|was fur ein|alles)"
           r" mist|mist(?= ?[.!]|$)|kacke|arsch\w*|dreck\w*|zum teufel",
           r"idioten?|vollidiot\w*|depp(?:en)?|trottel|betrug|betruger\w*|abzock\w*"
           r"|saftladen|bescheuert\w*|blod\w*|damlich\w*|verarsch\w*"],
}, reject_negated=True)

# --- exasperation ------------------------------------------------------------------

_ANGRY_EMOJI = "\U0001F621|\U0001F92C|\U0001F620|\U0001F624|\U0001F644|\U0001F44E|\U0001F595"

EXASPERATION = _per_language("exasperation", {
    "en": [_ANGRY_EMOJI,
           r"useless|pointless|hopeless|ridiculous|pathetic|absurd|unacceptable|outrageous"
           r"|disgrace(?:ful)?|shameful|shocking|appalling|laughable|a farce|a joke"
           r"|what a joke|a nightmare",
           r"(?:a )?waste of (?:my |our )?time|wasting (?:my|our) time",
           r"(?:the|your) worst|terrible service|awful service|horrible service",
           r"frustrat(?:ed|ing|ion)|infuriat(?:ed|ing)|annoy(?:ed|ing)|irritat(?:ed|ing)"
           r"|exasperat(?:ed|ing)|furious|livid|fuming|angry|outraged|(?:so|really|very"
           r"|extremely|deeply|beyond|bitterly) disappointed",
           r"fed up|sick (?:and tired )?of|tired of|had enough|enough is enough"
           r"|(?:losing|lost|out of) (?:my )?patience|at my wits'? end"
           r"|driving me (?:crazy|mad|insane|nuts|up the wall)|i give up|forget it"
           r"|don't bother|dont bother",
           r"are you (?:kidding|joking|serious)|you(?:'ve| have)? got to be kidding"
           r"|seriously ?\?|for (?:god's|gods|heaven's|christ's|pete's|crying out loud)(?: sake)?"
           r"|give me a break|unbelievable|(?:oh )?come on ?[.!?]|u+g+h+|a+r+g+h+|smh",
           r"are you (?:even |actually )?(?:listening|reading)|(?:you're|you are|your) not"
           r" (?:listening|reading|helping)|you (?:don't|do not|never) (?:understand|listen"
           r"|read)|(?:not|no) help(?:ful)?(?: at all)?|(?:that|this|it) makes no sense"
           r"|(?:doesn't|does not|don't) make (?:any )?sense|what is wrong with (?:you|this"
           r"|your)|do your (?:job|jobs)|(?:nobody|no one|noone) (?:helps|cares|answers"
           r"|responds|replies|listens)"],
    "es": [_ANGRY_EMOJI,
           r"inutil(?:es)?|ridicul[oa]s?|patetic[oa]s?|absurd[oa]s?|inaceptable|inadmisible"
           r"|indignante|vergonzoso|lamentable|pesim[oa]s?|de locos|vaya tela|que fastidio"
           r"|que rollo|que pesad(?:o|a|ez)|pesadez|frustra\w*|desesperante",
           r"(?:perdida|perder|perdiendo) (?:de |el |mi )?tiempo",
           r"(?:una|que|menuda|vaya) (?:verguenza|broma|pesadilla|chapuza|tomadura de pelo"
           r"|desastre)|es una verguenza|tomadura de pelo|(?:me|nos) estan? tomando el pelo"
           r"|cachondeo",
           r"el peor|la peor|los peores|harto|harta|hartos|hartas|hasta las narices"
           r"|hasta el gorro|ya basta|basta ya|me rindo|olvidalo|dejalo",
           r"(?:estoy|estamos|me tiene|me tienen) (?:muy |super |bastante )?(?:enfadad[oa]s?"
           r"|cabread[oa]s?|molest[oa]s?|indignad[oa]s?|furios[oa]s?|desesperad[oa]s?"
           r"|quemad[oa]s?)|me estoy (?:enfadando|cabreando|cansando)"
           r"|(?:perdiendo|pierdo|perdi) la paciencia",
           r"no tiene (?:ningun )?sentido|venga ya|anda ya|vamos,? hombre|(?:estas|estais) de"
           r" broma|en serio ?\?|no puede ser|no sirve(?:s|n)? (?:de|para) nada"
           r"|no (?:me )?ayuda(?:s|n)? (?:en )?nada|no entiendes nada|(?:me )?estas escuchando"
           r"|(?:lees|lee|leeis) lo que"
           r"|haced vuestro trabajo|haz tu trabajo|hagan su trabajo"
           r"|nadie (?:me )?(?:contesta|responde|ayuda|dice nada|hace nada)"],
    "fr": [_ANGRY_EMOJI,
           r"n'importe quoi|ridicules?|inadmissible|inacceptable|scandaleu\w*|honteu\w*"
           r"|lamentable|pathetique|pitoyable|minable|absurdes?|insupportable|penible"
           r"|exasper\w*|agac\w*|enerv\w*|frustr\w*|furieu\w*|en colere|decevant"
           r"|(?:tres|vraiment|profondement|tellement) decue?s?",
           r"(?:une|quelle) honte|c'est (?:une )?blague|c'est quoi ce (?:cirque|delire|service)"
           r"|c'est pas vrai|perte de temps|(?:je perds|on perd|perdre) (?:mon|notre) temps",
           r"(?:c'est|vous etes|tu es|completement|totalement|vraiment|bot|service|appli|site)"
           r" (?:nul|nulle|nuls|inutile)|inutile ?[.!]|le pire|la pire",
           r"j'en ai (?:vraiment )?(?:marre|assez|ras le bol)|ras[- ]le[- ]bol|ca suffit"
           r"|(?:je (?:commence a )?(?:perds|perdre)|perdre) patience|laissez tomber"
           r"|laisse tomber"
           r"|j'abandonne",
           r"(?:vous vous|tu te) moquez? de moi|on se moque de (?:moi|nous)"
           r"|(?:vous|tu) (?:m'ecoutez|m'ecoutes|lisez|lis) (?:ce que|vraiment|au moins)?"
           r"|faites votre (?:travail|boulot)|personne ne (?:repond|m'aide|me repond|me rappelle)"
           r"|serieusement ?\?|(?:ca|cela) n'a (?:aucun|pas de) sens|non mais (?:franchement"
           r"|serieusement|allo)|allons bon|(?:ca|cela) ne sert a rien|(?:vous|tu) ne"
           r" (?:comprenez|comprends) rien"],
    "de": [_ANGRY_EMOJI,
           r"lacherlich\w*|unmoglich(?!,? (?:\w+ ){0,4}\w*zu\w*\b)|frechheit|zumutung"
           r"|unverschamt\w*|inakzeptabel|nutzlos\w*|sinnlos|zeitverschwendung|skandal\w*|erbarmlich"
           r"|armselig|katastroph\w*|absurd|zum verzweifeln|(?:echt |total |so |wie )?"
           r"(?:argerlich|nervig|frustrierend)|nervt|genervt|frustriert|verargert|sauer|wutend"
           r"|(?:total |sehr |echt |maßlos |masslos )enttauscht",
           r"(?:die|ich habe die|hab die) nase voll|mir reicht'?s|mir reicht es|es reicht"
           r"|jetzt reicht'?s|(?:mir )?rei(?:ss|ß)t (?:langsam |gleich )?der geduldsfaden"
           r"|ich gebe auf|vergessen sie es|vergiss es|ich verliere (?:langsam |gleich )?die"
           r" geduld",
           r"(?:ergibt|macht) (?:doch |einfach |uberhaupt )?keinen sinn|ach komm|also bitte"
           r"|na toll|(?:sie verstehen|du verstehst) (?:ja |wohl |einfach |uberhaupt )?(?:gar )?"
           r"nichts",
           r"(?:ist|ein|ist doch ein|ist das ein|soll das ein) witz|das kann (?:doch )?nicht"
           r" (?:wahr )?sein|im ernst ?\?|(?:wollen|willst) (?:sie|du) mich (?:veraschen"
           r"|verappeln|verarschen|auf den arm nehmen)|(?:der|die|das) schlechtesten?\w*"
           r"|das bringt (?:doch )?nichts|(?:horen|hort) sie (?:mir )?(?:uberhaupt|eigentlich)"
           r" zu|(?:lesen|lest) sie (?:uberhaupt|eigentlich)|(?:machen|tun) sie (?:endlich )?"
           r"ihre (?:arbeit|job)|(?:keiner|niemand) (?:antwortet|hilft|meldet sich|reagiert)"],
}, reject_negated=True)

# --- repetition complaints ----------------------------------------------------------

_ORDINAL_EN = r"(?:second|third|fourth|fifth|sixth|tenth|umpteenth|nth|\d+(?:st|nd|rd|th))"
_TIMES_EN = r"(?:twice|three times|four times|five times|\d+ times|several times|many times" \
            r"|multiple times|so many times|a million times)"

REPETITION = _per_language("repetition", {
    "en": [rf"(?:the|this is the|it's the|its the|that's the|for the|for a) {_ORDINAL_EN} time",
           r"not the first time|how many (?:more )?times|again and again|over and over"
           r"|i keep (?:telling|asking|saying|explaining|repeating)",
           r"(?:i've|ive|i have|i) (?:already|just) (?:told|said|explained|gave|given|sent"
           r"|answered|provided|typed|written|wrote)(?: (?:you|it|this|that))?",
           rf"i (?:told|said|explained|gave) (?:you )?(?:(?:that|this|it) )?(?:already|before"
           rf"|{_TIMES_EN})",
           r"(?:as|like) i (?:said|told you|explained|already said)",
           rf"(?:asked|told you|said it|explained|called|written|emailed|messaged|contacted"
           rf" you|dm'?d you|chased) (?:(?:about )?(?:this|it) )?{_TIMES_EN}"],
    "es": [r"ya (?:te|se|os|les) lo (?:he )?(?:dije|dicho|explique|explicado|di|dado|mande"
           r"|mandado|envie|enviado|escribi|escrito|comente|comentado|repetido)",
           r"ya lo (?:he )?(?:dije|dicho|explique|explicado|escrito|puesto|descrito)",
           r"(?:te|se|os) lo (?:acabo|acabe) de (?:decir|dar|escribir|mandar|enviar)",
           r"(?:es|por|era) (?:la|el) (?:segunda|tercera|cuarta|quinta|enesima|\d+a?) vez"
           r"|(?:tercera|cuarta|quinta|enesima) vez|cuantas veces|una y otra vez"
           r"|no es la primera vez|otra vez lo mismo",
           r"(?:te|se|os) lo (?:he )?(?:dicho|repetido|explicado) (?:ya )?(?:mil|dos|tres|cuatro"
           r"|varias|muchas) veces|como ya (?:te|le|os) (?:dije|he dicho|explique)",
           r"(?:preguntado|dicho|explicado|llamado|escrito|mandado|enviado|descrito|confirmado)"
           r" (?:\w+ )?(?:dos|tres|cuatro|cinco|varias|muchas|mil|\d+) veces"],
    "fr": [r"je (?:vous|te) l'ai (?:deja )?(?:dit|explique|donne|envoye|ecrit|repete)"
           r"|je l'ai deja (?:dit|explique|donne|envoye|ecrit|decrit)"
           r"|je viens de (?:vous|te) (?:le|la|les) (?:dire|donner|envoyer|ecrire)",
           r"(?:c'est|pour|cest) la (?:deuxieme|seconde|troisieme|quatrieme|cinquieme|enieme"
           r"|\d+e|\d+eme) fois|(?:troisieme|quatrieme|cinquieme|enieme) fois"
           r"|ce n'est pas la premiere fois|combien de fois|encore et encore",
           r"comme je (?:vous |te )?l'ai (?:deja )?dit|je (?:vous )?le repete",
           r"(?:demande|dit|explique|appele|ecrit|envoye|relance|decrit|confirme)s? (?:\w+ )?"
           r"(?:deux|trois|quatre|cinq|plusieurs|mille|\d+) fois"],
    "de": [r"(?:das|die|den|es) (?:habe|hab) ich (?:ihnen |dir |euch )?(?:doch )?(?:schon"
           r" |bereits |gerade |eben )?(?:gesagt|geschrieben|erklart|mitgeteilt|gegeben"
           r"|genannt|geschickt|beschrieben)",
           r"(?:ich habe|hab) (?:es |das )?(?:ihnen |dir )?(?:doch )?(?:schon |bereits )?"
           r"(?:zweimal|dreimal|viermal|mehrmals|x-mal|zigmal|\d+ ?mal) (?:gesagt|geschrieben"
           r"|erklart|beschrieben|bestatigt|gefragt|angerufen)",
           r"zum (?:zweiten|dritten|vierten|funften|x-ten|n-ten|zigsten|wiederholten|\d+\.) mal"
           r"|wie oft (?:noch|soll|muss)|immer wieder|nicht zum ersten mal",
           r"wie ich (?:ihnen |dir )?(?:schon|bereits) (?:gesagt|geschrieben|erklart) habe"
           r"|schon (?:zweimal|dreimal|mehrmals|x-mal|zigmal|\d+ ?mal)"],
}, reject_negated=True)

# --- a problem that persists or recurs (a weaker sign) ------------------------------

RECURRENCE = _per_language("recurrence", {
    "en": [r"again(?! and again)(?! (?:for|with) (?:your|the) help)",
           r"still (?:not|no|nothing|hasn't|haven't|hasnt|havent|doesn't|doesnt|don't|isn't"
           r"|isnt|can't|cant|waiting|broken|down)",
           r"for (?:days|weeks|months|ages)|(?:days|weeks|months) (?:now|already)"
           r"|(?:over|more than) (?:a|an|one|two|three|four|\d+) (?:days?|weeks?|months?)",
           r"already (?:did|tried|checked|done) (?:that|this|it|everything|all)"],
    "es": [r"otra vez|de nuevo|sigo sin|seguimos sin|todavia (?:no|sin)|aun (?:no|sin)",
           r"desde hace (?:dias|semanas|meses|\d+)|llevo (?:\w+ )?(?:dias|semanas|meses|horas)"
           r"|han pasado \d+ (?:dias|semanas|meses)",
           r"ya lo (?:he )?(?:hecho|probado|comprobado|mirado|intentado|revisado)"
           r"|ya he (?:revisado|comprobado|mirado|probado) \w+"],
    "fr": [r"de nouveau|a nouveau|(?<!merci\s)encore une fois|(?:toujours|encore) (?:pas|rien"
           r"|en panne|en retard)|encore (?:ete )?(?:refusee?|echoue|plante|tombee?|annulee?)",
           r"depuis (?:des|plusieurs|\d+) (?:jours|semaines|mois|heures)"
           r"|(?:ca|cela) fait (?:\d+|deux|trois|quatre|une|plusieurs) (?:jours|semaines|mois)",
           r"je l'ai deja (?:fait|essaye|verifie)|j'ai (?:deja )?tout verifie"],
    "de": [r"schon wieder|wieder mal|erneut|immer noch (?:nicht|kein\w*|nichts)",
           r"seit (?:tagen|wochen|monaten|\d+ (?:tagen|wochen|monaten))",
           r"(?:das|es) (?:habe|hab) ich (?:doch )?(?:schon|bereits) (?:gemacht|versucht|gepruft"
           r"|probiert)|ich habe alles gepruft"],
})

# --- praise that a swear word only intensifies --------------------------------------

DELIGHT = _per_language("delight", {
    "en": [r"good|great|awesome|amazing|fast|quick|cool|nice|brilliant|excellent|perfect"
           r"|love|loved|lovely|beautiful|fantastic|incredible|impressive|helpful|easy"
           r"|yes|yeah|finally|works|worked"],
    "es": [r"bien|bueno|buena|genial|rapido|rapidisimo|increible|perfecto|excelente"
           r"|maravilla|guay|de puta madre|que bueno|funciona|por fin"],
    "fr": [r"bien|bon|bonne|genial|rapide|super|top|parfait|excellent|trop fort|incroyable"
           r"|marche|enfin|classe"],
    "de": [r"gut|super|toll|schnell|genial|geil|klasse|perfekt|cool|stark|endlich|klappt"
           r"|funktioniert"],
})

# --- a bot acknowledging the customer's feeling -------------------------------------

_TROUBLE_EN = (r"(?:the|this|that|all the|any|your|these) (?:trouble|inconvenience|frustration"
               r"|hassle|experience|wait|waiting|delay|delays|confusion|difficulties|problems?"
               r"|issues?|disruption|situation|mix-up|annoyance|repeated questions|bother)"
               r"|asking again|(?:the )?repeated questions|keeping you waiting")

# Empathy names the customer's feeling or grants that they are right; it counts even in
# a turn that is otherwise a did-not-understand fallback.
EMPATHY = _per_language("empathy", {
    "en": [r"(?:i|we) (?:completely |totally |fully |really |can )?(?:understand|see|know|get)"
           r" (?:how|why|that|your) (?:\w+ ){0,4}(?:frustrat\w*|annoy\w*|upset\w*|stressful"
           r"|disappoint\w*|angry|irritat\w*|inconvenien\w*|exasperat\w*)",
           r"(?:i|we) (?:completely |totally |fully |really )?understand (?:your|the)"
           r" (?:frustration|annoyance|concern|anger|disappointment|situation)",
           r"that (?:must|must have|would|sounds) (?:be |been )?(?:really |so |very )?"
           r"(?:frustrating|annoying|stressful|upsetting|infuriating|exasperating)",
           r"i hear you|you(?:'re| are) (?:absolutely |completely |quite )?right"
           r"|(?:it's|it is) (?:completely |totally )?understandable"
           r"|that's not the (?:experience|service) (?:we|you)"],
    "es": [r"(?:entiendo|comprendo|entendemos|comprendemos) (?:perfectamente |totalmente"
           r" |muy bien )?(?:su|tu|vuestro|vuestra) (?:frustracion|enfado|molestia|malestar"
           r"|preocupacion|indignacion|desesperacion)",
           r"(?:entiendo|comprendo) (?:perfectamente |totalmente )?(?:lo frustrante|lo molesto"
           r"|que (?:esto |esta situacion )?(?:sea|resulte|es) (?:muy |realmente )?(?:frustrante"
           r"|molest\w+))|es (?:totalmente |muy )?comprensible|tiene(?:s)? (?:toda la )?razon"],
    "fr": [r"je (?:comprends|comprend) (?:tout a fait |parfaitement |bien )?(?:votre|ta)"
           r" (?:agacement|frustration|colere|mecontentement|enervement|deception|exasperation"
           r"|inquietude|impatience)",
           r"(?:je comprends|nous comprenons) (?:tout a fait |parfaitement |bien )?que (?:\w+ )"
           r"{0,4}(?:agac|frustr|enerv|penible|exasper)\w*",
           r"c'est (?:tout a fait |parfaitement )?comprehensible"
           r"|vous avez (?:tout a fait )?raison"],
    "de": [r"ich verstehe (?:ihren|deinen|ihre|deine|euren) (?:arger|frust|frustration|unmut"
           r"|verargerung|enttauschung|sorge|ungeduld)",
           r"ich kann (?:ihren|ihre|deinen|deine) (?:arger|frust|frustration|unmut|verargerung"
           r"|enttauschung) (?:gut |absolut |vollkommen |sehr gut )?verstehen"
           r"|(?:ich|wir) (?:kann|konnen) (?:gut |absolut |vollkommen )?verstehen,? dass",
           r"(?:das ist|das war) (?:wirklich |naturlich )?(?:argerlich|arger\w*)"
           r"|sie haben (?:vollig |vollkommen |absolut )?recht|verstandlich,? dass"],
})

# An apology for the trouble; a canned "Sorry, I didn't understand" is a fallback, so an
# apology in a fallback turn does not count (see `find_acknowledgement`).
APOLOGIES = _per_language("apology", {
    "en": [r"(?:i'm|i am|we're|we are) (?:so |really |very |truly |terribly |sincerely )?sorry"
           rf" (?:for|about) (?:{_TROUBLE_EN})|sorry (?:for|about) (?:{_TROUBLE_EN})",
           r"(?:i'm|i am|we're|we are) (?:so|really|very|truly|terribly|sincerely) sorry"
           r"|(?:i'm|i am|we're|we are) sorry (?:to hear|you(?:'ve| have| are|'re)|that you"
           r"|we(?:'ve| have))|sorry to hear|(?:and|really|truly) (?:i'm|we're) sorry",
           r"(?:i|we) (?:sincerely |do )?apologi[sz]e|(?:my|our) (?:sincere )?apologies"],
    "es": [r"(?:lo )?(?:siento|sentimos|lamento|lamentamos) (?:muchisimo|mucho|de verdad"
           r"|sinceramente)|(?:lo )?(?:siento|sentimos|lamento|lamentamos) (?:mucho )?(?:las"
           r" molestias|el inconveniente|los inconvenientes|la espera|el retraso|lo ocurrido"
           r"|lo sucedido|la situacion|la confusion|que)",
           r"(?:disculpa|disculpe|disculpad|perdon|perdona|perdone) (?:por )?(?:las molestias"
           r"|el inconveniente|la espera|el retraso|la confusion|volver)",
           r"(?:te |le |os |les )?pido disculpas|(?:mis|nuestras) (?:sinceras )?disculpas"
           r"|(?:te|le|os) pedimos disculpas"],
    "fr": [r"(?:je suis|nous sommes) (?:vraiment |sincerement |tres |profondement )?(?:desolee?s?"
           r"|navree?s?)",
           r"(?:desolee?s?|navree?s?) (?:pour|de|du|des) (?:le |la |ce |cette |les |l')?"
           r"(?:desagrement|gene|attente|probleme|situation|inconvenient|retard|confusion"
           r"|l'apprendre|vous l'avoir)",
           r"(?:toutes )?(?:nos|mes) (?:plus sinceres )?excuses|(?:je vous|nous vous)"
           r" (?:presente|presentons|prie|prions) (?:de )?(?:mes|nos|m'|nous)? ?excuses?"
           r"|veuillez (?:nous|m') excuser|(?:je m'|nous nous) excus\w+"],
    "de": [r"(?:das|es) tut (?:mir|uns) (?:sehr |wirklich |aufrichtig |echt |so )?leid",
           r"(?:die|der|das) \w+ tut (?:mir|uns) (?:sehr |wirklich )?leid",
           r"(?:entschuldigen sie|entschuldige|bitte entschuldigen sie)(?: bitte)? (?:die|den"
           r"|das|uns|mich)|(?:wir|ich) entschuldigen? (?:uns|mich)|entschuldigung (?:fur|wegen)"
           r" (?:die|den|das)"],
})

# --- sentiment words where VADER does not apply -------------------------------------

NEGATIVE_WORDS: Mapping[str, Lexicon] = MappingProxyType({
    "es": Lexicon("negative", {"es": [
        r"mal[oa]s?|pesim[oa]s?|horrible\w*|terrible\w*|fatal|desastr\w+|peor(?:es)?"
        r"|lamentable|decepcion\w*|decepcionad[oa]s?|molest[oa]s?|enfadad[oa]s?|cabread[oa]s?"
        r"|furios[oa]s?|triste|asco|odio|verguenza|inutil(?:es)?|ridicul[oa]s?|harto|harta"
        r"|nunca|nadie|error(?:es)?|problemas?|queja"]}, reject_negated=True),
    "fr": Lexicon("negative", {"fr": [
        r"mauvaise?s?|nul(?:le)?s?|horrible\w*|terrible\w*|catastroph\w*|pire|decue?s?"
        r"|deception|enerve\w*|fache\w*|furieu\w*|colere|triste|honte|lamentable|deplorable"
        r"|inadmissible|insupportable|marre|inutile|ridicule|jamais|personne|erreur|probleme"
        r"|plainte"]}, reject_negated=True),
    "de": Lexicon("negative", {"de": [
        r"schlecht\w*|schlimm\w*|furchtbar\w*|schrecklich\w*|katastroph\w*|enttausch\w*"
        r"|argerlich|verargert|sauer|wutend|traurig|miserabel|mies|mist|arger|nutzlos"
        r"|lacherlich|nie|niemand|fehler|problem\w*|beschwerde"]}, reject_negated=True),
})

POSITIVE_WORDS: Mapping[str, Lexicon] = MappingProxyType({
    "es": Lexicon("positive", {"es": [
        r"gracias|genial|perfecto|excelente|estupendo|encantad[oa]|maravill\w+|fenomenal"
        r"|de lujo|guay|alegra|feliz|mejores|buenisimo|buen[oa]|muy bien|increible"
        r"|fantastic[oa]|de puta madre"
        r"|salvado"]}, reject_negated=True),
    "fr": Lexicon("positive", {"fr": [
        r"merci|genial|parfait|super|excellent\w*|ravie?s?|top|formidable|meilleurs?"
        r"|content\w*|heureu\w*|bravo|incroyable|sauve|tres bien|trop bien|vachement bien"
        r"|bien joue"]},
        reject_negated=True),
    "de": Lexicon("positive", {"de": [
        r"dank(?:e\w*)?|gut|super|toll\w*|prima|klasse|perfekt|gro(?:ß|ss)artig|hervorragend"
        r"|genial"
        r"|geil|freue?\w*|besten?|spitze|wunderbar|gerettet|lob"]}, reject_negated=True),
})

# --- shouting ----------------------------------------------------------------------

# Acronyms and codes written in capitals by polite customers: a run of these is not
# shouting ("my UPS PIN", "the AI assistant", "EE. UU.").
ACRONYMS = frozenset("""
    AI IA KI ID PIN PUK UPS DHL DPD GLS USPS TNT SMS MMS OTP IBAN BIC SWIFT PDF URL USB TV PC
    SIM IMEI VPN ATM ABM IVA DNI NIE NIF CIF TVA RIB SNCF EDF CB TTC HT MWST GMBH AG SA SL
    SAS SARL DSL LTE NFC GPS HD LED LCD OLED API CEO HR VAT USA US UK EU EE UU ES FR DE NY
    CA OK FAQ HTTP HTTPS ASAP ETA WAN LAN WLAN WIFI WPS HP IBM BMW VW ABS SUV RSVP PS XL XXL
    IT CV MB GB KB TB FAC INV RE NB PS BBB FTC CFPB OCU DGCCRF AM PM UTC CET CEST EST PST
    ABC BBC CNN VIP IVR DM PM ICU NHS GP ER SOS QR EC GOV
""".split())

# Small words that make a run of capitals a sentence rather than a name: "WHERE IS MY
# ORDER" shouts, "NETGEAR NIGHTHAWK" names a product.
SHOUT_FUNCTION_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": frozenset("""I YOU ME MY YOUR WE OUR IS ARE WAS WERE THE A AN THIS THAT NOT NO NOW
        WHY WHERE WHAT WHO WHEN HOW DO DOES DID DONT DON'T CANT CAN'T WONT WON'T HAVE HAS
        HAD ALREADY AGAIN STILL AND OR BUT TO OF FOR IN ON AT WITH JUST STOP PLEASE ANY
        NOTHING NOBODY ANYONE EVER NEVER""".split()),
    "es": frozenset("""YO TU TÚ ME MI MIS TE SU SE NO YA ES ESTO ESO ESTA ESTÁ EL LA LOS LAS
        UN UNA QUE QUÉ POR PARA CON DE DEL Y O PERO NADA NADIE NUNCA OTRA VEZ AHORA LO LE HE
        HA SI SÍ""".split()),
    "fr": frozenset("""JE J'AI TU VOUS ME MON MA MES LE LA LES UN UNE DE DU DES EST C'EST
        NE PAS RIEN PERSONNE JAMAIS ET OU MAIS POUR AVEC QUE QUI QUOI DÉJÀ DEJA ENCORE
        TOUJOURS L'ADRESSE L'AI""".split()),
    "de": frozenset("""ICH DU SIE MIR MICH MEIN MEINE IHR IHRE DAS DER DIE DEN IST NICHT KEIN
        KEINE UND ODER ABER ZU MIT FÜR FUR SCHON WIEDER NOCH NIE JETZT ES EIN EINE HABE WO
        WARUM WAS WIE BITTE DOCH""".split()),
})
