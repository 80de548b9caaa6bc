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
    "REGULATOR_NAMES",
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

_LAWYER_EN = r"(?:lawyer|attorney|solicitor|legal team|legal counsel)s?(?!'s)"
# Bringing the lawyer in: "talk to my lawyer", "I'll get my lawyer involved",
# "you'll be hearing from my lawyer".
_INVOLVE_EN = (
    r"(?:contact|contacting|contacted|call|calling|called|consult|consulting|consulted|email"
    r"|emailing|phone|phoning|instruct|instructing|involve|involving|inform|informing|notify"
    r"|(?:speak|speaking|spoke|talk|talking|talked) (?:to|with)|hear from|hearing from|letter from"
    r"|(?:send|sending|forward|forwarding|pass|passing|hand|handing|refer|referring)"
    r" (?:this|it|everything|the (?:case|matter|file)) (?:on |over )?to"
    r"|(?:get|getting|bring|bringing)(?= (?:my|our) \w+(?: \w+)? (?:involved|in on))"
    r"|(?:i'll|ill|i will|i'm going to|i am going to|i'm gonna) (?:let|have))"
)
_LAWYER_ACTS_EN = (
    r"(?:hear|know|contact|call|write|be in touch|be contacting|get in touch|deal|handle|sue"
    r"|pursue|look into|be looking|follow up|respond|reply)"
)

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
               # "My lawyer moved offices" is news: "my lawyer" needs a threat around it.
               rf"{_INVOLVE_EN} (?:my|our) {_LAWYER_EN}|(?:contact|call|consult|hire|get|speak to"
               rf"|talk to|instruct|involve) (?:a|an) {_LAWYER_EN}",
               rf"(?:my|our) {_LAWYER_EN} (?:will|'ll|shall|is going to|are going to|is gonna)"
               rf" (?:\w+ )?{_LAWYER_ACTS_EN}|(?:my|our) {_LAWYER_EN} (?:is|are|has been|have been)"
               r" (?:already |now )?(?:involved|informed|aware|on it|on the case|looking into)"],
        "es": [r"(?:voy a|vamos a|os voy a|les voy a|te voy a|le voy a|pienso|quiero)"
               r" (?:denunciar|demandar)(?:te|le|les|los|las|os)?",
               r"(?:denunciar|demandar)(?:te|le|les|los|las|os)",
               r"(?:poner|presentar|interponer) una (?:denuncia|demanda)",
               r"(?:(?:hablar|hablare|hablo|consultar|consultare|consulto|llamar|llamare|avisar"
               r"|avisare|contactar|contactare) (?:con |a )?|(?:en manos|noticias|una carta) de )"
               r"mis? abogad[oa]s?|(?:un|a un|con un) abogad[oa]",
               r"mis? abogad[oa]s? (?:se (?:pondra|pondran|encargara|comunicara)|(?:os|le|les|te)"
               r" (?:contactara|llamara|escribira|demandara)|(?:va|van) a (?:contactar|llamar"
               r"|escribir|demandar|denunciar)|ya esta al tanto|esta al tanto)",
               r"(?:acciones|medidas) (?:legales|judiciales)|via judicial"
               r"|(?:a|ante) los tribunales"],
        "fr": [r"porter plainte|deposer (?:une )?plainte|plainte contre vous",
               r"(?:(?:contacter|contacte|consulter|consulte|appeler|appelle|prevenir|previens"
               r"|saisir|saisis|voir|vois|parler a|parle a|(?:transmettre|transmets|confier)"
               r" (?:\w+ )?a|affaire a|de la part de|courrier de|lettre de) (?:mon|mes|notre)"
               r"|(?:contacter|consulter|prendre) un) avocats?",
               r"(?:mon|mes|notre) avocats? (?:(?:va|vont) (?:vous |te )?(?:contacter|ecrire"
               r"|appeler|poursuivre|assigner|prendre contact)|vous (?:contactera|ecrira|appellera"
               r"|poursuivra)|prendra contact|est (?:deja )?(?:au courant|saisi|sur le coup)"
               r"|s'(?:en )?(?:occupe|occupera|chargera)(?: de (?:tout|ca|cela|l'affaire"
               r"|ce dossier))?(?= ?(?:[.!?,;]|$)))",
               r"(?:poursuivre|attaquer|trainer|assigner) (?:\w+ )?(?:en justice|au tribunal"
               r"|devant (?:les tribunaux|le tribunal|la justice))",
               r"(?:je vais|on va) vous poursuivre|poursuites judiciaires|action en justice"],
        # "Mein Anwalt ist umgezogen" is news: the lawyer must be acting or brought in.
        "de": [r"(?:mein|meine) (?:rechts)?anwalt(?:in)? (?:(?:wird|werden) (?:sich (?:\w+ )?"
               r"(?:melden|kummern)|(?:sie|euch|ihnen|dich|ihre firma) (?:\w+ )?(?:kontaktieren"
               r"|verklagen|anschreiben|anrufen))|(?:meldet|kummert|setzt) sich|schreibt (?:ihnen"
               r"|euch|dir)|ist (?:bereits |schon )?(?:informiert|eingeschaltet|dran))",
               r"(?:zu|mit|an) (?:meinem|meinen|meiner|meine) (?:rechts)?anwalt(?:in)?"
               r"|(?:einen|einem|zum) (?:rechts)?anwalt",
               r"(?:meinen|meine) (?:rechts)?anwalt(?:in)? (?:\w+ )?(?:einschalten|anrufen"
               r"|kontaktieren|informieren|beauftragen|hinzuziehen|(?:ein|an)(?= ?(?:[.!?,;]|$)))",
               r"ich (?:werde|will|mochte) (?:sie |euch |dich |ihre firma )?(?:verklagen|klagen)",
               r"ich verklage (?:sie|euch|dich)|ich zeige (?:sie|euch|dich) an",
               r"(?:klage|anzeige) (?:einreichen|erheben|erstatten)|anzeige gegen",
               r"(?:rechtliche|gerichtliche|juristische) schritte|vor gericht"],
    },
    reject_negated=True,
)

