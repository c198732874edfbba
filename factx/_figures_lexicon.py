"""Lexicon for the figure scanner: currency symbols, codes and names to ISO 4217, units of measure
to pint-style canonical names, scale words. Plain data, so the hot path is a dict look-up."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


Money = tuple[str, str | None, float]
"""(unit, ISO 4217 currency or None, factor to the unit): "cents" -> ("USD", "USD", 0.01)."""

# ISO codes accepted in any case ("usd 200"); other codes only in upper case ("ALL", "TRY", "CUP"
# are English words).
SAFE_CODES = frozenset(words(
    "usd eur gbp jpy cny rmb chf cad aud nzd hkd sgd inr rub brl mxn krw sek nok dkk pln zar ils sar aed "
    "qar kwd egp lbp myr thb idr php vnd bgn uah mnt czk huf ron ngn kes pkr bdt lkr twd ars clp cop pen "
    "dem frf itl esp nlg bef fim ats xau btc"
))
UPPER_CODES = frozenset(words("ALL TRY CUP TOP MOP BOB GEL LAK CRC IRR IQD JOD OMR BHD MAD TND DZD"))

# Symbols and prefixes written before (or after) the amount.
SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "u.s$": "USD", "usd$": "USD",
    "c$": "CAD", "cad$": "CAD", "a$": "AUD", "au$": "AUD", "aud$": "AUD", "nz$": "NZD", "nzd$": "NZD",
    "hk$": "HKD", "s$": "SGD", "nt$": "TWD", "r$": "BRL", "mex$": "MXN", "mxn$": "MXN",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₪": "ILS", "₺": "TRY",
    "₡": "CRC", "₾": "GEL", "₭": "LAK", "₦": "NGN", "₫": "VND", "฿": "THB", "₱": "PHP", "₴": "UAH",
    "元": "CNY", "rs": "INR", "rs.": "INR", "rm": "MYR", "₿": "BTC", "ரூ": "LKR",
}
_NON_ISO = frozenset({"BTC"})

# Currency names written after the amount (singular; plurals are derived below).
_NAMES: dict[str, str] = {
    "dollar": "USD", "buck": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "united states dollar": "USD", "canadian dollar": "CAD", "australian dollar": "AUD",
    "new zealand dollar": "NZD", "hong kong dollar": "HKD", "singapore dollar": "SGD",
    "taiwan dollar": "TWD", "new taiwan dollar": "TWD", "euro": "EUR", "pound": "GBP",
    "pound sterling": "GBP",
    "british pound": "GBP", "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY",
    "chinese yuan": "CNY", "renminbi": "CNY", "kuai": "CNY", "franc": "FRF", "french franc": "FRF",
    "swiss franc": "CHF", "belgian franc": "BEF", "mark": "DEM", "deutsche mark": "DEM",
    "german mark": "DEM", "d-mark": "DEM", "deutschmark": "DEM", "markka": "FIM", "finnish markka": "FIM",
    "markkaa": "FIM", "peseta": "ESP", "guilder": "NLG", "dutch guilder": "NLG", "lira": "ITL",
    "lire": "ITL", "italian lira": "ITL", "turkish lira": "TRY", "rupee": "INR", "indian rupee": "INR",
    "sri lankan rupee": "LKR", "pakistani rupee": "PKR", "peso": "MXN", "mexican peso": "MXN",
    "philippine peso": "PHP", "argentine peso": "ARS", "chilean peso": "CLP", "colombian peso": "COP",
    "ruble": "RUB", "rouble": "RUB", "shekel": "ILS", "new shekel": "ILS", "riyal": "SAR",
    "saudi riyal": "SAR", "saudiriyal": "SAR", "qatari riyal": "QAR", "rial": "IRR", "iranian rial": "IRR",
    "dinar": "IQD", "iraqi dinar": "IQD", "kuwaiti dinar": "KWD", "jordanian dinar": "JOD",
    "dirham": "AED", "baht": "THB", "ringgit": "MYR", "malaysian ringgit": "MYR",
    "malaysia ringgit": "MYR", "south african rand": "ZAR", "rand": "ZAR", "reais": "BRL",
    "brazilian real": "BRL", "zloty": "PLN", "zlotys": "PLN", "forint": "HUF", "koruna": "CZK",
    "krona": "SEK", "kronor": "SEK", "swedish krona": "SEK", "krone": "NOK", "norwegian krone": "NOK",
    "danish krone": "DKK", "kroner": "NOK", "danish kroner": "DKK", "norwegian kroner": "NOK",
    "rupiah": "IDR", "naira": "NGN", "hryvnia": "UAH", "lari": "GEL", "kip": "LAK", "colón": "CRC",
    "colon": "CRC", "tugrik": "MNT", "dong": "VND", "taka": "BDT", "lebanese pound": "LBP",
    "egyptian pound": "EGP", "egyptianpound": "EGP", "won": "KRW", "south korean won": "KRW",
    "bitcoin": "BTC", "btc": "BTC", "satoshi": "BTC", "escudo": "PTE", "drachma": "GRD",
    "schilling": "ATS", "kwacha": "ZMW", "cedi": "GHS", "shilling": "KES", "kenyan shilling": "KES",
}
_SUBUNITS: dict[str, Money] = {
    "cent": ("USD", "USD", 0.01), "cents": ("USD", "USD", 0.01), "penny": ("USD", "USD", 0.01),
    "pennies": ("USD", "USD", 0.01), "pence": ("GBP", "GBP", 0.01), "¢": ("USD", "USD", 0.01),
    "satoshis": ("BTC", None, 1e-8), "satoshi": ("BTC", None, 1e-8), "kopiykas": ("UAH", "UAH", 0.01),
    "canadian cents": ("CAD", "CAD", 0.01), "australian cents": ("AUD", "AUD", 0.01),
    "euro cents": ("EUR", "EUR", 0.01), "us cents": ("USD", "USD", 0.01), "u.s. cents": ("USD", "USD", 0.01),
    "hong kong cents": ("HKD", "HKD", 0.01), "new zealand cents": ("NZD", "NZD", 0.01),
}
_PLURAL_EXCEPTIONS = {"yen", "yuan", "renminbi", "sterling", "baht", "won", "rand", "kip", "reais",
                      "kronor", "kroner", "lire", "markkaa", "zlotys", "dong", "taka", "naira"}


def _money(iso: str, factor: float = 1.0) -> Money:
    return (iso, None if iso in _NON_ISO else iso, factor)


CURRENCY_NAMES: dict[str, Money] = {}
for _name, _iso in _NAMES.items():
    CURRENCY_NAMES[_name] = _money(_iso)
    if _name not in _PLURAL_EXCEPTIONS and not _name.endswith("s"):
        CURRENCY_NAMES[_name + ("es" if _name.endswith("sh") else "s")] = _money(_iso)
CURRENCY_NAMES["satoshi"] = CURRENCY_NAMES["satoshis"] = ("BTC", None, 1e-8)
CURRENCY_NAMES.update(_SUBUNITS)
for _code in SAFE_CODES:
    CURRENCY_NAMES.setdefault(_code, _money(_code.upper().replace("RMB", "CNY")))
for _code in ("usd", "eur", "gbp", "aud", "cad", "chf"):  # "30 MUSD" = 30 million US dollars
    CURRENCY_NAMES["m" + _code] = _money(_code.upper(), 1e6)
CURRENCY_NAMES.update({"rs": _money("INR"), "rs.": _money("INR"), "rm": _money("MYR")})
POSTFIX_SYMBOLS: dict[str, str] = {
    k: v for k, v in SYMBOLS.items() if not (k[:1].isascii() and k[:1].isalpha()) or k == "us$"
}
POSTFIX_SYMBOLS["€ur"] = "EUR"

# Units of measure: surface (lower case, or exact case for the keys of CASED_UNITS) -> pint name.
_UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "kilometer": ("km", "kms", "kilometer", "kilometre", "kilometers", "kilometres", "kilo meters"),
    "meter": ("meter", "metre", "meters", "metres"),
    "centimeter": ("cm", "cms", "centimeter", "centimetre", "centimeters", "centimetres"),
    "millimeter": ("mm", "millimeter", "millimetre", "millimeters", "millimetres"),
    "micrometer": ("micrometer", "micrometre", "micrometers", "micrometres", "micron", "microns", "µm", "μm"),
    "nanometer": ("nm", "nanometer", "nanometre", "nanometers", "nanometres"),
    "picometer": ("picometer", "picometre", "picometers", "picometres"),
    "decimeter": ("dm", "decimeter", "decimetre", "decimeters", "decimetres"),
    "mile": ("mile", "miles", "mi"), "nautical_mile": ("nautical mile", "nautical miles", "nmi"),
    "foot": ("foot", "feet", "ft"), "inch": ("inch", "inches"), "yard": ("yard", "yards", "yd", "yds"),
    "light_year": ("light year", "light years", "light-year", "light-years"),
    "kilometer**2": ("square kilometers", "square kilometres", "square kilometer", "square kilometre",
                         "sq km", "km2", "km²", "km^2", "km squared"),
    "meter**2": ("square meters", "square metres", "square meter", "square metre", "sq m", "m2", "m²",
                     "sqm"),
    "square_mile": ("square miles", "square mile", "sq mi", "sq miles", "sq. mi."),
    "square_foot": ("square feet", "square foot", "sq ft", "sq. ft.", "ft2"),
    "acre": ("acre", "acres"), "hectare": ("hectare", "hectares", "ha"),
    "meter**3": ("cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³"),
    "cubic_foot": ("cubic feet", "cubic foot", "cu ft"),
    "kilometer**3": ("cubic kilometers", "cubic kilometres", "km3", "km^3", "km³", "km cubed"),
    "kilogram": ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos", "k.g."),
    "gram": ("g", "gs", "gram", "grams", "gramme", "grammes", "gr"),
    "milligram": ("mg", "milligram", "milligrams", "milligramme", "milligrammes"),
    "microgram": ("microgram", "micrograms", "microgramme", "microgrammes", "mcg", "µg", "μg"),
    "pound": ("lb", "lbs", "pound", "pounds"), "ounce": ("oz", "ounce", "ounces"),
    "ton": ("ton", "tons", "short ton", "short tons"),
    "metric_ton": ("metric ton", "metric tons", "tonne", "tonnes", "metric tonnes", "t"),
    "stone": ("stone",), "dram": ("dram", "drams", "drachma", "drachmas"),
    "liter": ("l", "liter", "litre", "liters", "litres", "ltr"),
    "milliliter": ("ml", "mls", "milliliter", "millilitre", "milliliters", "millilitres"),
    "centiliter": ("cl", "centiliter", "centilitre", "centiliters", "centilitres"),
    "hectoliter": ("hl", "hectoliter", "hectolitre", "hectoliters", "hectolitres"),
    "gallon": ("gallon", "gallons", "gal", "gals"), "oil_barrel": ("barrel", "barrels", "bbl", "bbls"),
    "cup": ("cup", "cups"), "tablespoon": ("tablespoon", "tablespoons", "tbsp", "tbsps"),
    "teaspoon": ("teaspoon", "teaspoons", "tsp", "tsps"), "pint": ("pint", "pints"),
    "quart": ("quart", "quarts"), "fluid_ounce": ("fl oz", "fluid ounce", "fluid ounces"),
    "degree_Celsius": ("degrees celsius", "degree celsius", "deg celsius", "celsius", "celcius",
                       "centigrade", "centigrate", "degrees centigrade", "°c", "° c", "° celsius",
                       "deg c", "degrees c", "degree c", "c°"),
    "degree_Fahrenheit": ("degrees fahrenheit", "degree fahrenheit", "deg fahrenheit", "fahrenheit",
                          "farenheit", "degrees farenheit", "°f", "° f", "° fahrenheit", "deg f",
                          "degrees f", "degree f", "f°"),
    "kelvin": ("kelvin", "kelvins"), "degree": ("degrees", "degree", "deg.", "deg", "°"),
    "radian": ("rad", "radian", "radians"), "turn": ("turn", "turns"),
    "kilometer/hour": ("kilometers per hour", "kilometres per hour", "km/h", "kmh", "kph", "kmph",
                           "km/hr", "kilometers an hour", "kilometres an hour"),
    "mile/hour": ("miles per hour", "miles an hour", "mph", "mile per hour", "mi/h"),
    "meter/second": ("meters per second", "metres per second", "m/s"),
    "meter/millisecond": ("meters per millisecond", "metres per millisecond", "m/ms"),
    "centimeter/millisecond": ("centimeters per millisecond", "centimeters/millisecond", "cm/ms"),
    "kilometer/millisecond": ("kilometers per millisecond", "km/ms"),
    "knot": ("knot", "knots"),
    "watt": ("watt", "watts", "w"), "kilowatt": ("kilowatt", "kilowatts", "kw"),
    "megawatt": ("megawatt", "megawatts", "mw"), "gigawatt": ("gigawatt", "gigawatts", "gw"),
    "watt_hour": ("wh", "watt hour", "watt hours", "watt-hours"),
    "kilowatt_hour": ("kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hours"),
    "megawatt_hour": ("mwh", "megawatt hour", "megawatt hours", "megawatt-hours"),
    "gigawatt_hour": ("gwh", "gigawatt hour", "gigawatt hours"),
    "volt": ("volt", "volts", "v"), "kilovolt": ("kv", "kilovolt", "kilovolts"),
    "electron_volt": ("ev", "electronvolt", "electronvolts", "electron volts"),
    "teraelectron_volt": ("tev",), "hertz": ("hz", "hertz"), "kilohertz": ("khz", "kilohertz"),
    "megahertz": ("mhz", "megahertz"), "gigahertz": ("ghz", "gigahertz"),
    "bit": ("bit", "bits"), "kilobit": ("kb", "kbit", "kilobit", "kilobits"),
    "megabit": ("mb", "mbit", "megabit", "megabits"), "gigabit": ("gbit", "gigabit", "gigabits"),
    "byte": ("byte", "bytes"), "kilobyte": ("kilobyte", "kilobytes"),
    "megabyte": ("megabyte", "megabytes"), "gigabyte": ("gb", "gigabyte", "gigabytes"),
    "terabyte": ("tb", "terabyte", "terabytes"), "exabyte": ("eb", "exabyte", "exabytes"),
    "calorie": ("calorie", "calories", "cal"), "kilocalorie": ("kcal", "kilocalorie", "kilocalories"),
    "joule": ("joule", "joules"), "horsepower": ("hp", "horsepower"),
    "year": ("year", "years", "yr", "yrs"), "month": ("month", "months"), "week": ("week", "weeks"),
    "day": ("day", "days"), "hour": ("hour", "hours", "hr", "hrs"),
    "minute": ("minute", "minutes", "min", "mins"), "second": ("second", "seconds", "sec", "secs"),
    "millisecond": ("millisecond", "milliseconds", "ms"),
    "decade": ("decade", "decades"), "century": ("century", "centuries"),
}
UNITS: dict[str, str] = {form: name for name, forms in _UNIT_FORMS.items() for form in forms}
CASED_UNITS: dict[str, str] = {
    "MB": "megabyte", "Mb": "megabit", "KB": "kilobyte", "GB": "gigabyte", "TB": "terabyte",
    "Gb": "gigabit", "m": "meter", "M": "meter", "pm": "picometer", "am": "attometer", "K": "kelvin",
    "C": "degree_Celsius", "F": "degree_Fahrenheit", '"': "inch", "''": "inch", "in": "inch",
    "in.": "inch", "'": "foot",
}
# Surfaces that are English words or time markers: a unit only right after a digit numeral.
DIGIT_ONLY_UNITS = frozenset(
    {"t", "l", "g", "gs", "gr", "w", "v", "c", "f", "in", "in.", "mi", "ft", "yd", "ha", "cal", "min",
     "sec", "rad", "deg", "mb", "kb", "gb", "tb", "eb", "hp", "ms", "m", "pm", "am", "k", '"', "''", "'",
     "hl", "cl", "dm", "mw", "kw", "gw", "ev", "tev", "mm", "cm", "km", "kg", "mg", "ml", "nm", "oz",
     "lb", "lbs", "tsp", "tbsp", "gal", "mph", "kph", "°", "yr", "yrs", "hr", "hrs", "mins", "secs"}
)

SCALES: dict[str, float] = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
    "trillion": 1e12, "trillions": 1e12, "mn": 1e6, "mln": 1e6, "mio": 1e6, "mil": 1e6, "bn": 1e9,
    "bln": 1e9, "tn": 1e12, "tln": 1e12, "trn": 1e12, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7, "k": 1e3, "mm": 1e6,
    "hundred": 1e2, "dozen": 12.0, "dozens": 12.0,
}
# Attached letters that are a scale only after a currency ("$5m", "€10B", "$2.174T").
MONEY_SUFFIX_SCALES: dict[str, float] = {"m": 1e6, "b": 1e9, "t": 1e12}

PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage", "percents", "per-cent")
POINT_WORDS = ("percentage points", "percentage point", "percent points", "pct points",
               "points of percentage")
BASIS_POINT_WORDS = ("basis points", "basis point", "bps", "bp")

MONTHS = frozenset(words(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec"
))

# Words that follow a number but are not what it counts.
NOT_NOUNS = frozenset(words(
    """is was has his its this thus us yes plus minus less unless as was does goes always perhaps news
    series species whereas besides across various famous previous serious nervous obvious this
    has is was lies its ours yours hers theirs whose those these us gas bus virus chaos status
    analysis basis thesis crisis bonus census campus focus process access success loss glass class
    boss mass pass cross press miss kiss gross business congress progress address express
    percent pct days weeks months years hours minutes seconds times"""
))
IRREGULAR_PLURALS = frozenset(words(
    "people children men women police personnel staff cattle sheep fish aircraft troops feet teeth "
    "mice geese deer militia infantry"
))
