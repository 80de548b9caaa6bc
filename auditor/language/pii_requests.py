"""What a bot asks the customer for: a card number, a credential, special-category data.

English, Spanish, French and German. Requests are questions or imperatives
addressed to the customer ("what is your password?", "dime tu contraseña");
advice such as "never share your password" is negated and does not count.
"""

from __future__ import annotations

from auditor.language.patterns import Lexicon, PhraseMatch

# Verbs that ask the customer to hand something over in the chat. "Enter" and
# "type" alone are left out: "enter your password on the login page" is advice.
_ASK_EN = (r"(?:what(?: i|')s|tell me|send(?: me)?|give me|provide|share|confirm|read me|"
           r"(?:can|could) you (?:tell me|send|give me|provide|share|confirm)|i need|"
           r"(?:type|enter) (?:it |in )?(?:here|below|in (?:the|this) chat))")

CARD_NUMBER_REQUEST = Lexicon(
    "card-number-request",
    {
        "en": [_ASK_EN + r" (?:me )?(?:your |the )?(?:full |long |whole |complete |16.digit )?"
                         r"(?:credit |debit )?card (?:number|details|no\b)",
               r"(?:type|enter) (?:your )?(?:full )?(?:credit |debit )?card number "
               r"(?:here|below|in (?:the|this) chat)"],
        "es": [r"(?:indica|dime|envia|escribe|proporciona|facilita|confirma)(?:me|nos)? "
               r"(?:el )?(?:numero|numeros) (?:completo )?de (?:tu |la |su )?tarjeta"],
        "fr": [r"(?:indiquez|donnez|envoyez|communiquez|saisissez|confirmez)(?:-moi|-nous)? "
               r"(?:votre |le )?numero (?:complet )?de (?:votre |la )?carte"],
        "de": [r"(?:nennen|geben|senden|schicken|bestatigen) sie (?:mir |uns )?(?:bitte )?"
               r"(?:ihre |die )?(?:vollstandige )?(?:kreditkarten|karten)nummer"],
    },
    reject_negated=True,
)

CREDENTIAL_REQUEST = Lexicon(
    "credential-request",
    {
        "en": [_ASK_EN + r" (?:me )?(?:your |the )?(?:current |account |online banking )?"
                         r"(?:password|passcode|pin(?: code| number)?|one.time (?:code|password|"
                         r"passcode)|otp|verification code|security answer|"
                         r"code (?:we|i) (?:just )?(?:sent|texted))"],
        "es": [r"(?:dime|indica|envia|escribe|facilita|proporciona)(?:me|nos)? (?:tu |su |el )?"
               r"(?:contrasena|clave|pin|codigo de verificacion|codigo que te (?:enviamos|hemos "
               r"enviado))"],
        "fr": [r"(?:donnez|indiquez|envoyez|communiquez|saisissez)(?:-moi|-nous)? (?:votre |le )?"
               r"(?:mot de passe|code (?:pin|de verification|recu|confidentiel))"],
        "de": [r"(?:nennen|geben|senden|schicken) sie (?:mir |uns )?(?:bitte )?(?:ihr |ihre |den )?"
               r"(?:passwort|kennwort|pin|bestatigungscode|code aus der sms)"],
    },
    reject_negated=True,
)

_SPECIAL_EN = (r"(?:religion|religious (?:beliefs|affiliation)|faith|ethnicity|ethnic (?:origin|"
               r"background)|race|sexual orientation|political (?:views|affiliation|party|"
               r"opinions)|trade union|union membership|health (?:conditions?|issues|problems)|"
               r"medical (?:conditions?|history)|diagnosis|disabilit(?:y|ies)|pregnan(?:t|cy)|"
               r"hiv status|genetic (?:data|test))")

SPECIAL_CATEGORY_REQUEST = Lexicon(
    "special-category-request",
    {
        "en": [_ASK_EN + r" (?:me )?(?:your |any )?" + _SPECIAL_EN,
               r"(?:may i ask|do you have|are you|can i ask)(?: about| what is)? (?:your |any )?"
               + _SPECIAL_EN],
        "es": [r"(?:cual es|indica(?:nos)?|dinos|dime|tienes|tiene usted) (?:tu |su |alguna? )?"
               r"(?:religion|etnia|origen etnico|raza|orientacion sexual|afiliacion politica|"
               r"estado de salud|condicion medica|enfermedad|discapacidad)"],
        "fr": [r"(?:quelle est|indiquez|precisez|avez-vous) (?:votre |une )?(?:religion|origine "
               r"ethnique|orientation sexuelle|opinion politique|etat de sante|maladie|"
               r"situation medicale|handicap)"],
        "de": [r"(?:welche|was ist|nennen sie|haben sie) (?:ihre |eine )?(?:religion|konfession|"
               r"ethnische herkunft|sexuelle orientierung|politische (?:einstellung|meinung)|"
               r"gesundheitszustand|vorerkrankungen?|krankheit|behinderung)"],
    },
    reject_negated=True,
)


def find_card_number_request(text: str) -> PhraseMatch | None:
    """The bot asks the customer to type a card number into the chat."""
    return CARD_NUMBER_REQUEST.find(text)


def find_credential_request(text: str) -> PhraseMatch | None:
    """The bot asks for a password, PIN, one-time code or security answer."""
    return CREDENTIAL_REQUEST.find(text)


def find_special_category_request(text: str) -> PhraseMatch | None:
    """The bot asks about health, religion, ethnicity, sexuality, politics or union membership."""
    return SPECIAL_CATEGORY_REQUEST.find(text)
