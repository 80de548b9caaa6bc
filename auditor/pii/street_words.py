"""The words street addresses are written with, per convention, as regular-expression parts.

Sources: the USPS street suffixes (Publication 28, appendix C1) and secondary unit
designators (appendix C2) and state codes; Australia Post's street types; Canada
Post's province codes; the Spanish INE types of road (tipos de vía); the Italian
DUG (denominazioni urbanistiche generiche); French, Portuguese, Polish, Greek, Czech,
Hungarian and Scandinavian street words; German and Dutch street-name endings.
All parts are matched case-insensitively unless a caller says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable


def alternatives(words: Iterable[str]) -> str:
    """A non-capturing group of the words, longest first (so "streets" beats "street")."""
    return "(?:" + "|".join(sorted(set(words), key=lambda word: (-len(word), word))) + ")"


# English street types after the name whose only common meaning is a road.
ROAD_TYPES = (
    "street", "streets", "st", "avenue", "avenues", "ave", "road", "roads", "rd", "boulevard",
    "blvd", "lane", "lanes", "ln", "drive", "drives", "dr", "court", "courts", "ct", "terrace",
    "ter", "parkway", "parkways", "pkwy", "highway", "hwy", "circle", "circles", "cir",
    "crescent", "cres", "close", "plaza", "plz", "square", "squares", "sq", "place", "pl",
    "trail", "trl", "alley", "aly", "mews", "gardens", "gdns", "grove", "groves", "expressway",
    "expy", "freeway", "fwy", "causeway", "cswy", "turnpike", "tpke", "crossing", "xing",
    "crossroad", "crossroads", "heights", "hts", "stravenue", "thoroughfare", "underpass",
    "overpass", "viaduct", "junction", "junctions", "jct", "skyway", "trafficway", "motorway",
    "esplanade", "parade", "promenade", "rue", "radial", "circuit", "concourse", "quay",
    "wharf", "wynd", "laneway", "roadway", "walkway", "trunkway", "cul-de-sac", "boulevarde",
    "marg", "nagar", "chowk", "colony", "vihar", "enclave", "layout",
)
# English street types that are also ordinary nouns ("12 Christmas Lights", "5 Star
# Way"): an address only with more evidence (a unit, a postcode, a context word).
NOUN_TYPES = (
    "anex", "annex", "arcade", "bayou", "beach", "bend", "bluff", "bluffs", "bottom", "branch",
    "bridge", "brook", "brooks", "burg", "burgs", "bypass", "camp", "canyon", "cape", "center",
    "centers", "centre", "cliff", "cliffs", "club", "common", "commons", "corner", "corners",
    "course", "cove", "coves", "creek", "crest", "curve", "dale", "dam", "divide", "estate",
    "estates", "extension", "extensions", "fall", "falls", "ferry", "field", "fields", "flat",
    "flats", "ford", "fords", "forest", "forge", "forges", "fork", "forks", "fort", "gateway",
    "glen", "glens", "green", "greens", "harbor", "harbors", "harbour", "haven", "hill",
    "hills", "hollow", "inlet", "island", "islands", "isle", "key", "keys", "knoll", "knolls",
    "lake", "lakes", "land", "landing", "light", "lights", "loaf", "lock", "locks", "lodge",
    "loop", "mall", "manor", "manors", "meadow", "meadows", "mill", "mills", "mission", "mount",
    "mountain", "mountains", "neck", "orchard", "oval", "park", "parks", "pass", "passage",
    "path", "pike", "pine", "pines", "plain", "plains", "point", "points", "port", "ports",
    "prairie", "ramp", "ranch", "rapid", "rapids", "rest", "ridge", "ridges", "river", "route",
    "row", "run", "shoal", "shoals", "shore", "shores", "spring", "springs", "spur", "spurs",
    "station", "stream", "summit", "trace", "track", "trailer", "tunnel", "union", "unions",
    "valley", "valleys", "view", "views", "village", "villages", "ville", "vista", "walk",
    "walks", "wall", "way", "ways", "well", "wells", "villas", "riviera", "approach", "brace",
    "brow", "entrance", "glade", "grange", "link", "ramble", "retreat", "rise", "round",
    "strip", "turn", "vale", "triangle", "path", "ganj", "bagh", "zila",
)
# Street types written before the name (Romance languages, Polish, Greek, Czech, Romanian):
# "Calle de Alcalá", "rue des Lilas", "Via Roma", "ul. Paderewskiego".
TYPE_BEFORE_NAME = (
    # Spanish and Catalan
    "calle", "c/", "avenida", "avda", "paseo", "plaza", "pza", "camino", "carretera", "ctra",
    "ronda", "travesía", "travesia", "glorieta", "pasaje", "pasadizo", "alameda", "bulevar",
    "callejón", "callejon", "cuesta", "vía", "urbanización", "urbanizacion", "urb", "rambla",
    "acceso", "bajada", "barranco", "cañada", "carrera", "senda", "vereda", "polígono", "vial",
    "carrer", "passeig", "avinguda", "plaça",
    # French
    "rue", "avenue", "boulevard", "bd", "bvd", "chemin", "impasse", "allée", "allee", "quai",
    "rond-point", "sentier", "faubourg", "fbg", "montée", "parvis", "cité", "résidence",
    "hameau", "lieu-dit", "chaussée", "ruelle", "esplanade", "promenade",
    # Italian
    "viale", "piazza", "piazzale", "corso", "vicolo", "strada", "contrada", "borgo",
    "lungomare", "lungarno", "lungotevere", "salita", "vico", "traversa", "località",
    "frazione", "circonvallazione", "stradone", "fondamenta", "canale", "rotonda", "piazzetta",
    "vicoletto", "viottolo", "sentiero", "borgata", "rione", "calle",
    # Portuguese
    "rua", "travessa", "praça", "estrada", "beco", "calçada", "rotunda", "caminho", "praceta",
    # Polish, Czech, Romanian, Greek
    "ul", "ulica", "aleja", "al", "plac", "os", "osiedle", "náměstí", "třída", "nábřeží",
    "bulevardul", "calea", "aleea", "piața", "οδός", "λεωφόρος", "πλατεία",
    # Dutch and Flemish forms that lead: "Laan van Meerdervoort"
    "laan", "av",
)
# Of those, the ones that are also English or ordinary words ("via email", "place 2"):
# a street only when capitalised, or in text written without capitals.
# Written with a full stop ("ul.", "C.", "R."), an abbreviation is not ambiguous.
TYPE_BEFORE_NAME_AMBIGUOUS = ("via", "route", "place", "square", "passage", "villa", "cours",
                              "largo", "campo", "riva", "voie", "av", "al", "os", "ul", "bd",
                              "pl", "c", "r")
# Street words of the languages that write the house number after the name,
# standing as a word of their own ("Berliner Str. 112", "Fő utca 5", "Am Markt 7").
TYPE_WORD_BEFORE_NUMBER = (
    "straße", "strasse", "str", "weg", "allee", "platz", "ring", "damm", "ufer", "markt",
    "gasse", "chaussee", "steig", "pfad", "graben", "kai", "utca", "u", "út", "útja", "tér",
    "körút", "köz", "sor", "fasor", "sétány", "rakpart", "ulica", "cesta", "trg", "gata",
    "gatan", "vägen", "vej", "gade", "veien", "vei", "allé", "straat", "laan", "plein",
    "gracht", "kade", "singel", "dijk", "dreef", "hof", "pad", "steeg", "lei", "katu", "tie",
    "vegur", "stræti", "braut",
)
# The same words as the end of a compound name: "Hauptstraße 5", "Kurt-Hornig-Ring 64",
# "Keizersgracht 221", "aðalgata 37", "Mannerheimintie 5".
# Endings that are also the end of ordinary words ("during" ends in "ring"): only in
# a capitalised compound.
COMPOUND_ENDINGS_CAPITALISED = ("ring", "weg", "hof", "pad", "lei", "tie", "baan", "markt",
                                "dijk", "tori", "anger", "zeile", "graben", "steig", "pfad",
                                "kade", "laan", "damm", "ufer", "kuja", "polku")
COMPOUND_ENDINGS = (
    "straße", "strasse", "str.", "gasse", "weg", "allee", "platz", "ring", "damm", "ufer",
    "chaussee", "steig", "pfad", "markt", "graben", "anger", "zeile", "straat", "laan", "plein",
    "gracht", "kade", "singel", "dijk", "dreef", "steeg", "plantsoen", "burgwal", "kaai",
    "steenweg", "baan", "hof", "pad", "lei", "boulevard", "gata", "gatan", "vägen", "väg",
    "veien", "vegen", "vej", "gade", "stræde", "allé", "torget", "plads", "katu", "tie",
    "kuja", "polku", "tori", "vegur", "stræti", "braut",
)
# Secondary units: USPS C2, and the floor and door words of other conventions.
UNIT_WORDS = (
    "apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "studio",
    "level", "lot", "bldg", "building", "block", "dept", "#", "h.no", "house no",
    "piso", "puerta", "pta", "planta", "escalera", "esc", "portal",
    "appartement", "app", "bât", "bat", "bâtiment", "étage", "etage", "escalier", "porte",
    "bte", "boîte", "bus",
    "whg", "wohnung", "stock", "etg",
    "interno", "int", "scala", "piano", "appartamento",
    "huis", "verdieping", "lok",
)
# Post office boxes: "P.O. Box 123", "Postfach 1234", "Apartado de Correos 45".
PO_BOX_WORDS = (
    r"p\.?\s?o\.?\s?box", "post office box", "postfach", r"apartado(?: de correos)?", r"apdo\.?",
    r"bo[îi]te postale", "casella postale", "postbus", "skrytka pocztowa", "caixa postal",
)
# "BP 123" and "CP 45" name other things too (blood pressure, a product code).
PO_BOX_AMBIGUOUS = (r"b\.?p\.?", r"c\.?p\.?", "cedex")
# USPS state and territory codes, and the military "states".
US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA",
    "AE", "AP",
)
CA_PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")
AU_STATES = ("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA")
# Compass points before a street name: "2210 N. Kestrel Ave", "30 N. Stadion".
DIRECTIONS = ("n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west")
# Words announcing a postcode: "ZIP: 11164", "PLZ 10115", "código postal 28013".
POSTCODE_LABELS = (
    "zip", "zip code", "zipcode", "postcode", "post code", "postal code", "plz",
    "postleitzahl", "code postal", "cp", "cap", "código postal", "codigo postal", "pin code",
    "pincode",
)