# Regulators and consumer bodies, by name. "consumo" names the Spanish consumer
# authority only after "a" or "ante": "consumo de datos" is data usage.
_BODIES = "|".join((
    r"cfpb|consumer financial protection bureau|ftc|federal trade commission|fcc|bbb"
    r"|(?:state )?attorneys? general|better business bureau|(?:financial |energy )?ombudsman"
    r"|trading standards|citizens advice|financial conduct authority|fca|ofcom|ofgem"
    r"|consumer protection (?:agency|office|bureau|authority|department)",
    r"ocu|facua|omic|oficina (?:municipal )?(?:de informacion )?del? consumidor|cnmv"
    r"|defensora? del (?:cliente|consumidor|pueblo)|banco de espana"
    r"|(?:junta|arbitraje) (?:arbitral )?de consumo",
    r"dgccrf|repression des fraudes|mediateur|mediation de la consommation|arcep|acpr|cnil"
    r"|ufc[\s-]?que[\s-]?choisir|60 millions de consommateurs|signal ?conso"
    r"|association de (?:defense des )?consommateurs",
    r"verbraucherzentrale|verbraucherschutz(?:zentrale|behorde|verband|organisation)|bafin"
    r"|bundesnetzagentur|schlichtungsstelle|ombudsmann|ombudsstelle|datenschutzbehorde"
    r"|bundeskartellamt",
))
_CONSUMO = r"(?:a|ante) consumo(?! de\b)"

# A name on its own, for the detector to join a complaint to the body it is
# addressed to ("a complaint with the CFPB", "Beschwerde bei der Verbraucherzentrale").
REGULATOR_NAMES = Lexicon(
    "regulator", {"en": [_BODIES, r"(?:the|your|a) regulator"], "es": [_CONSUMO]}
)

