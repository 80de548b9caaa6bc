"""The words around a name, per language: what `name_cues` looks for.

Each cue is (pattern name, regular expression, score) for presidio's `Pattern`; the
expressions use the `regex` module's \\p{..} classes (presidio compiles with it) and
match the name only, the cue sitting in a look-behind. Cue words ignore case (inline
`(?i:...)`), names do not: a name is capitalised, except after the strongest cues
("my name is jo") and where a message answers a question for a name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# A capitalised name word ("Dana", "O'Brien", "Jean-Luc", "Kupcová"), then up to two
# more on the same line. All-capital words are left out: in chat they are shouting or
# acronyms far more often than names.
_NAME_WORD = r"\p{Lu}[\p{L}'’\-]*\p{Ll}"
NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
# A name in capitals, after "my name is" only: "my name is JOHN SMITH".
_CAPS_WORD = r"\p{Lu}[\p{Lu}'’\-]*\p{Lu}"
_CAPS_NAME = rf"{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}(?![\p{{L}}])"
# A name that may end in an initial: "Dana K.", "Jo P".
_NAME_WITH_INITIAL = rf"{NAME}(?:[ \t]+\p{{Lu}}\.?(?![\p{{L}}]))?"
# Connecting words inside names: "Sanne de Vries", "María del Mar".
_PARTICLE = r"(?:de|del|de la|da|das|do|dos|di|du|van|van der|von|la|le|y|e)"
_PARTICLE_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{0,2}}"
# One or two lower-case words, only after the strongest cues (and not the verb of
# "my name is", "mi nombre es", which the cue may leave out).
_LOWER_NAME = (r"(?!(?:is|was|es|est|ist|è|é|e|era|war|is|c'est)\b)"
               r"\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+)?")
# Where a name ends a phrase: "Hi Dana," "says Eklund." "my name is jo and ...".
# "I'm", "It's", "That's": a pronoun with a verb, never a name.
_NO_CONTRACTION = r"(?!(?i:i|it|that|let|we|you|they|he|she|there|here|what|who)['’])"
# The name must end at a word's end ("Welcome" holds no name "Welcom" before "e").
_PHRASE_END = (r"(?![\p{L}'’\-])"
               r"(?=[ \t]*(?:[,!.:;?)]|$)|[ \t]+(?i:and|from|here|y|et|und|e|en)\b)")

_TITLE = r"(?:(?i:mr|mrs|ms|mx|dr|prof|sir|madam|dame)\.?|Miss)"
_KIN = (r"(?:wife|husband|partner|spouse|son|daughter|kid|kids|child|children|baby|"
        r"mother|mom|mum|father|dad|brother|sister|friend|colleague|boss|neighbou?r|"
        r"grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|fianc[ée]e?|"
        r"boyfriend|girlfriend|roommate|landlord|tenant|family)")
_RELATION = (rf"(?i:(?:my|his|her|our|their|your)[ \t]+{_KIN}"
             r"(?:'s[ \t]+name(?:[ \t]+is)?)?),?")
_INTRODUCTION = (r"(?i:\b(?:my|his|her|the|your)[ \t]+(?:(?:full|first|last|middle|maiden|"
                 r"family|given|legal)[ \t]+)?name(?:'s|[ \t]+is|[ \t]+was)?|"
                 r"\bsurname(?:[ \t]+is)?|\bcall[ \t]+me|\bi[ \t]+go[ \t]+by)[ \t]*[:?,\-–]?[ \t]*")
# What follows a staff member's name in an introduction: "from billing", "with the
# support team", "and I'll be helping you".
STAFF_INTRODUCTION_END = (
    r"(?:,?[ \t]+(?i:here[ \t]+)?(?i:from|with)[ \t]+(?i:(?:the|our)[ \t]+)?"
    r"(?:[A-Z][\w&'’\-]*[ \t]+){0,2}"
    r"(?i:billing|support|sales|service|care|team|department|helpdesk|accounts?|returns|"
    r"shipping|claims|escalations|technical|tech|customer[ \t]+(?:service|care|support|"
    r"relations))\b"
    r"|,?[ \t]+(?i:(?:and[ \t]+)?i(?:'ll|[ \t]+will|[ \t]+am|'m)[ \t]+(?:be[ \t]+)?"
    r"(?:helping|assisting|taking[ \t]+care[ \t]+of|looking[ \t]+after|handling))\b)")
# A staff member's own name, for the allow list of the PII checks: a name followed by
# the team they are from ("Dana from billing", "Keanu here from customer care") or by
# their offer to help, and the name a customer is told they are chatting with. Written
# for Python's `re` (allow patterns are compiled with it).
_STAFF_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’\-]*)?"
_TOLD_WHO = (r"(?i:\b(?:you're|you[ \t]+are|you've[ \t]+been|you[ \t]+have[ \t]+been)[ \t]+"
             r"(?:now[ \t]+)?(?:chatting|speaking|talking|connected)[ \t]+(?:with|to))[ \t]+")
STAFF_INTRODUCTION_PATTERN = (
    rf"\b{_STAFF_NAME}(?={STAFF_INTRODUCTION_END})|{_TOLD_WHO}{_STAFF_NAME}")
STAFF_NAMES = re.compile(
    rf"\b(?P<introduced>{_STAFF_NAME})(?={STAFF_INTRODUCTION_END})"
    rf"|{_TOLD_WHO}(?P<told>{_STAFF_NAME})")

# (pattern name, regular expression, score); cues whose words ignore case say so inline.
ENGLISH_CUES: tuple[tuple[str, str, float], ...] = (
    ("introduction", rf"(?<={_INTRODUCTION}){NAME}", 0.7),
    ("introduction, capitals", rf"(?<={_INTRODUCTION}){_CAPS_NAME}", 0.6),
    ("introduction, lower case", rf"(?<={_INTRODUCTION}){_LOWER_NAME}{_PHRASE_END}", 0.6),
    ("title", rf"(?<=\b{_TITLE}[ \t]+){NAME}", 0.7),
    ("relation", rf"(?<=\b{_RELATION}[ \t]+){NAME}", 0.6),
    ("possessive relation", rf"\b{NAME}(?='s[ \t]+(?i:{_KIN})\b)", 0.6),
    # "Hi Dana," and "Thanks, Elena." (a comma may separate greeting and name; "Hi,
    # I'm ..." goes on with a contraction, no name).
    ("greeting", r"(?<=(?i:\b(?:hi|hello|hey|dear|thanks|thank[ \t]+you|good[ \t]+"
                 rf"(?:morning|afternoon|evening)))[ \t]*,?[ \t]+){_NO_CONTRACTION}{NAME}"
                 rf"{_PHRASE_END}", 0.6),
    # "this is Sam, my order...": a staff member's "this is Dana from billing" is not
    # the customer's name (see STAFF_INTRODUCTION_END).
    ("self introduction", r"(?<=(?i:\bthis[ \t]+is|\bi'?m|\bi[ \t]+am|\bit'?s)[ \t]+)"
                          rf"{NAME}(?!{STAFF_INTRODUCTION_END})"
                          r"(?=[ \t]*,|[ \t]+(?i:from|here|speaking|with)\b)", 0.6),
    ("role", r"(?<=(?i:\b(?:agent|representative|rep|advisor|adviser|operator|associate|"
             r"technician|driver|courier|manager|supervisor|colleague|specialist|"
             rf"consultant))[ \t]+){NAME}", 0.6),
    ("sign-off", r"(?<=(?i:\b(?:regards|best|cheers|thanks|thank[ \t]+you|sincerely|yours))"
                 rf"[ \t]*,?[ \t]*\n?[ \t]*){NAME}(?=[ \t]*$)", 0.6),
    ("conversation partner", r"(?<=(?i:\b(?:speak|talk|speaking|talking|spoke|talked)"
                             rf"[ \t]+(?:to|with)|\bask(?:ed)?[ \t]+for)[ \t]+){NAME}", 0.6),
    ("agent", r"(?<=(?i:\b(?:directed|written|produced|performed|composed|signed|approved|"
              r"handled|reviewed|authori[sz]ed|submitted)[ \t]+by|\bstarring|\bfeaturing)"
              rf"[ \t]+){NAME}", 0.6),
    ("recipient", r"(?<=(?i:\b(?:give|gave|given|giving|send|sent|tell|told|show|showed|shown|"
                  r"pay|paid|email|emailed|text|texted|forward|forwarded|hand|handed|offer|"
                  rf"offered))[ \t]+)(?:{_NAME_WORD}|\p{{Ll}}[\p{{Ll}}'’\-]+)"
                  r"(?=[ \t]+(?i:his|her|their|my|your|our)\b)", 0.6),
    ("person verb", rf"\b{NAME}(?=[ \t]+(?i:lives|lived|texted|phoned|emailed)\b)",
     0.6),
    ("name field", r"(?<=(?im:^[ \t]*(?:name|full name|customer|contact|attn|attention|"
                   rf"cardholder|account holder|recipient)[ \t]*:[ \t]*)){NAME}", 0.7),
    # A signature closing the message: "— Dana K.", "...let us know! -Anna". A dash
    # line that follows another (a bulleted list) is no signature.
    ("signature", r"(?<=(?:\A|[.!?)\n])[ \t]*(?<!\n[ \t]*[-–—~][^\n]*\n[ \t]*)[-–—~]{1,2}[ \t]*)"
                  rf"{_NAME_WITH_INITIAL}(?=[ \t]*\Z)", 0.6),
)


# The English cues that hold in a text of another language: "im Kundenkonto" is German
# for "in the customer account", not "I'm".
ENGLISH_CUES_ELSEWHERE = frozenset({
    "introduction", "introduction, capitals", "introduction, lower case", "title",
    "greeting", "name field", "signature"})


def _cues(introduction: str, titles: str, kin: str, greetings: str, sign_offs: str,
          fields: str) -> tuple[tuple[str, str, float], ...]:
    """A language's cue patterns from its cue words (case ignored in the cues)."""
    return (
        ("introduction", rf"(?<=(?i:\b(?:{introduction}))[ \t]*:?[ \t]+){_PARTICLE_NAME}", 0.7),
        ("introduction, lower case",
         rf"(?<=(?i:\b(?:{introduction}))[ \t]*:?[ \t]+){_LOWER_NAME}{_PHRASE_END}", 0.6),
        ("title", rf"(?<=(?:{titles})[ \t]+){_PARTICLE_NAME}", 0.7),
        ("relation", rf"(?<=(?i:\b(?:{kin}))[ \t]+){_PARTICLE_NAME}", 0.6),
        ("greeting", rf"(?<=(?i:\b(?:{greetings}))[ \t]*,?[ \t]+){_NO_CONTRACTION}{NAME}"
                     rf"{_PHRASE_END}", 0.6),
        ("sign-off", rf"(?<=(?i:\b(?:{sign_offs}))[ \t]*,?[ \t]*\n[ \t]*){_PARTICLE_NAME}"
                     r"(?=[ \t]*$)", 0.6),
        ("name field", rf"(?<=(?im:^[ \t]*(?:{fields})[ \t]*:[ \t]*)){_PARTICLE_NAME}", 0.7),
    )


