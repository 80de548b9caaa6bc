"""Lexicons for a customer asking whether they are talking to a bot or a human.

The grammar crosses question frames with identity nouns:

* frames addressing the other party: "are you ...", "is this ...", "am I talking
  to ...", "is there a real person ...", indirect "I wonder if you're ...", tag
  questions "you're a bot, aren't you?";
* identity nouns for a machine (bot, AI, computer, automated system...) or a
  human (person, human being, live agent...), with optional determiners and
  adjectives ("a real live person", "some kind of AI").

Content words tolerate chat typos (see :func:`~auditor.language.patterns.typo_tolerant`)
and the short function words have their texting spellings ("r u", "ur", "im").
Frames that name a third party ("is your boss a robot?"), the customer ("am I a
person?") or things in general ("can robots think?") are deliberately absent, as
are requests ("let me talk to a person"), which are escalation cues, not questions
about identity. Statements such as "you sound like a robot" are not questions and
are not matched; a declarative with a question mark ("you're a bot?") is.

The same identity nouns read a short answer to the question: which side a
question offers (``MACHINE_MENTIONS``, ``HUMAN_MENTIONS``: "a person or a
computer?"), an answer that names one side ("Computer.", "Not a person",
``MACHINE_CHOICES``, ``HUMAN_CHOICES``), picks by position ("The latter",
``FIRST_CHOICES``, ``LAST_CHOICES``) or answers yes or no (``AFFIRMATIONS``,
``DENIALS``). Which side such an answer takes depends on the question, which is
:mod:`auditor.language.disclosure`'s business.
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon
from auditor.language.patterns import typo_tolerant as _t

__all__ = [
    "AFFIRMATIONS",
    "AMBIGUOUS_BOT_QUESTIONS",
    "CLEAR_BOT_QUESTIONS",
    "DENIALS",
    "FIRST_CHOICES",
    "HUMAN_CHOICES",
    "HUMAN_MENTIONS",
    "LAST_CHOICES",
    "MACHINE_CHOICES",
    "MACHINE_MENTIONS",
]

# --- English building blocks ---------------------------------------------------

_YOU = r"(?:you|u|yu|yuo|yoy|ya|ypu|yiu|yoi|uou|thou|y'all|you guys)"
_ARE = r"(?:are|r|ar|aer|rae|re|arre)"
_ARE_YOU = rf"(?:{_ARE} {_YOU}|ru|areyou|aryou|areu|aru|arent {_YOU}|aren't {_YOU}|r{_YOU})"
# "you're" and its texting spellings. "your"/"ur" stand for "you're" only before an
# article or adverb ("your a bot?"), never before a noun ("your human agent?").
_YOU_ARE_FULL = r"(?:you're|youre|you are|you r|u r|u are|ure)"
_YOU_ARE = (
    rf"(?:{_YOU_ARE_FULL}|(?:your|ur|yr)(?= (?:an?|not|definitely|really|actually|even|just)\b)"
    r"|u|you)"
)
_I_AM = r"(?:i'm|im|i am|am i|i'am|m i|i m)"
_ADVERB = (
    rf"(?:(?:{_t('really')}|{_t('actually')}|even|just|truly|honestly|in fact|perhaps|maybe"
    r"|possibly|secretly|now|still|also|by any chance|currently|right now|definitely|certainly"
    r"|surely|probably|seriously) ){0,2}"
)
_NOT = rf"{_ADVERB}(?:(?:not|n't|ain't|aint|aren't|arent) )?"
_DET = (
    r"(?:(?:an?|the|one|some|some kind of|some sort of|a kind of|kind of|sort of|like an?) ){0,2}"
)
_ADJ = (
    r"(?:(?:real|reel|actual|live|living|genuine|fake|automated|automatic|computer|computerized"
    r"|virtual|artificial|human|stupid|dumb|damn|goddamn|god damn|bloody|fucking|freaking"
    r"|frickin|effing|talking|chat|customer|service|support|online|smart|little|ai"
    r"|real life|real-life) ){0,2}"
)

_MACHINE_WORDS = (
    r"(?:ro)?bots?|chat ?bots?|ai|a\.i\.?|a i|artificial intelligence|machines?|computers?"
    r"|(?:computer )?programs?|software|automated(?: \w+)?|automaton|android|droid"
    r"|algorithm|(?:virtual|digital|ai) (?:assistant|agent)|(?:large )?language model|llm"
    r"|chat ?gpt|gpt(?:-?\d)?|siri|alexa|cortana|google assistant|script|recording"
    r"|recorded (?:message|voice)|answering machine|auto ?(?:reply|responder|response)"
    r"|computerized|artificial|robotic|machine generated|computer generated"
)
_HUMAN_NOUNS_EN = (
    r"humans?(?: beings?)?|persons?|people|someone real|somebody real|live agent|human agent"
    r"|real agent|live person|living person|flesh and blood|sentient being|human operator"
    r"|homo sapiens?"
)
# Asking whether the other party is a guy, a girl or a woman presupposes a person,
# so gendered nouns count as human identity nouns in a question. An answer that
# opens with one is not a choice: "Man, that's a tough one."
_HUMAN_WORDS = rf"{_HUMAN_NOUNS_EN}|man|woman|guy|girl|boy|lady|dude|gal|gentleman|male|female"
_TYPO_NOUNS = "|".join(
    _t(word)
    for word in (
        "human person robot computer machine chatbot artificial intelligence automated program"
        " people"
    ).split()
)
_IDENTITY = rf"(?:{_MACHINE_WORDS}|{_HUMAN_WORDS}|{_TYPO_NOUNS})"
_MACHINE = rf"(?:{_MACHINE_WORDS}|{_t('robot')}|{_t('computer')}|{_t('machine')}|{_t('chatbot')})"
_HUMAN = rf"(?:{_HUMAN_WORDS}|{_t('human')}|{_t('person')}|{_t('people')})"

# The identity phrase: "a real live person", "some kind of AI", "a human or a bot".
_NOUN_PHRASE = rf"{_DET}{_ADJ}{_IDENTITY}"
_NOUN_PHRASE_OR = rf"{_NOUN_PHRASE}(?:,? or (?:{_ARE_YOU} )?{_NOUN_PHRASE})?"
# "a robot fan", "a boy robot": English compounds are head-final, so an identity
# noun followed by another noun only modifies it ("are you a boy robot or a girl
# robot?" presupposes a robot and asks about something else).
_NOT_A_COMPOUND = (
    r"(?! (?:(?:ro)?bots?|machines?|androids?|fans?|lovers?|experts?|enthusiasts?|engineers?"
    r"|builders?|makers?|company|toys?"
    r"|kits?|movies?|films?|vacuums?|arms?|dogs?|cats?|parts?|like me|of (?!some (?:sort|kind))"
    r"|in|at|for|named|called|too much|resources|scientists?|science|programmers?"
    r"|estate)(?!\w))"
)

_CONVERSING = "|".join(
    _t(verb)
    for verb in (
        "talking speaking chatting texting communicating interacting conversing dealing"
        " messaging corresponding writing typing"
    ).split()
)
_CONVERSE = rf"(?:{_CONVERSING}|talkin|speakin|chattin|talk|speak|chat|text|communicate|interact)"
_TO_WITH = r"(?:to|with|w|wit|too|2)"
# What "is ... a bot?" may be asked about: the conversation, its messages, the agent.
_THIS = (
    r"(?:this|it|that|thsi|tihs|dis|thiss|this chat|this conversation|this service|this thing"
    r"|this reply|this response|this answer|this message|these (?:replies|responses|answers"
    r"|messages)|this support|this line|the chat|the person|the agent|whoever)"
)
_IS = r"(?:is|iz|s|are)"
_PRESENCE = (
    r"(?:there|here|on the other (?:end|side)|at the other end|on the line|behind (?:this|the"
    r" screen|the computer|it)|reading(?: this| these| my \w+)?|typing|writing|answering|responding"
    r"|replying|talking|chatting|actually there|on the other end of (?:this|the) (?:chat|line))"
)
_SOMEONE = r"(?:someone|somebody|anyone|anybody|a person|a human|a real person|people)"

_CLEAR_EN = (
    # "are you a bot", "r u a real person", "are you human or a machine"
    rf"{_ARE_YOU} {_NOT}{_ADVERB}{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}",
    # "am I talking to a human", "do I speak with a machine", "im chatting with a bot?"
    # "how do I speak with a person?" asks for a way to reach one, not who is answering.
    rf"(?:{_I_AM}|(?<!how\s)(?<!where\s)(?<!why\s)do i|are we|will i be|have i been|was i)"
    rf" {_ADVERB}(?:{_CONVERSE})"
    rf" {_TO_WITH} {_ADVERB}{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}",
    # "is this a bot", "is this automated", "is it a real person or a robot"
    rf"{_IS} {_THIS} {_ADVERB}(?:being )?(?:run by |done by |written by |from |with |by )?"
    rf"{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}",
    # "is there a real person on the other end", "is a human reading this"
    # "anyone there" without "real" or a human noun is only an ambiguous prompt.
    rf"(?:is|iz|are) (?:there )?(?:an? |some |any )?(?:(?:real|actual|live|living) )?"
    rf"(?:{_HUMAN}|{_MACHINE}|(?:someone|somebody|anyone|anybody) real) {_PRESENCE}",
    rf"(?:does|do|will|did|can|would) (?:an? )?(?:(?:real|actual|live) )?(?:{_HUMAN}|{_MACHINE})"
    r" (?:read|see|answer|write|type|reply to|respond to|look at) (?:this|these|that|my|me)",
    rf"(?:did|does|do) {_SOMEONE} (?:real )?(?:read|see|answer|write|type|reply to) (?:this|that)",
    # "human or bot?", "person or AI, which are you?"
    rf"(?:^|(?<=[.!?,:;]) ?)(?:an? )?{_ADJ}(?:{_HUMAN}|{_MACHINE}),? or (?:an? )?{_ADJ}"
    rf"(?:{_MACHINE}|{_HUMAN}|not)\s*(?:\?|,? ?(?:which|what) (?:are|r) (?:you|u)|$)",
    # "you're a bot, aren't you?", "you're not human, are you?", "u a robot?",
    # "you're a chatbot right": a declarative made a question by a tag or a "?".
    rf"{_YOU_ARE} {_NOT}{_ADVERB}{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}"
    r"(?:,? ?(?:(?:are|aren't|arent|r) (?:you|u)|right|huh|eh|correct|innit|isn't it|yes or no"
    r"|or what|or not|yeah|no)(?:\s*\?|(?!\w))|\s*\?)",
    # "i love chatting with humans. are you one?": "one" refers back to the noun.
    rf"{_IDENTITY}(?:s|es)?\b[^?]{{0,80}}?[.!?,;]\s*(?:{_ARE_YOU}|{_YOU_ARE}) {_NOT}"
    r"(?:one|one of (?:them|those|these|us))(?!\w)",
    # "i wonder if you're a bot", "tell me whether I'm talking to a human"
    r"(?:know|wonder(?:ing)?|tell me|ask(?:ing)?|curious|sure|confirm|check(?:ing)?|clarify"
    r"|question|honest|doubt|idea|unsure|understand|guess|admit|prove|say)(?: \w+){0,3}?"
    rf" (?:if|whether|that)? ?(?:{_YOU_ARE_FULL}|{_I_AM} {_CONVERSE} {_TO_WITH}|this is|it's"
    rf"|its) {_NOT}{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}",
    # "can you (t)ell me if you are a digital assistant"
    rf"me (?:if|whether) (?:{_YOU_ARE_FULL}|{_I_AM} {_CONVERSE} {_TO_WITH}|this is|it's|its)"
    rf" {_NOT}{_NOUN_PHRASE_OR}{_NOT_A_COMPOUND}",
    # "what are you, a bot?"
    rf"(?:what|who) {_ARE} {_YOU}\s*[,?]?\s*{_DET}{_ADJ}{_IDENTITY}",
)

_AMBIGUOUS_EN = (
    rf"(?:who|what) {_ARE} {_YOU}(?: (?:really|exactly|actually|even))?(?=\s*(?:[?.!]|$))",
    # "are you real?" may ask about being human or about existing at all.
    rf"{_ARE_YOU} {_ADVERB}(?:real|reel|for real)(?=\s*(?:[?.!,;]|$))",
    rf"(?:who|what) (?:am i|are we) {_CONVERSE} {_TO_WITH}",
    r"who(?:'s| is) (?:this|there|on the other end|typing|writing|answering|responding)"
    r"(?=\s*(?:[?.!]|$))",
    r"(?:is )?(?:anyone|anybody|someone|somebody) (?:there|here|on the other end|reading"
    r"(?: this)?)(?=\s*(?:[?.!]|$))",
)

# --- Spanish, French, German ---------------------------------------------------

_MACHINE_ES = (
    r"(?:ro)?bot|chatbot|maquina|ia|inteligencia artificial"
    r"|programa(?: de ordenador| de computadora| informatico)?"
    r"|computadora|ordenador|asistente virtual|contestador automatico|automatizado"
)
_HUMAN_ES = r"humano|humana|persona(?: real| de verdad)?|ser humano"
_IDENTITY_ES = rf"(?:(?:un|una) )?(?:{_MACHINE_ES}|{_HUMAN_ES})"
_CLEAR_ES = (
    rf"(?:eres|sos|es usted|usted es|tu eres|eres tu) (?:realmente |de verdad )?{_IDENTITY_ES}",
    r"(?:estoy|estamos) (?:hablando|chateando|conversando|escribiendo|tratando) con "
    rf"(?:alguien real|{_IDENTITY_ES})",
    rf"hablo con {_IDENTITY_ES}",
    rf"(?:es esto|esto es|este chat es|es este chat) {_IDENTITY_ES}",
    r"hay (?:una persona|un humano|alguien)(?: real)? (?:ahi|del otro lado|detras|leyendo)",
    r"(?:persona|humano|humana) o (?:bot|robot|maquina|ia)",
)
_MACHINE_FR = (
    r"(?:ro)?bot|chatbot|machine|ia|intelligence artificielle|programme|ordinateur|automatise"
)
_HUMAN_FR = r"humain|humaine|(?:vraie )?personne(?: reelle)?|etre humain"
_IDENTITY_FR = rf"(?:(?:un|une) )?(?:{_MACHINE_FR}|{_HUMAN_FR})"
_CLEAR_FR = (
    r"(?:tu es|t'es|es-tu|es tu|vous etes|etes-vous|etes vous|est-ce que (?:tu es|t'es"
    rf"|vous etes)) (?:vraiment )?{_IDENTITY_FR}",
    r"(?:est-ce que )?(?:je parle|je discute|je communique|je chatte|suis-je en train de parler"
    rf"|je suis en train de parler) (?:a|avec) (?:quelqu'un de reel|{_IDENTITY_FR})",
    rf"(?:c'est|est-ce) {_IDENTITY_FR}(?=\s*\?)",
    r"il y a (?:un humain|une (?:vraie )?personne|quelqu'un)(?: de reel)? (?:derriere|en face"
    r"|de l'autre cote)",
)
_MACHINE_DE = (
    r"bot|roboter|chatbot|ki|kunstliche intelligenz|maschine|computer|programm|automat"
    r"|automatisiert"
)
_HUMAN_DE = r"mensch|menschen|person"
_IDENTITY_DE = (
    r"(?:(?:ein|eine|einem|einer) )?(?:(?:echter|echte|echten|richtiger|richtigen) )?"
    rf"(?:{_MACHINE_DE}|{_HUMAN_DE})"
)
_CLEAR_DE = (
    rf"(?:bist du|sind sie|du bist|sie sind) (?:wirklich |eigentlich )?{_IDENTITY_DE}",
    r"(?:spreche|rede|chatte|schreibe|kommuniziere) ich (?:gerade |hier )?mit "
    rf"{_IDENTITY_DE}",
    rf"ist (?:das|dies) (?:hier )?{_IDENTITY_DE}",
    r"ist da (?:ein mensch|eine (?:echte )?person|jemand echtes)",
)
# "Real" questions ("¿eres real?", "tu es réel ?", "bist du echt?") are ambiguous
# in every language, as "are you real?" is in English; "is it real?" is not asked
# of the other party at all.
_AMBIGUOUS_OTHER = {
    "es": (
        r"(?:eres|es usted) (?:real|de verdad)(?=\s*(?:[?.!]|$))",
        r"quien (?:eres|es usted|es)(?=\s*\?)",
        r"hay alguien(?: ahi)?(?=\s*\?)",
        r"con quien (?:hablo|estoy hablando)",
    ),
    "fr": (
        r"(?:tu es|t'es|es-tu|vous etes|etes-vous) (?:reel|reelle)(?=\s*(?:[?.!]|$))",
        r"qui (?:es-tu|etes-vous|es tu|etes vous)|t'es qui|vous etes qui",
        r"il y a quelqu'un(?=\s*\?)",
        r"a qui (?:je parle|est-ce que je parle)",
    ),
    "de": (
        r"(?:bist du|sind sie) (?:wirklich )?echt(?=\s*(?:[?.!]|$))",
        r"wer (?:bist du|sind sie)",
        r"ist da jemand(?=\s*\?)",
        r"mit wem (?:spreche|rede) ich",
    ),
}

CLEAR_BOT_QUESTIONS = Lexicon(
    kind="clear",
    fragments={"en": _CLEAR_EN, "es": _CLEAR_ES, "fr": _CLEAR_FR, "de": _CLEAR_DE},
)
AMBIGUOUS_BOT_QUESTIONS = Lexicon(
    kind="ambiguous",
    fragments={"en": _AMBIGUOUS_EN, **_AMBIGUOUS_OTHER},
)

# --- what the question offers, and which offer a short answer takes --------------

# Identity nouns by side, for reading which alternatives a question offers ("a
# person or a computer?") and which one an answer names ("Computer.").
# An answer names itself without the gendered nouns (see `_HUMAN_WORDS`).
_MACHINE_NOUNS = {"en": _MACHINE, "es": _MACHINE_ES, "fr": _MACHINE_FR, "de": _MACHINE_DE}
_HUMAN_NOUNS = {"en": _HUMAN, "es": _HUMAN_ES, "fr": _HUMAN_FR, "de": _HUMAN_DE}
_HUMAN_SELF_NOUNS = {**_HUMAN_NOUNS, "en": rf"{_HUMAN_NOUNS_EN}|{_t('human')}|{_t('person')}"}

MACHINE_MENTIONS = Lexicon(
    kind="machine",
    fragments={lang: (rf"(?:{noun})",) for lang, noun in _MACHINE_NOUNS.items()},
    reject_quoted=False,
)
HUMAN_MENTIONS = Lexicon(
    kind="human",
    fragments={lang: (rf"(?:{noun})",) for lang, noun in _HUMAN_NOUNS.items()},
    reject_quoted=False,
)

# A short answer opens the reply, after interjections ("Ha,", "lol", "Pues") or a
# yes/no particle set off by punctuation ("No, a computer"; but "No real person"
# negates its noun), and ends its clause: "Computer." or "A machine, yes", never
# "Computer systems are down".
_LEADS = {
    "en": r"oh|ah|ha|hah|haha|hahaha|heh|lol|hmm|um|uh|well|so|honestly|definitely|certainly"
    r"|obviously|clearly|technically|actually|basically|mostly|probably",
    "es": r"ah|oh|ja|jaja|jajaja|jeje|pues|bueno|vaya|sinceramente|claramente|definitivamente"
    r"|obviamente|evidentemente|tecnicamente|mas bien",
    "fr": r"ah|oh|ha|haha|bon|eh bien|ben|alors|franchement|clairement|evidemment"
    r"|techniquement|plutot|disons",
    "de": r"ah|oh|haha|naja|na ja|also|tja|ehrlich gesagt|eindeutig|definitiv|offensichtlich"
    r"|eher|klar|wohl",
}
_YES_NO_LEADS = {
    "en": r"yes|yep|yeah|yup|no|nope|nah",
    "es": r"si|no|nop",
    "fr": r"oui|ouais|non|nan",
    "de": r"ja|nein|nee",
}
_ANSWER_DET = {
    "en": r"(?:(?:a|an|the|just a|just an|only a|only an|more of a|more like a) )?",
    "es": r"(?:(?:un|una|el|la|con un|con una|con el|con la|solo un|solo una) )?",
    "fr": r"(?:(?:un|une|le|la|a un|a une|avec un|avec une|juste un|juste une|plutot un"
    r"|plutot une) |l'|a l')?",
    "de": r"(?:(?:ein|eine|einem|einer|einen|mit einem|mit einer|der|die|das|nur ein"
    r"|nur eine) )?",
}
_ANSWER_ADJ = {
    "en": r"(?:(?:real|actual|live|living|genuine|true|simple|friendly|humble|regular) )?",
    "es": "",
    "fr": r"(?:(?:vrai|vraie|veritable|simple) )?",
    "de": r"(?:(?:echter|echte|echten|echtem|richtiger|richtige|richtigen|einfacher"
    r"|einfache) )?",
}
_NEGATOR = {"en": r"not|no", "es": r"no|ni", "fr": r"pas|non|ni", "de": r"nicht|kein|keine"}
# A question mark after the word echoes the question ("Robot? Me?"), it does not answer.
_CLAUSE_END = r"(?=\s*(?:[^\w\s?]|$))"


def _answer_start(lang: str) -> str:
    return rf"^[^\w]*(?:(?:{_LEADS[lang]})[^\w]+|(?:{_YES_NO_LEADS[lang]})\s*[^\w\s]+\s*)*"


def _noun_choice(lang: str, own: str, other: str) -> str:
    """An answer naming ``own`` ("A computer") or denying ``other`` ("Not a person")."""
    det, adj = _ANSWER_DET[lang], _ANSWER_ADJ[lang]
    return (
        rf"{_answer_start(lang)}(?:{det}{adj}(?:{own})|(?:{_NEGATOR[lang]}) {det}{adj}(?:{other}))"
        rf"{_CLAUSE_END}"
    )


MACHINE_CHOICES = Lexicon(
    kind="machine",
    fragments={
        lang: (_noun_choice(lang, _MACHINE_NOUNS[lang], _HUMAN_SELF_NOUNS[lang]),)
        for lang in _MACHINE_NOUNS
    },
    reject_quoted=False,
)
HUMAN_CHOICES = Lexicon(
    kind="human",
    fragments={
        lang: (_noun_choice(lang, _HUMAN_SELF_NOUNS[lang], _MACHINE_NOUNS[lang]),)
        for lang in _MACHINE_NOUNS
    },
    reject_quoted=False,
)

_FIRST = {
    "en": r"(?:the )?(?:former|first(?: one| option)?|1st(?: one)?)|option (?:one|1|a)",
    "es": r"(?:lo |el |la )?(?:primero|primera)(?: opcion)?",
    "fr": r"(?:le |la )?(?:premier|premiere)(?: option| proposition| choix)?",
    "de": r"(?:das |der |die )?(?:ersteres|erstere|erste)(?: option| moglichkeit| variante)?",
}
_LAST = {
    "en": r"(?:the )?(?:latter|second(?: one| option)?|last(?: one| option)?|2nd(?: one)?)"
    r"|option (?:two|2|b)",
    "es": r"(?:lo |el |la |esto |este |esta )?(?:segundo|segunda|ultimo|ultima)(?: opcion)?",
    "fr": r"(?:le |la |ce |cette )?(?:second|seconde|deuxieme|dernier|derniere)"
    r"(?: option| proposition| choix)?",
    "de": r"(?:das |der |die )?(?:letzteres|letztere|zweite|zweiteres|letzte)"
    r"(?: option| moglichkeit| variante)?",
}

# "The former" and "the latter" take the first and the last alternative offered.
FIRST_CHOICES = Lexicon(
    kind="first",
    fragments={lang: (rf"{_answer_start(lang)}(?:{words}){_CLAUSE_END}",)
               for lang, words in _FIRST.items()},
    reject_quoted=False,
)
LAST_CHOICES = Lexicon(
    kind="last",
    fragments={lang: (rf"{_answer_start(lang)}(?:{words}){_CLAUSE_END}",)
               for lang, words in _LAST.items()},
    reject_quoted=False,
)

# Yes and no, standing alone at the start of the answer ("Yes.", "Nope!", "Ja, bin
# ich."): "No worries" and "Si quieres" are not answers. "Of course", "claro",
# "natürlich" and "bien sûr" are left out: they usually mean "sure, I'll help".
_YES = {
    "en": r"yes|yep|yeah|yup|yea|aye|yes i am|yes it is|correct|exactly|indeed|affirmative"
    r"|that's right|that is right|that's correct|that is correct|you got me|you caught me"
    r"|got me|caught me|guilty as charged|i am|i am indeed|i sure am|sure am|it is"
    r"|it sure is|that's me|afraid so|i'm afraid so|spot on|bingo|you bet"
    r"|you guessed (?:it|right)|right you are",
    "es": r"si|sip|efectivamente|correcto|exacto|exactamente|asi es|en efecto|lo soy|eso es"
    r"|cierto|me pillaste|me has pillado|me descubriste|me has descubierto|afirmativo|pues si"
    r"|claro que si|si,? lo soy",
    "fr": r"oui|ouais|ouaip|exact|exactement|c'est exact|c'est ca|c'est bien ca|c'est bien moi"
    r"|tout a fait|en effet|effectivement|je le suis|bien vu|gagne|affirmatif|bien sur que oui"
    r"|eh oui|et oui|(?:vous m'avez|tu m'as) (?:eu|eue|demasque|demasquee|grille|grillee)",
    "de": r"ja|jap|jep|jawohl|genau|richtig|stimmt|korrekt|exakt|bin ich|das bin ich"
    r"|ja,? bin ich|so ist es|erwischt|ertappt|allerdings|in der tat|zutreffend|sehr richtig"
    r"|ganz genau",
}
_NO = {
    "en": r"no|nope|nah|nay|not at all|not really|not quite|no way|of course not"
    r"|certainly not|definitely not|i'm not|i am not|afraid not|i'm afraid not|negative"
    r"|not me|not exactly|far from it|not right now|not at the moment|not currently",
    "es": r"no|nop|para nada|que va|en absoluto|no lo soy|claro que no|de ninguna manera"
    r"|nada de eso|negativo|pues no|me temo que no|no exactamente|ahora mismo no|de momento no",
    "fr": r"non|nan|pas du tout|pas vraiment|absolument pas|je ne le suis pas|bien sur que non"
    r"|pas exactement|negatif|que non|loin de la|pas pour l'instant|pas en ce moment",
    "de": r"nein|nee|keineswegs|auf keinen fall|gar nicht|bin ich nicht|naturlich nicht"
    r"|eher nicht|nicht wirklich|mitnichten|im moment nicht|gerade nicht|momentan nicht",
}
AFFIRMATIONS = Lexicon(
    kind="yes",
    fragments={lang: (rf"{_answer_start(lang)}(?:{words}){_CLAUSE_END}",)
               for lang, words in _YES.items()},
    reject_quoted=False,
)
DENIALS = Lexicon(
    kind="no",
    fragments={lang: (rf"{_answer_start(lang)}(?:{words}){_CLAUSE_END}",)
               for lang, words in _NO.items()},
    reject_quoted=False,
)