# English: what the customer does with the body. "I saw your great BBB rating" names
# one without turning to it, and "the BBB website" is a page, not the body.
_BODY_EN = (
    rf"(?:the |your |my (?:local |state )?|our |a )?(?:{_BODIES}|regulators?)"
    r"(?! (?:rating|score|accreditation|listing|page|profile|web ?site|site|logo|seal|badge)s?\b)"
)
_TURN_EN = (
    r"(?:report|complain|escalate|refer|forward|turn|appeal)(?:s|ed|ing)?|(?:take|taking|took"
    r"|taken|bring|bringing|brought|send|sending|sent|go|going|gone|went|write|writing|wrote"
    r"|written|speak|speaking|spoke|talk|talking|talked|reach out|reaching out|reached out)"
    r"|(?:complaint|report|claim|grievance|dispute|case)s?"
)
_OBJECT_EN = (
    r"(?:you|u|you guys|this|it|that|them|everything|all (?:of )?this|(?:the|this|your|my)"
    r" (?:[\w-]+ )?(?:matter|issue|case|company|business|complaint|problem|situation|chat"
    r"|conversation|store|shop|bank|service))"
)
_CONTACT_EN = (
    r"(?:contact|call|email|e-mail|alert|inform|petition)(?:s|ed|ing)?|phon(?:e|es|ed|ing)"
    r"|notif(?:y|ies|ied|ying)|tell(?:ing)?|told|involv(?:e|es|ed|ing)"
)
# Spanish, French, German: a verb or complaint noun, an optional object, then the
# preposition and article that lead to the body.
_TURN_ES = (
    r"(?:acudir|acudo|acudire|acudi|ir|ire|iremos|voy|vamos|fui|recurrir|recurro|recurrire"
    r"|denunciar(?:os|les|te|lo|la)?|denuncio|denunciare|quejarme|me quejare|me quejo|reclamar"
    r"|reclamare|llevar(?:lo|la)?|llevo|llevare|escribir|escribo|escribire|dirigirme|me dirijo"
    r"|me dirigire|contactar|contacto|contactare|avisar|avisare|informar|informare|llamar"
    r"|llamare|denuncias?|quejas?|reclamacion(?:es)?)(?: (?:esto|eso|el caso|mi caso|el asunto"
    r"|mi queja|todo esto))?"
)
_TURN_FR = (
    r"(?:saisir|saisis|saisit|saisirai|saisi|contacter|contacte|contacterai|appeler|appelle"
    r"|appellerai|alerter|alerte|prevenir|previens|informer|informe|ecrire|ecris|ecrirai"
    r"|m'adresser|m'adresse|m'adresserai|aller|vais|irai|signaler|signale|signalerai|plaintes?"
    r"|reclamations?|signalement|recours|recourir|faire appel|transmettre|transmets|passer par)"
    r"(?: (?:vous|votre (?:societe|entreprise|boutique)|cela|ca|l'affaire|(?:le|mon) dossier"
    r"|ce litige|tout ca))?"
)
_TURN_DE = (
    r"(?:wende|wenden|gehe|gehen|laufe|melde|melden|beschwere|beschweren|beschwerde|anzeige"
    r"|meldung|schreibe|schreiben|ziehe|ziehen|schalte|schalten|kontaktiere|informiere"
    r"|benachrichtige|(?:mich|uns))(?: (?:mich|uns|damit|das|es|sie|euch|die sache|den fall"
    r"|direkt|sofort|gleich|jetzt|auch)){0,2}"
)

# Turning to a regulator or consumer body. It counts whatever the polarity: "I
# haven't contacted the CFPB yet" still tells the bot where the customer is heading.
REGULATORS = Lexicon(
    "regulator",
    {
        "en": [rf"(?:{_TURN_EN})(?: {_OBJECT_EN})?(?: (?:straight|directly|right|all the way"
               rf"|further|up|over|on))? (?:to|with|before) {_BODY_EN}",
               rf"(?:{_CONTACT_EN}) {_BODY_EN}|(?:get|getting|got) {_BODY_EN} (?:involved|in on)"
               rf"|(?:bring|bringing|brought|call|calling) in {_BODY_EN}",
               rf"(?:{_BODIES}) (?:(?:complaint|report|claim)s?|(?:will|'ll|shall|is going to"
               r"|are going to|is gonna) (?:\w+ )?(?:hear|know|learn|be (?:hearing|informed"
               r"|notified|told|interested)))(?!\w)"],
        "es": [rf"{_TURN_ES} (?:(?:(?:a|ante|en|con) (?:la |el |los |las )?|al )?(?:{_BODIES})"
               rf"|{_CONSUMO})",
               rf"(?:{_BODIES}) (?:se va a enterar|se enterara|sabra (?:de )?esto)"],
        "fr": [rf"{_TURN_FR} (?:(?:a|aupres (?:de|du|des)|chez|voir) )?(?:(?:la|le|les|au|aux) |l'"
               rf"|a la |a l')?(?:{_BODIES})"],
        "de": [rf"{_TURN_DE} (?:(?:an|bei|zu|mit) )?(?:(?:der|die|den|dem|das) |zur |zum |beim )?"
               rf"(?:{_BODIES})",
               rf"(?:{_BODIES}) (?:(?:\w+ )?(?:einschalten|kontaktieren|informieren|anrufen"
               r"|anschreiben|benachrichtigen|hinzuziehen)|ein(?= ?(?:[.!?,;]|$))|(?:wird|werden)"
               r" (?:davon |von mir |das )?(?:horen|erfahren))(?!\w)"],
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