# Cue words per language. German capitalises every noun, so its cues are the ones
# that only a name can follow ("ich bin" is left out: "ich bin Kunde").
CUES_BY_LANGUAGE: Mapping[str, tuple[tuple[str, str, float], ...]] = MappingProxyType({
    "en": ENGLISH_CUES,
    "es": _cues(
        introduction=r"me llamo|mi nombre es|mi nombre completo es|mi apellido es|soy",
        titles=r"\b(?:Sr|Sra|Srta|Dr|Dra)\.?|\b(?i:señor|señora|señorita|don|doña)",
        kin=r"mi (?:esposa|esposo|marido|mujer|hijo|hija|madre|padre|mamá|papá|hermano|"
            r"hermana|amigo|amiga|novio|novia|pareja|jefe|jefa|compañero|compañera|vecino|"
            r"vecina|abuelo|abuela)",
        greetings=r"hola|gracias|estimado|estimada|querido|querida",
        sign_offs=r"saludos|atentamente|un saludo|gracias",
        fields=r"nombre|nombre completo|titular|cliente"),
    "fr": _cues(
        introduction=r"je m['’]appelle|mon nom est|mon prénom est|mon nom de famille est|"
                     r"moi c['’]est|je suis",
        titles=r"\b(?:M|Mme|Mlle|Me|Dr)\.?|\b(?i:monsieur|madame|mademoiselle|docteur)",
        kin=r"(?:mon|ma) (?:mari|femme|épouse|époux|fils|fille|mère|père|frère|sœur|soeur|"
            r"ami|amie|copain|copine|conjoint|conjointe|voisin|voisine|patron|patronne|"
            r"collègue)",
        greetings=r"bonjour|bonsoir|salut|merci|cher|chère",
        sign_offs=r"cordialement|bien à vous|merci|bonne journée",
        fields=r"nom|prénom|nom complet|titulaire"),
    "de": _cues(
        introduction=r"ich hei(?:ß|ss)e|mein name ist|mein vorname ist|mein nachname ist",
        titles=r"\b(?:Herr|Herrn|Frau|Hr\.|Fr\.|Dr\.)",
        kin=r"mein(?:e|em|en|er)? (?:mann|frau|ehemann|ehefrau|sohn|tochter|mutter|vater|"
            r"bruder|schwester|freund|freundin|partner|partnerin|kollege|kollegin|nachbar|"
            r"nachbarin|chef|chefin)",
        greetings=r"hallo|liebe|lieber|danke",
        sign_offs=r"grüße|grüßen|gruß|grüsse|gruss|lg|vg|mfg",
        fields=r"name|vorname|nachname|kontoinhaber|kontoinhaberin"),
    "it": _cues(
        introduction=r"mi chiamo|il mio nome è|il mio nome e'|il mio cognome è|sono",
        titles=r"\b(?i:signor|signora|signorina|sig\.|sig\.ra|dott\.|dottor|dottoressa)",
        kin=r"mi[ao] (?:moglie|marito|figlio|figlia|madre|padre|fratello|sorella|amico|amica)",
        greetings=r"ciao|buongiorno|grazie|caro|cara|gentile",
        sign_offs=r"saluti|cordiali saluti|grazie",
        fields=r"nome|cognome|nome completo|intestatario"),
    "pt": _cues(
        introduction=r"me chamo|meu nome é|meu nome e|chamo-me|o meu nome é|eu sou",
        titles=r"\b(?:Sr|Sra|Dr|Dra)\.?|\b(?i:senhor|senhora|dona)",
        kin=r"(?:meu|minha) (?:esposa|marido|mulher|filho|filha|mãe|pai|irmão|irmã|amigo|"
            r"amiga|namorado|namorada)",
        greetings=r"olá|ola|oi|obrigado|obrigada|caro|cara|prezado|prezada",
        sign_offs=r"atenciosamente|abraços|obrigado|obrigada|cumprimentos",
        fields=r"nome|nome completo|titular"),
    "nl": _cues(
        introduction=r"ik heet|mijn naam is|mijn voornaam is|mijn achternaam is|ik ben",
        titles=r"\b(?:Dhr|Mevr|Mw)\.?|\b(?i:meneer|mevrouw)",
        kin=r"mijn (?:vrouw|man|zoon|dochter|moeder|vader|broer|zus|vriend|vriendin|partner)",
        greetings=r"hallo|hoi|beste|bedankt",
        sign_offs=r"groeten|met vriendelijke groet|mvg|groetjes",
        fields=r"naam|voornaam|achternaam|rekeninghouder"),
    "pl": _cues(
        introduction=r"nazywam się|mam na imię|moje imię to|moje nazwisko to|jestem",
        titles=r"\b(?:Pan|Pani|Panem|Panią|Pana|Panu|Dr\.?)",
        kin=r"(?:mój|moja|mojego|mojej) (?:mąż|żona|syn|córka|matka|ojciec|brat|siostra|"
            r"przyjaciel|przyjaciółka|kolega|koleżanka)",
        greetings=r"dzień dobry|cześć|witam|dziękuję|dzięki",
        sign_offs=r"pozdrawiam|z poważaniem|pozdrowienia",
        fields=r"imię|nazwisko|imię i nazwisko"),
})

