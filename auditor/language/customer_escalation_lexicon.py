"""Lexicons for what a customer says that should bring a human into the conversation.

Three families, in English, Spanish, French and German: self-harm, financial
hardship, and legal threats (with regulator mentions and formal complaints).
Payment disputes and contested decisions are in
:mod:`auditor.language.customer_dispute_lexicon`. Seeded from the rulebook's
escalation phrase lists and generalised into small grammars.

A family is split where negation means different things. Phrases that carry
their own negation ("I can't pay my rent", "no reconozco este cargo", "diese
Zahlung habe ich nicht veranlasst") sit in lexicons that keep negated matches;
the others drop a match governed by a negation ("I'm not going to sue"). Idioms
are kept out by requiring the first person, an intention or a concrete object:
"this bill is killing me", "I lost my password" and "the suicide squad DVD"
match nothing. Fragments are written against folded text and follow the
conventions of :mod:`auditor.language.patterns`.
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon
from auditor.language.patterns import typo_tolerant as _t

__all__ = [
    "COMPLAINTS",
    "COMPLAINT_NOUNS",
    "HARDSHIP",
    "HARDSHIP_NEGATIVE_FORMS",
    "LEGAL_THREATS",
    "REGULATORS",
    "SELF_HARM",
]

# --- shared English building blocks --------------------------------------------

_I_AM = r"(?:i'm|im|i am|i've been|ive been|i have been)"
_CANT = r"(?:can't|cant|cannot|can not|couldn't|couldnt|could not|am unable to|unable to)"
DIDNT = r"(?:didn't|didnt|did not|never)"
DONT = r"(?:don't|dont|do not)"
_MYSELF = _t("myself")
_SUICIDE = _t("suicide")
# An optional amount between a determiner and the payment noun: "this $40 charge".
AMOUNT = r"(?:[$£€]? ?\d[\d.,]*(?: ?(?:[$£€]|usd|eur|euros?|dollars?|gbp|pounds?))? )?"

# --- self-harm (rulebook 6.7) --------------------------------------------------

# Kept even when negated or quoted: "I'm not going to hurt myself, I think" and
# "my son keeps saying 'I want to die'" both warrant a human, and a false alarm
# costs far less than a missed one.
SELF_HARM = Lexicon(
    "self_harm",
    {
        "en": [rf"kill?(?:ing)? {_MYSELF}|{_t('suicidal')}|self[\s-]?harm(?:ing)?",
               rf"(?:going to|gonna|want to|wanna|will|'ll|might|about to|thinking (?:about|of)"
               rf"|feel like|urge to) (?:hurt|harm|cut|injure|kill|off) {_MYSELF}",
               rf"(?:commit(?:ting)?|attempt(?:ed|ing)?|consider(?:ing)?|contemplat(?:e|ing)"
               rf"|think(?:ing)? (?:about|of)|thoughts? (?:of|about)) {_SUICIDE}",
               rf"{_SUICIDE} (?:attempts?|thoughts?|notes?|plans?)|harming {_MYSELF}",
               # Not "going to die": "I'm going to die if this takes longer" is an idiom.
               r"(?:want to|wanna|ready to|wish i could) die(?! (?:of|from|laughing|waiting)\b)",
               r"end it all|(?:end|take) my (?:own )?life|wish i (?:was|were) dead|better off dead",
               rf"{DONT} want to (?:live|be alive|exist|go on)"
               r"(?! (?:in|with|near|on|at|there|here|without|like)\b)",
               rf"{DONT} want to be here (?:anymore|any more)|not worth living",
               r"no (?:reason|point) (?:to|in) (?:live|living|go on|going on)"],
        "es": [r"no quiero (?:seguir )?(?:vivir|viviendo|estar viv[oa]|existir)",
               r"no tengo (?:ganas|motivos|razones) (?:de|para) vivir|no vale la pena vivir",
               r"(?:quiero|voy a|pienso en|pensando en|ganas de) (?:suicidarme|matarme"
               r"|quitarme la vida|hacerme dano)|suicidarme|me (?:quiero|voy a) (?:suicidar|matar)",
               # "me voy a morir de aburrimiento" is an idiom; wanting to die is not.
               r"(?:quiero|ganas de) morir(?:me)?(?! de\b)|me quiero morir(?! de\b)",
               r"(?:pensamientos|ideas) suicidas|pensando en (?:el )?suicidio",
               r"quitarme la vida|(?:acabar con|poner fin a) mi vida"],
        "fr": [r"(?:je veux|j'ai envie de|je voudrais|j'aimerais) mourir|je suis suicidaire",
               # "en finir avec cet abonnement" is about a contract, not a life.
               r"(?:envie|besoin|je veux|je vais) d'?en finir"
               r"(?! avec (?!(?:la vie|ma vie|tout|moi)\b))",
               r"en finir avec (?:la vie|ma vie)|mettre fin a (?:mes jours|ma vie)",
               r"me suicider|(?:je vais|je veux|envie de|je pense a) me (?:tuer|faire du mal)",
               r"je (?:ne )?veux plus vivre|(?:je n'ai|j'ai) plus envie de vivre",
               r"(?:pensees|idees) suicidaires"],
        "de": [r"ich (?:will|mochte|kann|mag) (?:einfach )?nicht mehr leben",
               # "Das bringt mich um" is the idiom; only the first person counts.
               r"ich bring(?:e)? mich (?:jetzt |noch |einfach |bald )?um",
               r"mich (?:umbringen|umzubringen|toten|zu toten|selbst (?:zu )?verletzen)",
               r"ich (?:will|mochte) (?:einfach |nur )*sterben|suizidal|selbstmordgefahrdet",
               r"(?:selbstmord|suizid)(?:gedanken|absichten|versuch)",
               r"(?:denke|nachdenken|gedanken) (?:an|uber) (?:selbstmord|suizid)",
               r"mir (?:etwas|was) (?:antun|anzutun)|mein leben (?:beenden|ein ende setzen)"],
    },
    reject_quoted=False,
)

# --- financial hardship (rulebook 6.7) -----------------------------------------

_FAMILY_EN = (
    r"(?:husband|wife|partner|spouse|mother|father|mom|mum|dad|son|daughter|child|baby|brother"
    r"|sister|parent|grandmother|grandfather|grandma|grandpa|fiance|fiancee)"
)
_FAMILY_ES = r"(?:marido|esposo|esposa|mujer|pareja|madre|padre|mama|papa|hij[oa]|herman[oa])"
_FAMILY_FR = (
    r"(?:mon (?:mari|epoux|pere|fils|frere|compagnon|conjoint|papa)"
    r"|ma (?:femme|epouse|mere|fille|soeur|compagne|conjointe|maman))"
)
_FAMILY_DE = (
    r"(?:mein (?:mann|ehemann|vater|sohn|bruder|partner|kind)"
    r"|meine (?:frau|ehefrau|mutter|tochter|schwester|partnerin))"
)
# Basic needs only: "I can't afford to wait" and "I can't pay my bill online"
# are not hardship.
_NEEDS_EN = (
    r"(?:(?:my |the |our )?(?:food|groceries|rent|mortgage|bills|heating|electricity|medicine"
    r"|medication|insulin)|to (?:eat|live|feed (?:my|our) (?:kids|children|family)"
    r"|pay (?:my |the )?(?:rent|bills|mortgage))|anything)"
)

HARDSHIP = Lexicon(
    "hardship",
    {
        "en": [r"(?:i|we|i've|ive|we've)(?: (?:have|just|recently|also))* lost (?:my|our)"
               rf" (?:job|jobs|income|home|house|livelihood|{_FAMILY_EN})",
               r"(?:(?:i|we) (?:was|were|got|just got|have been)|i've been|ive been|we've been)"
               r" (?:just )?(?:laid off|fired|made redundant|let go)(?! up\b)",
               rf"{_I_AM} (?:now )?(?:unemployed|out of work|homeless|bankrupt|broke|penniless"
               r"|in debt|drowning in debt|being evicted|facing eviction)",
               rf"my (?:late )?{_FAMILY_EN} (?:has |just |recently |sadly |suddenly )*(?:died"
               rf"|passed away|passed on)|death of my {_FAMILY_EN}",
               # "desperate for the new model" is eagerness, not hardship.
               rf"{_I_AM} (?:really |so |absolutely |getting |completely |truly )?desperate"
               r"(?! (?:for|to)\b)",
               r"(?:i have|we have|i've got|ive got|i got|we've got) no money(?: left)?"
               r"(?! (?:on|in) (?:[\w-]+ )?(?:gift|voucher|store|app|wallet|game|promo))",
               r"financial (?:hardship|difficult(?:y|ies)|trouble|crisis)|struggling financially",
               r"(?:struggling|can barely afford) to (?:pay|afford|make ends meet|feed|eat)",
               r"behind on (?:my |the )?(?:rent|bills|mortgage)|eviction notice|food bank"],
        "es": [r"(?:he perdido|perdi|acabo de perder) (?:mi|el) (?:trabajo|empleo|casa|sueldo)",
               r"me (?:he )?quedado sin (?:trabajo|empleo|dinero|ingresos|casa)",
               r"me (?:han|ha) despedido|me despidieron|estoy (?:en (?:el )?paro|desemplead[oa]"
               r"|sin trabajo|arruinad[oa]|en la ruina)",
               rf"mi {_FAMILY_ES} (?:(?:ha|se ha|se) )?(?:murio|fallecio|muerto|fallecido)",
               rf"(?:murio|fallecio|muerto|fallecido) mi {_FAMILY_ES}|perdi a mi {_FAMILY_ES}",
               r"estoy desesperad[oa](?! (?:por|de)\b)",
               r"dificultades (?:economicas|financieras)|desahucio|(?:me|nos) van a desahuciar"],
        "fr": [r"(?:j'ai perdu|je viens de perdre) (?:mon (?:emploi|travail|boulot|job|poste"
               rf"|logement)|{_FAMILY_FR})",
               r"je suis (?:au chomage|sans emploi|sans travail|sans domicile|sdf|a la rue"
               r"|ruinee?|surendettee?)|difficultes financieres|surendettement",
               r"(?:j'ai ete|je me suis fait|je viens d'etre)"
               r" (?:licenciee?|viree?|licencier|virer)",
               rf"{_FAMILY_FR} (?:est|vient de) (?:\w+ )?(?:decedee?|morte?|mourir|deceder)",
               r"je suis desesperee?(?! (?:de|d')\b)|fins de mois difficiles",
               r"(?:expulsee?|expulsion) de (?:mon|notre) (?:logement|appartement)"],
        "de": [r"ich habe (?:meinen job|meine arbeit|meine stelle|meinen arbeitsplatz"
               r"|meine wohnung) verloren|mir wurde gekundigt|ich wurde (?:entlassen|gekundigt)",
               r"ich bin (?:jetzt |seit \w+ )?(?:arbeitslos|pleite|obdachlos|verzweifelt"
               r"|uberschuldet)",
               rf"{_FAMILY_DE} ist (?:\w+ ){{0,3}}(?:gestorben|verstorben)",
               r"finanzielle (?:schwierigkeiten|not|notlage|probleme)|zwangsraumung"],
    },
    reject_negated=True,
)

# These carry their own negation ("I can't pay my rent", "ich kann die Miete
# nicht bezahlen"), so negated matches are kept.
HARDSHIP_NEGATIVE_FORMS = Lexicon(
    "hardship",
    {
        "en": [rf"{_CANT} (?:afford|pay(?: for)?) {_NEEDS_EN}|can(?:'t|not| not) make ends meet",
               rf"{DONT} have (?:any )?money (?:left|for (?:food|rent|groceries))",
               # Not "how to pay": "I don't know how to pay with PayPal" asks for help.
               rf"{DONT} know how (?:i'll|i will|i'm going to|we'll|we will)"
               r" (?:pay|feed|survive|eat)"],
        "es": [r"no (?:puedo|podemos) (?:pagar|permitirme|costear) (?:el |mi |la |las |los )?"
               r"(?:alquiler|renta|hipoteca|facturas|comida|luz|recibos|medicinas|medicamentos)",
               r"no (?:me|nos) (?:alcanza|llega) (?:el dinero|el sueldo|para comer|para pagar)",
               r"no llego a fin de mes|no tengo (?:dinero|ni para comer|para comer|con que pagar)"],
        "fr": [r"je (?:ne |n')?(?:peux|peut|parviens|arrive) (?:pas|plus) (?:a )?payer"
               r" (?:mon |le |mes |les )?(?:loyer|factures|courses|electricite|chauffage|credit)",
               r"(?:je n'ai|j'ai) (?:pas|plus) (?:les moyens de (?:payer|manger|me nourrir|vivre)"
               r"|d'argent|de quoi manger|un sou)|je n'ai plus rien"],
        "de": [r"ich kann (?:mir )?(?:die |meine |das |den )?(?:miete|rechnungen|lebensmittel"
               r"|essen|heizung|stromrechnung|hypothek|kreditrate) (?:nicht|kaum) (?:mehr )?"
               r"(?:bezahlen|zahlen|leisten)",
               r"ich kann mir (?:keine |kein )?(?:lebensmittel|essen) mehr leisten",
               r"ich habe kein geld mehr|ich wei(?:ß|ss) nicht mehr weiter"],
    },
)

# --- legal threats, regulators, complaints (rulebook 6.8) ----------------------

LEGAL_THREATS = Lexicon(
    "legal",
    {
        # "Sue" is also a name ("my sister Sue"), so the verb needs a subject or a modal.
        "en": [r"(?:i|we|i'll|ill|we'll|will|shall|going to|gonna|want to|wanna|plan to"
               r"|intend to|ready to|about to) sue(?! (?:is|was|has|said|says|will|would)\b)",
               r"(?:could|would|might) sue (?:you|u|your company|the company|them)",
               r"(?:i'm|im|i am|we're|we are|i'll be|i will be) suing",
               r"law ?suit|class action|legal (?:action|proceedings|steps)|court action",
               r"small claims(?: court)?|see you in court|(?:take|taking) (?:you|u|this|them"
               r"|your company|you guys|it) to (?:small claims )?court",
               r"my (?:lawyer|attorney|solicitor|legal team|legal counsel)s?",
               r"(?:contact|call|consult|hire|get|speak to|talk to|instruct|involve) (?:a|an|my)"
               r" (?:lawyer|attorney|solicitor)"],
        "es": [r"(?:voy a|vamos a|os voy a|les voy a|te voy a|le voy a|pienso|quiero)"
               r" (?:denunciar|demandar)(?:te|le|les|los|las|os)?",
               r"(?:denunciar|demandar)(?:te|le|les|los|las|os)",
               r"(?:poner|presentar|interponer) una (?:denuncia|demanda)",
               r"mis? abogad[oa]s?|(?:un|a un|con un) abogad[oa]",
               r"(?:acciones|medidas) (?:legales|judiciales)|via judicial"
               r"|(?:a|ante) los tribunales"],
        "fr": [r"porter plainte|deposer (?:une )?plainte|plainte contre vous",
               r"(?:mon|mes|notre) avocats?|(?:contacter|consulter|prendre) un avocat",
               r"(?:poursuivre|attaquer|trainer|assigner) (?:\w+ )?(?:en justice|au tribunal"
               r"|devant (?:les tribunaux|le tribunal|la justice))",
               r"(?:je vais|on va) vous poursuivre|poursuites judiciaires|action en justice"],
        "de": [r"mein(?:e|em|en)? (?:rechts)?anwalt(?:in)?|(?:einen|einem|zum) (?:rechts)?anwalt",
               r"ich (?:werde|will|mochte) (?:sie |euch |dich |ihre firma )?(?:verklagen|klagen)",
               r"ich verklage (?:sie|euch|dich)|ich zeige (?:sie|euch|dich) an",
               r"(?:klage|anzeige) (?:einreichen|erheben|erstatten)|anzeige gegen",
               r"(?:rechtliche|gerichtliche|juristische) schritte|vor gericht"],
    },
    reject_negated=True,
)

# A regulator counts whatever the polarity: "I haven't contacted the CFPB yet"
# still tells the bot where the customer is heading.
REGULATORS = Lexicon(
    "regulator",
    {
        "en": [r"cfpb|consumer financial protection bureau|ftc|federal trade commission|fcc",
               r"(?:state )?attorneys? general|bbb|better business bureau",
               r"(?:financial |energy )?ombudsman|trading standards|citizens advice",
               r"financial conduct authority|fca|ofcom|ofgem",
               r"consumer protection (?:agency|office|bureau|authority|department)",
               r"(?:report|complain)(?:ing)? (?:you |this |it )?to (?:the|your) regulator"],
        "es": [r"ocu|facua|omic|oficina (?:municipal )?(?:de informacion )?del? consumidor",
               r"defensora? del (?:cliente|consumidor|pueblo)|banco de espana|cnmv",
               # "consumo de datos" is data usage, not the consumer authority.
               r"(?:junta|arbitraje) (?:arbitral )?de consumo|(?:a|ante) consumo(?! de\b)"],
        "fr": [r"dgccrf|repression des fraudes|mediateur|mediation de la consommation",
               r"ufc[\s-]?que[\s-]?choisir|60 millions de consommateurs",
               r"association de (?:defense des )?consommateurs|signal ?conso|arcep|acpr|cnil"],
        "de": [r"verbraucherzentrale|verbraucherschutz(?:zentrale|behorde|verband|organisation)",
               r"bafin|bundesnetzagentur|schlichtungsstelle|ombudsmann|ombudsstelle",
               r"datenschutzbehorde|bundeskartellamt"],
    },
)

# Making a complaint, not asking about one: "what is your complaints policy?"
# matches nothing.
COMPLAINTS = Lexicon(
    "complaint",
    {
        "en": [r"(?:file|make|lodge|raise|submit|register|put in|open|log|send)"
               r" (?:a |an |my |this )?(?:formal |official |written )?complaint",
               r"(?:formal|official|written) complaint|this is a complaint",
               r"(?:want|wish|would like|like|need|going|have) to complain"],
        "es": [r"(?:poner|presentar|hacer|interponer|tramitar|formular|dejar|abrir) una"
               r" (?:reclamacion|queja)(?: formal| oficial)?",
               r"(?:reclamacion|queja) (?:formal|oficial)",
               r"(?:quiero|voy a|deseo|me gustaria|quisiera) quejarme|me quiero quejar"],
        "fr": [r"(?:deposer|faire|formuler|adresser|envoyer|ouvrir) une reclamation"
               r"(?: officielle| formelle)?|reclamation (?:officielle|formelle)",
               r"(?:je veux|je voudrais|je vais|j'aimerais|je souhaite) me plaindre"],
        "de": [r"ich (?:mochte|will|werde) mich (?:\w+ ){0,3}beschweren|ich beschwere mich"],
    },
    reject_negated=True,
)

# Nouns that name the complaint on their own. Only a directly preceding "keine"
# negates them: "keine Antwort auf meine Beschwerde" still reports a complaint.
COMPLAINT_NOUNS = Lexicon(
    "complaint",
    {
        "es": [r"(?:hoja|hojas|libro) de reclamaci(?:on|ones)"],
        "de": [r"(?<!keine\s)(?<!keinerlei\s)(?<!ohne\s)beschwerden?"
               r"(?: (?:einreichen|einlegen|erheben|bei))?"],
    },
)
