"""Lexicons for telling whether two customer messages ask for the same thing.

Customers who are not helped say the same request again in other words: "where is
my refund", "I still haven't got my money back", "when do I get the refund??". What
stays the same is the *subject* of the request (the refund) and what the customer
wants done about it (to know where it is). So a message is read as:

* ``SUBJECTS``: what the request is about, each with its synonyms in English,
  Spanish, French and German ("refund", "money back", "reembolso", "devolver el
  dinero", "remboursement", "Geld zurück" are all ``refund``). The list follows the
  common customer-support intents (orders and deliveries, refunds and returns,
  payments and invoices, accounts and passwords, subscriptions, faults, privacy)
  rather than any one company's.
  ``CONTEXT_SUBJECTS`` only set the scene ("my order", "my account").
* ``ASKS``: what the customer wants: to know where or when something is
  (``waiting``); to stop, change or remove something; to be given something, told
  why, or told what is offered; or to report a problem: it does not work, came
  broken, wrong or incomplete, was charged twice, or cannot be paid. The problems
  in ``DISTINCT_ASKS`` are specific enough to make two messages one request.
* ``ADDITIVE``: "also", "too", "another", "también", "aussi", "auch": a customer
  who adds a request is not restating the first one.
* ``STOP_WORDS``: function words and pleasantries that say nothing about the
  request. Written here rather than taken from spaCy, whose lists drop words that
  matter in a request ("back", "move", "call", "still", "nicht").

Fragments are regular expressions on folded text (lower case, no accents; see
:mod:`auditor.language.normalise`), matched at word starts; ``\\w*`` takes the
inflections of a stem.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["ADDITIVE", "ASKS", "CONTEXT_SUBJECTS", "DISTINCT_ASKS", "STOP_WORDS", "SUBJECTS"]

# --- what a request is about ----------------------------------------------------------

SUBJECTS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "refund": (
        r"refund\w*", r"reimburs\w*", r"(?:my |the |our )?money back", r"credit(?:ed)? back",
        r"my money",
        r"paid back", r"pay (?:me )?back",
        r"reembols\w*", r"devol\w* (?:el|mi|del|de mi) (?:dinero|importe)", r"(?:el|mi) dinero",
        r"devolucion del (?:dinero|importe|pago)", r"abon\w+ (?:el|mi) (?:dinero|importe)",
        r"rembours\w*", r"(?:mon|l') ?argent", r"recrediter\w*",
        r"(?:ruck)?erstatt\w*", r"geld (?:\w+ )?zuruck", r"mein geld", r"gutschrift\w*",
        r"zuruck ?(?:uberwies|gebucht|buchen)\w*",
    ),
    "return": (
        r"returns?\b", r"returning", r"send (?:\w+ )?back", r"ship (?:\w+ )?back",
        r"devolver (?:el|la|los|las) (?!dinero|importe)\w+",
        r"devolucion(?!(?: del| de mi) dinero)",
        r"retour\w*", r"renvoy\w*", r"renvoi\w*", r"retourn\w*",
        r"rucksend\w*", r"zuruck ?(?:schick|send)\w*", r"retoure\w*",
    ),
    "order": (
        r"orders?\b", r"ordered", r"purchase\w*", r"bought",
        r"pedid\w*", r"compra\w*", r"encargo",
        r"command\w*", r"achat\w*", r"achete\w*",
        r"bestell\w*", r"einkauf\w*", r"gekauft", r"kauf\b",
    ),
    "delivery": (
        r"parcels?", r"packages?", r"deliver\w*", r"shipment\w*", r"shipping", r"shipped",
        r"courier\w*", r"arriv\w*", r"(?:comes?|came|coming|turn(?:ed)? up|show(?:n|ed)? up)\b",
        r"paquete\w*", r"envio\w*", r"enviad\w*", r"entreg\w*", r"llega\w*", r"llego",
        r"repartidor\w*", r"mensajer\w*", r"transportista\w*",
        r"colis", r"livr\w*", r"expedi\w*", r"transporteur\w*",
        r"paket\w*", r"liefer\w*", r"sendung\w*", r"angekommen", r"ankomm\w*", r"zugestellt",
        r"zustell\w*", r"versand\w*", r"versendet", r"paketdienst\w*", r"kommt\b", r"gekommen",
    ),
    "tracking": (
        r"track\w*", r"seguimiento", r"rastre\w*", r"suivi", r"suivre",
        r"sendungsverfolgung", r"sendungsnummer", r"verfolg\w*",
    ),
    "subscription": (
        r"subscri\w*", r"membership\w*", r"plan\b", r"plans\b", r"premium", r"contract\w*",
        r"monthly (?:payments?|fee|charge)", r"renew\w*",
        r"suscrip\w*", r"membres\w*", r"cuota\w*", r"(?:darme|dar) de baja", r"abonad\w*",
        r"contrato\w*", r"renovacion\w*",
        r"abonnement\w*", r"abonne\w*", r"formule\w*", r"forfait\w*", r"adhesion\w*",
        r"prelevements? mensuels?", r"reconduction\w*",
        r"abo\b", r"abos\b", r"mitgliedschaft\w*", r"tarif\w*", r"vertrag\w*",
        r"monatlichen abbuchung\w*",
    ),
    "account": (
        r"accounts?\b", r"log ?(?:in|on)\b", r"logg?ing in", r"sign ?(?:in|on)\b", r"signing in",
        r"password\w*", r"passcode", r"credentials", r"locked out", r"username",
        r"cuenta\w*", r"contrasena\w*", r"iniciar sesion", r"inicio de sesion", r"acceder",
        r"entrar (?:en|a) (?:mi|la) cuenta", r"usuario",
        r"compte\w*", r"mot de passe", r"identifiant\w*", r"me connecter", r"connexion au compte",
        r"konto\w*", r"passwort\w*", r"kennwort\w*", r"anmeld\w*", r"einlogg\w*", r"login",
        r"zugang\w*", r"benutzername",
    ),
    "payment": (
        r"charg\w*", r"billed", r"payments?\b", r"paid", r"pay\b", r"debit\w*", r"transaction\w*",
        r"(?:credit |debit )?cards?\b", r"visa", r"mastercard", r"checkout", r"instal?ments?",
        r"cobr\w*", r"cargo\w*", r"pago\w*", r"pagar", r"pague\w*", r"tarjeta\w*", r"plazos",
        r"preleve\w*", r"prelevement\w*", r"paiement\w*", r"payer", r"paye\w*",
        r"carte\w*", r"facture (?:deux fois|en double)",
        r"abgebucht", r"abbuchung\w*", r"zahlung\w*", r"bezahl\w*", r"zahlen", r"karte\w*",
        r"belast\w*", r"raten\w*", r"kasse",
    ),
    "invoice": (
        r"invoice\w*", r"receipt\w*", r"bill\b", r"bills\b", r"vat\b", r"tax",
        r"factura\w*", r"justificante\w*", r"recibo\w*", r"iva\b", r"nif\b",
        r"facture\w*", r"justificatif\w*", r"(?:un|le|mon|votre) recu\b", r"tva\b",
        r"rechnung\w*", r"beleg\w*", r"quittung\w*", r"mehrwertsteuer", r"ust\w*", r"mwst",
    ),
    "address": (
        r"address\w*", r"office", r"direccion\w*", r"domicilio", r"oficina", r"adresse\w*",
        r"bureau", r"\w*adresse\w*", r"anschrift", r"buro",
    ),
    "date": (
        r"dates?\b", r"fecha\w*", r"(?:la )?date\b", r"datum", r"termin\w*",
    ),
    "item": (
        r"items?\b", r"products?\b", r"articles?\b", r"(?:the )?wrong (?:one|size|colou?r)",
        r"articulo\w*", r"producto\w*", r"talla\w*",
        r"produit\w*", r"taille\w*",
        r"artikel\w*", r"produkt\w*", r"ware\b", r"grosse\b",
    ),
    "discount": (
        r"discount\w*", r"promo\w*", r"coupon\w*", r"voucher\w*", r"(?:gift )?codes?\b",
        r"sales?\b", r"offers?\b", r"deals?\b",
        r"descuento\w*", r"cupon\w*", r"codigo\w*", r"rebajas", r"ofertas?\b",
        r"reduction\w*", r"remise\w*", r"code\w*", r"bon d'achat", r"soldes", r"promotions?",
        r"rabatt\w*", r"gutschein\w*", r"aktionscode\w*", r"sale\b", r"angebot\w*",
        r"\w*schlussverkauf",
    ),
    "connection": (
        r"internet", r"wi-?fi", r"broadband", r"router", r"connection\w*", r"offline",
        r"fib(?:re|er)", r"signal",
        r"conexion\w*", r"fibra", r"senal\w*",
        r"connexion(?! au compte)", r"(?:la|ma|votre) box\b", r"reseau", r"fibre",
        r"verbindung\w*", r"wlan", r"netz\w*", r"storung\w*", r"dsl",
    ),
    "app": (
        r"apps?\b", r"application\w*", r"aplicacion\w*", r"appli\w*",
    ),
    "privacy": (
        r"(?:personal )?data\b", r"gdpr", r"information about me", r"everything you have about me",
        r"datos(?: personales)?", r"rgpd",
        r"donnees(?: personnelles)?",
        r"daten\w*", r"dsgvo",
    ),
    "messages": (
        r"e-?mails?\b", r"newsletter\w*", r"mailing list", r"marketing", r"promo mails",
        r"texts\b", r"sms",
        r"correos?\b", r"publicidad", r"boletin\w*",
        r"mails?\b", r"courriels?", r"lettre d'information",
        r"werbung",
    ),
    "fee": (
        r"fees?\b", r"penalt\w*", r"late (?:payment )?charge", r"surcharge",
        r"recargo\w*", r"comision\w*", r"penalizacion\w*", r"intereses de demora",
        r"frais", r"penalite\w*", r"majoration\w*",
        r"gebuhr\w*", r"mahngebuhr\w*", r"verzugs\w*", r"strafe\w*",
    ),
    "booking": (
        r"flights?\b", r"booking\w*", r"reservation\w*", r"tickets?\b", r"rebook\w*",
        r"vuelo\w*", r"reserva\w*", r"billete\w*",
        r"vol\b", r"vols\b", r"billet\w*",
        r"flug\w*", r"buchung\w*", r"reservierung\w*", r"umbuch\w*",
    ),
    "loan": (
        # An instalment is a part payment of a debt: a loan's, or a purchase's.
        r"loans?\b", r"repayment\w*", r"mortgage\w*", r"instal?ments?",
        r"prestamo\w*", r"hipoteca\w*", r"cuotas? del prestamo", r"plazos?\b",
        r"pret\b", r"echeance\w*", r"mensualite\w*", r"credit immobilier",
        r"kredit\w*", r"darlehen\w*", r"tilgung\w*", r"raten\w*",
    ),
    "warranty": (
        r"warrant\w*", r"guarantee\w*", r"repair\w*", r"replacement\w*", r"covered",
        r"garantia\w*", r"repar\w*", r"sustitucion\w*",
        r"garantie\w*", r"remplacement\w*", r"sav\b",
        r"gewahrleistung\w*", r"reparatur\w*", r"ersatz\w*",
    ),
})

# Problems specific enough that two messages reporting the same one ask the same thing,
# whatever object each names ("the coffee maker arrived broken" / "the product came
# damaged"); other asks ("when", "cancel", "doesn't work") need the same subject too.
DISTINCT_ASKS = frozenset({"damaged", "wrong", "missing", "duplicate", "hardship"})

# Subjects that set the scene of many requests ("my order", "the parcel", "my account",
# "my card") rather than name one: two messages about different scene-setters can still
# ask the same thing ("the coffee maker arrived broken" / "the product came damaged").
CONTEXT_SUBJECTS = frozenset({"order", "delivery", "item", "account", "payment", "app"})

# --- what the customer wants done -------------------------------------------------------

# The most specific asks come first: where two could match at one place, the first wins
# ("can't make this month's payment" is hardship, not a fault).

ASKS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    # Charged or sent twice.
    "duplicate": (
        r"twice", r"two (?:payments|charges|transactions|debits)", r"double\w*", r"duplicat\w*",
        r"charged (?:me )?(?:two|2) times", r"same (?:order|purchase|payment) (?:two|2) times",
        r"dos veces", r"dos (?:cargos|cobros|pagos)", r"duplicad[oa]s?", r"doble\b",
        r"deux fois", r"deux (?:paiements|prelevements|debits)", r"en double", r"doubl\w*",
        r"doppelt\w*", r"zwei(?:mal| mal)", r"zwei (?:zahlungen|abbuchungen|buchungen)",
    ),
    # Cannot pay what is due.
    "hardship": (
        r"(?:can't|cannot|can not|unable to|won't be able to) (?:make|afford|pay|cover)"
        r"(?: (?:\w+ ){0,4}(?:payment|instal?ment|repayment|bill|rent))?",
        r"won't have (?:the )?(?:money|funds|cash)", r"skip (?:\w+ ){0,3}(?:payment|instal?ment"
        r"|repayment)", r"(?:lost|losing) (?:my )?(?:job|hours|income)", r"short on money",
        r"payment (?:holiday|break|plan)", r"defer\w*", r"postpone\w*",
        r"no (?:puedo|podre|voy a poder) pagar", r"no (?:tengo|tendre) (?:dinero|para pagar)",
        r"aplazar\w*", r"saltar(?:me)? (?:la|una) cuota",
        r"(?:ne peux|ne pourrai|n'arrive) pas (?:a )?payer", r"reporter (?:\w+ )?(?:echeance"
        r"|mensualite|paiement)", r"sauter (?:une|la) (?:echeance|mensualite)",
        r"(?:kann|werde) (?:\w+ )?nicht (?:\w+ )?(?:zahlen|bezahlen)", r"stund\w*",
        r"aussetzen", r"rate (?:\w+ )?(?:verschieben|aussetzen)",
    ),
    "damaged": (
        r"broken", r"damaged?", r"crack\w*", r"smashed", r"defective", r"faulty", r"dented",
        r"torn", r"stopped working", r"(?:box|package|parcel) (?:was |is )?(?:open|opened"
        r"|ripped)",
        r"rot[oa]s?\b", r"danad[oa]s?", r"(?:caja|paquete) (?:estaba |esta |llego )?abiert[oa]",
        r"defectuos[oa]s?", r"estropead[oa]s?", r"rajad[oa]",
        r"cass[ee]e?s?\b", r"abime\w*", r"(?:carton|colis) (?:etait |est |est arrive )?ouvert",
        r"endommage\w*", r"defectueu\w*", r"fele\w*",
        r"kaputt\w*", r"beschadig\w*", r"(?:karton|paket) (?:war )?(?:offen|geoffnet)",
        r"defekt\w*", r"zerbroch\w*", r"sprung",
    ),
    "wrong": (
        r"wrong", r"incorrect", r"not what i (?:ordered|bought|paid for)", r"instead of",
        r"different from", r"doesn't match",
        r"equivocad[oa]s?", r"incorrect[oa]s?", r"no es lo que (?:pedi|compre)", r"en vez de",
        r"no coincide",
        r"mauvais\w*", r"errone\w*", r"pas ce que j'ai commande", r"au lieu d[eu]",
        r"ne correspond pas",
        r"falsch\w*", r"nicht bestellt", r"statt\b", r"anstatt", r"passt nicht",
    ),
    "missing": (
        r"missing", r"(?:wasn't|was not|isn't|is not|weren't) in the (?:box|parcel|package)",
        r"only (?:got|received) \d", r"incomplete",
        r"falta\w*", r"incomplet[oa]", r"no venia",
        r"manqu\w*", r"incomplet\w*",
        r"fehl\w*", r"unvollstandig\w*",
    ),
    "stop": (
        r"cancel\w*", r"stop\w*", r"\bend\b", r"terminat\w*", r"unsubscrib\w*", r"quit\b",
        r"don't want (?:\w+ ){0,3}(?:any ?more|again)", r"no longer want", r"take me off",
        r"clos(?:e|ing) (?:my|the|this|our)\b", r"log ?(?:me )?out", r"sign ?(?:me )?out",
        r"anul\w*", r"(?:darme|dar|doy|dado) de baja", r"dejar de",
        r"no quiero (?:\w+ ){0,3}mas",
        r"ya no quiero", r"cerrar (?:mi|la|el)\b",
        r"annul\w*", r"resili\w*", r"arret\w*", r"mettre fin", r"mettez fin", r"desabonn\w*",
        r"ne (?:veux|souhaite) plus", r"ferm(?:er|ez) (?:mon|ma|le|la|votre)\b", r"desinscri\w*",
        r"kundig\w*", r"schlie(?:ß|ss)\w*", r"storn\w*", r"beend\w*", r"stopp\w*",
        r"abmeld\w*", r"abbestell\w*",
        r"nicht mehr (?:\w+ ){0,2}(?:nutzen|haben|bekommen|wollen)",
    ),
    "change": (
        r"chang\w*", r"updat\w*", r"modif\w*", r"switch\w*", r"edit\w*", r"move\b", r"moved to",
        r"(?:up|down)grad\w*", r"rebook\w*", r"correct\b", r"fix (?:it|this|that)\b",
        r"new address", r"(?:go|be sent|deliver\w*) to (?:my|a|the) (?:new|other|office|work)",
        r"cambi\w*", r"modific\w*", r"actualiz\w*", r"pasar(?:me)? a", r"corregi\w*",
        r"modifi\w*", r"passer a", r"corrig\w*",
        r"ander\w*", r"wechsel\w*", r"umstell\w*", r"umbuch\w*", r"aktualisier\w*",
        r"korrigier\w*",
    ),
    "remove": (
        r"delet\w*", r"eras\w*", r"remov\w*", r"waiv\w*", r"refund the fee",
        r"borr\w*", r"elimin\w*", r"suprim\w*", r"quit(?:ar|en|ad)\w*",
        r"supprim\w*", r"effac\w*", r"annuler les frais",
        r"losch\w*", r"entfern\w*", r"erlass\w*", r"streich\w*",
    ),
    # To be given something: a document, a code, a label, a number.
    "obtain": (
        r"need (?:an?|the|my|a new) ", r"(?:send|email|e-mail|give) me", r"can i (?:get|have)",
        r"could i (?:get|have)", r"(?:where|how) (?:can|do) i (?:get|find|download|obtain)",
        r"download\w*", r"i'd like (?:an?|the|my)",
        r"necesito (?:un|una|el|la|mi)\b", r"(?:mandar|enviar|dar)me(?! de baja)",
        r"(?:me )?(?:podeis|puede"
        r"|podrias) (?:mandar|enviar|dar)", r"descarg\w*",
        r"j'ai besoin d'(?:un|une)", r"(?:envoyer|donner)(?:-moi| moi)", r"m'envoyer",
        r"(?:vous pouvez|pouvez-vous|tu peux) m'(?:envoyer|donner)", r"telecharg\w*",
        r"ich brauche (?:eine?n?|die|den|das)\b", r"(?:schicken|senden|geben) sie mir",
        r"mir (?:\w+ ){0,4}(?:schicken|senden|geben)", r"herunterlad\w*", r"runterlad\w*",
    ),
    # Information about what is offered or how things work, not a problem with them.
    "inquire": (
        r"what(?:'s| is| are) (?:included|the difference|the price|the cost)",
        r"how much (?:is|does"
        r"|do|are)", r"how long (?:is|does|do|are)", r"do you (?:sell|have|offer|accept|ship|do)",
        r"is there (?:a|an|any)", r"which (?:plan|courier|one)", r"what (?:plan|data|time)",
        r"cuanto (?:cuesta|dura|tarda)", r"(?:vendeis|teneis|aceptais|ofreceis)",
        r"hay (?:alguna?|un)",
        r"(?:combien|quelle est|quel est|quelle formule)", r"(?:vous vendez|vous avez|vous acceptez"
        r"|vous proposez)", r"il y a (?:des|un|une)",
        r"wie (?:lange|viel|teuer)", r"(?:verkauft|habt|akzeptiert|bietet) ihr", r"gibt es",
        r"welche[nrs]? (?:tarif|paketdienst)",
    ),
    # Why something happened.
    "explain": (
        r"why\b", r"how come", r"por que", r"porque", r"pourquoi", r"warum", r"wieso",
        r"weshalb",
    ),
    "fault": (
        r"(?:does|do|did|is|are|was|were|won't|will not|can't|cannot|can not)(?:n't| not)?"
        r" (?:\w+ )?(?:work|working|accept\w*|open|load|let me|go through)",
        r"not working", r"doesn't work", r"won't (?:open|work|load|accept|let)", r"fail\w*",
        r"error\w*", r"declin\w*", r"reject\w*", r"invalid", r"crash\w*", r"keeps? (?:closing"
        r"|crashing|saying|failing|getting)", r"shuts? down", r"(?:is|are|been) (?:down|blocked"
        r"|locked|suspended)", r"(?:can't|cannot|can not|unable to) (?:log|sign|get|access"
        r"|make|pay|open|use|do)", r"locked", r"blocked", r"suspended", r"no (?:connection"
        r"|internet|sound|signal)", r"(?:be|get|been|gets) (?:\w+ )?(?:fixed|repaired|resolved"
        r"|sorted)", r"back (?:up|online|on)\b",
        r"no (?:me )?(?:funciona|va|deja|acepta|aplica|carga|abre)", r"rechaz\w*",
        r"no valid\w*", r"bloquead\w*", r"suspendid\w*", r"no puedo (?:entrar|pagar|acceder"
        r"|iniciar)", r"sin (?:conexion|internet|senal)", r"arregl\w*", r"solucion\w*",
        r"(?:ne )?(?:marche|fonctionne|s'applique|passe) pas", r"erreur\w*", r"refus\w*",
        r"plant\w*", r"se (?:ferme|bloque|coupe)", r"bug\w*",
        r"invalide", r"bloque\w*", r"suspendu\w*", r"impossible de", r"n'arrive pas a",
        r"aucune connexion", r"(?:sera|soit|etre) (?:\w+ )?(?:reparee?|retablie?|resolue?)",
        r"retabli\w*",
        r"(?:funktioniert|geht|klappt) (?:\w+ )?nicht", r"fehler\w*", r"abgelehnt",
        r"ungultig", r"gesperrt", r"blockiert", r"komme nicht", r"kann mich nicht",
        r"keine verbindung", r"nicht abgezogen", r"behoben", r"wieder (?:funktioniert|geht|da)",
    ),
    # Waiting for something that has not come: where, when, still not, not yet, already?
    # "When" and its translations only as a question ("when will it come"), not as a
    # conjunction ("it crashes when I open it"): Spanish and French lose the accent
    # that tells them apart when folded, so the verb after them decides.
    "waiting": (
        r"where(?:'s| is| are| has| did| do)\b",
        r"when (?:will|do|does|did|is|are|can|am|should|shall|would|could|are you|is it)\b",
        r"(?:know|tell me|asking|wondering|any idea|let me know) (?:when|where)\b",
        r"still\b", r"(?:not|n't) yet", r"yet(?= ?(?:[?!.]|$))", r"already(?= ?(?:[?!.]|$))",
        r"(?:has|have|had|did|does|do)(?:n't| not) (?:\w+ )?(?:arrive|arrived|come|came|got"
        r"|gotten|received|get|receive|show(?:n)? up|turn(?:ed)? up|been (?:delivered"
        r"|refunded|paid|credited|sent|processed))",
        r"never (?:arrived|came|got|received|showed up|turned up|been)", r"no sign of",
        r"waiting", r"nothing\b", r"(?:gone|went|go) through", r"(?:been )?processed",
        r"on (?:its|the|their) way", r"what(?:'s| is) (?:going on|happening)",
        r"what happened", r"status", r"how (?:much )?longer", r"any news", r"any update",
        r"donde (?:esta|estan|anda|va)\b",
        r"cuando (?:me|te|se|llega|llegara|llegan|va|vais|van|voy|vas|estara|recibire|podre"
        r"|sera|devolveis|devolvereis|tendre|veo|vere)\b", r"saber cuando",
        r"todavia\b", r"aun\b", r"sigo (?:esperando|sin)", r"ya (?:me |lo |la |se )?(?:ha|han"
        r"|habeis|has|esta|estan)\b", r"en camino",
        r"no (?:me )?(?:ha|han|habeis|has) (?:llegado|devuelto|reembolsado|entregado)",
        r"nada\b", r"que pasa", r"esperando",
        r"ou (?:est|en est|sont|en sont)\b",
        r"quand (?:est-ce|est ce|vais|va|vont|allez|sera|serai|seront|aurai|recevrai"
        r"|pourrai)\b", r"savoir quand",
        r"toujours (?:pas|rien|aucun)", r"pas encore", r"deja (?:arrive|parti|envoye|traite"
        r"|rembourse)\w*", r"en cours", r"en route",
        r"(?:n'|ne )(?:est|a|ai|ont|avons)(?: toujours)? (?:pas|rien|jamais) (?:\w+ )?(?:arrive"
        r"|recu|livre|rembourse|eu|vu|venu)\w*",
        r"rien (?:recu|vu)", r"j'attends", r"que se passe",
        r"wo (?:ist|bleibt|sind)\b", r"wann\b", r"immer noch", r"noch (?:nicht|kein\w*|nichts)",
        r"nicht (?:angekommen|erhalten|bekommen|gekommen|zuruck)", r"warte\w*",
        r"was ist (?:da )?los", r"endlich", r"schon (?:unterwegs|da|angekommen|bearbeitet"
        r"|uberwiesen|verschickt|raus)", r"unterwegs",
    ),
})

# A request added to the first one, not the first one again.
ADDITIVE: tuple[str, ...] = (
    # "too" only closing a clause: "the refund for shipping too", not "too slow".
    r"also", r"too(?= ?(?:[.!?,;]|$))", r"as well", r"another", r"in addition", r"one more",
    r"tambien", r"ademas", r"otro\b", r"otra\b",
    r"aussi", r"egalement", r"en plus", r"un autre", r"une autre",
    r"auch\b", r"ausserdem", r"zusatzlich", r"noch (?:ein|eine|einen)\b",
)

# Function words and pleasantries, per language; the language of a message is the one
# whose words it uses most.
STOP_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": frozenset("""
        a an the and or but if so of to in on at by for from with about as into than then
        i me my mine myself we us our you your he she it its they them their this that these
        those there here is are was were be been being am do does did doing have has had
        having will would shall should can could may might must just very really please pls
        plz hi hello hey thanks thank thx ok okay yes yeah no not don dont can cant won isn
        aren wasn weren haven hasn didn doesn ve ll re im ive id
        what which who whom how why any some all also too again now still yet get got gotten
        want wanted need needed like would'd know tell let help someone anyone something
        anything one two
        """.split()),
    "es": frozenset("""
        el la los las un una unos unas y o pero si de del a al en con por para sin sobre que
        como cuando donde quien cual yo me mi mis mio tu te ti tus su sus nos nuestro nuestra
        vosotros os usted ustedes ellos ellas le les lo se es son soy eres fue era ser estar
        esta estoy estan estas he ha han has hemos habeis hay muy ya no mas por favor hola
        gracias vale bueno quiero quisiera necesito puedo podeis puede podria me podeis
        algo alguien esto eso este ese esa
        """.split()),
    "fr": frozenset("""
        le la les l un une des du de d et ou mais si a au aux en dans avec par pour sans sur
        que qu qui quoi comment quand ou je j me m moi mon ma mes tu te t toi ton ta tes il
        elle on nous vous ils elles leur leurs lui y se s ce c cet cette ces est sont suis es
        etre ete ai as a avons avez ont n ne pas plus tres deja bonjour salut merci svp
        il vous plait veux voudrais peux pouvez puis besoin quelque chose quelqu un
        """.split()),
    "de": frozenset("""
        der die das den dem des ein eine einen einem einer eines und oder aber wenn dass von
        zu zum zur in im an am auf mit fur bei aus nach uber um ich mich mir mein meine meinen
        meinem meiner du dich dir dein sie ihr ihre ihren ihnen er es wir uns unser euch ist
        sind bin bist war waren sein habe hast hat haben hatte wird werden kann konnen konnte
        mochte mochten will wollen bitte hallo danke ja nein nicht sehr schon mal doch noch
        was wie wo wer warum etwas jemand gibt da hier so
        """.split()),
})