# A customer's message answering a question for their name: the whole message (or its
# first line) is a name, perhaps after a short lead-in ("it's", "sure,", "soy").
_ANSWER_LEAD_IN = (r"(?i:(?:sure|yes|yeah|ok|okay|sí|si|oui|ja|claro)[ \t]*[,.!]?[ \t]*)?"
                   r"(?i:(?:it'?s|it[ \t]+is|i'?m|i[ \t]+am|this[ \t]+is|name[ \t]*:?|"
                   r"my[ \t]+name[ \t]+is|soy|me[ \t]+llamo|c['’]est|je[ \t]+suis|"
                   r"ich[ \t]+bin|ich[ \t]+hei(?:ß|ss)e)[ \t]+)?")
_ANY_NAME_WORD = r"(?:\p{Lu}[\p{L}'’\-]*|\p{Ll}[\p{Ll}'’\-]+)"
NAME_ANSWER = (rf"(?<=\A[ \t]*{_ANSWER_LEAD_IN})"
               rf"{_ANY_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_ANY_NAME_WORD}){{0,2}}"
               r"(?:[ \t]+\p{Lu}\.?(?![\p{L}]))?"
               r"(?=[ \t]*[.!,]?[ \t]*(?:\n|\Z))")
ANSWER_CUES: tuple[tuple[str, str, float], ...] = (("name answer", NAME_ANSWER, 0.6),)

# Lower-case cue words: every other cue pattern needs a capital letter (in the name).
LOWER_CASE_CUES = re.compile(
    r"name|call[ \t]+me|go[ \t]+by|giv|gave|send|sent|tell|told|show|pay|paid|email|text|"
    r"forward|hand|offer|llamo|nombre|appelle|nom|prénom|prenom|hei(?:ß|ss)e|chiamo|nome|"
    r"chamo|naam|heet|nazywam|imię", re.IGNORECASE)

# Questions for the customer's name, matched on folded text (lower case, no accents).
NAME_REQUEST = re.compile(
    r"what(?:'s|s| is) (?:your|ur) (?:full |first |last )?name"
    r"|(?:may|can|could) i (?:have|get|take|ask|know|grab) (?:your|the) (?:full |first |last )?"
    r"(?:and last )?name"
    r"|(?:tell|give|provide|send|share|confirm|type) (?:me |us )?(?:with )?(?:your|the) "
    r"(?:full |first |last )?(?:and last )?name"
    r"|your (?:full |first |last )?(?:and last )?name,? please"
    r"|(?:full|first and last) name\s*\?"
    r"|name on the (?:account|card|order|booking|reservation|policy)"
    r"|who (?:am i|do i have the pleasure of) (?:speaking|chatting|talking) (?:with|to)"
    r"|cual es (?:tu|su) nombre|como te llamas|como se llama"
    r"|(?:me (?:das|da|dices|dice|indicas|indica|facilitas|facilita|proporcionas|proporciona)"
    r"|indicame|indiqueme|dime|digame) (?:tu|su) nombre"
    r"|(?:tu|su) nombre(?: completo)?,? por favor"
    r"|quel est (?:votre|ton) nom|comment (?:vous appelez-vous|tu t'appelles|t'appelles-tu)"
    r"|(?:donner|communiquer|indiquer|rappeler) (?:votre|ton) nom|(?:votre|ton) nom(?: complet)?"
    r",? (?:s'il vous plait|svp|stp)|vos nom et prenom"
    r"|wie (?:hei(?:ss|ß)en sie|hei(?:ss|ß)t du|ist ihr name|ist dein name|lautet ihr name)"
    r"|(?:ihren|deinen) (?:vollstandigen )?namen,? bitte"
    r"|(?:nennen|sagen|geben) sie mir (?:bitte )?ihren (?:vollstandigen )?namen"
    r"|come ti chiami|come si chiama|qual e il (?:tuo|suo) nome"
    r"|qual (?:e|é) o (?:seu|teu) nome|como (?:voce )?se chama"
    r"|wat is (?:uw|je) naam|hoe heet (?:u|je)")

# Greetings and thanks a name can follow as the person addressed: "Thanks Marcus!",
# "Hi Dana, ...", "Merci Camille", "Danke Jana".
VOCATIVE_CUE = re.compile(
    r"(?i:\b(?:hi|hello|hey|dear|thanks|thank[ \t]+you|thx|ty|cheers|hola|gracias|"
    r"bonjour|bonsoir|salut|merci|hallo|danke|moin|ciao|grazie|salve|ol[áa]|oi|"
    r"obrigad[oa]|hoi|bedankt))[ \t]*,?[ \t]*\Z")
AFTER_VOCATIVE = re.compile(r"[ \t]*(?:[,!.?:;)]|\Z|\n|(?i:for|so|very)\b)")
