"""Currency lexicon for the figure scanner: symbols, ISO 4217 codes, names and subunits to
(unit, currency, factor). Plain data, so the hot path is a dict look-up.

Local signs and abbreviations ("Kč", "zł", "руб.", "lei", "Rp", "CA$") and each currency's usual
decimal digits come from price-parser's table (ISO 4217 plus xe.com's symbols, maintained upstream),
read once at import; a sign the table gives to several currencies ("kr", "₩") decides none.
"""

from __future__ import annotations

from collections import defaultdict

from price_parser._currencies import CURRENCIES as _TABLE

from factx.detect.tokens import words

Money = tuple[str, str | None, float]
"""(unit, ISO 4217 currency or None, factor): "cents" -> ("USD", "USD", 0.01), "pesos" -> ("Peso", None, 1)."""

# ISO codes accepted in any case ("usd 200"); other codes only in upper case ("ALL", "TRY", "CUP"
# are English words).
SAFE_CODES = words(
    "usd eur gbp jpy cny rmb chf cad aud nzd hkd sgd inr rub brl mxn krw sek nok dkk pln zar ils sar aed "
    "qar kwd egp lbp myr thb idr php vnd bgn uah mnt czk huf ron ngn kes pkr bdt lkr twd ars clp cop pen "
    "dem frf itl esp nlg bef fim ats xau btc"
)
UPPER_CODES = words("ALL TRY CUP TOP MOP BOB GEL LAK CRC IRR IQD JOD OMR BHD MAD TND DZD")

# Symbols and prefixes written before (or after) the amount.
SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "u.s$": "USD",
    "usd$": "USD",
    "c$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "nz$": "NZD",
    "nzd$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "nt$": "TWD",
    "r$": "BRL",
    "mex$": "MXN",
    "mxn$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₪": "ILS",
    "₺": "TRY",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₦": "NGN",
    "₫": "VND",
    "฿": "THB",
    "₱": "PHP",
    "₴": "UAH",
    "元": "CNY",
    "rs": "INR",
    "rs.": "INR",
    "rm": "MYR",
    "₿": "BTC",
    "ரூ": "LKR",
}
_NON_ISO = frozenset({"BTC"})

# Currency names written after the amount (singular; plurals are derived below).
_NAMES: dict[str, str] = {
    "dollar": "Dollar",
    "buck": "USD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollar": "USD",
    "united states dollar": "USD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "new zealand dollar": "NZD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "taiwan dollar": "TWD",
    "new taiwan dollar": "TWD",
    "euro": "EUR",
    "pound": "Pound",
    "pound sterling": "GBP",
    "british pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "kuai": "CNY",
    "franc": "Franc",
    "french franc": "FRF",
    "swiss franc": "CHF",
    "belgian franc": "BEF",
    "mark": "DEM",
    "deutsche mark": "DEM",
    "german mark": "DEM",
    "d-mark": "DEM",
    "deutschmark": "DEM",
    "markka": "FIM",
    "finnish markka": "FIM",
    "markkaa": "FIM",
    "peseta": "ESP",
    "guilder": "NLG",
    "dutch guilder": "NLG",
    "lira": "Lira",
    "lire": "ITL",
    "italian lira": "ITL",
    "turkish lira": "TRY",
    "rupee": "Rupee",
    "indian rupee": "INR",
    "sri lankan rupee": "LKR",
    "pakistani rupee": "PKR",
    "peso": "Peso",
    "mexican peso": "MXN",
    "philippine peso": "PHP",
    "argentine peso": "ARS",
    "chilean peso": "CLP",
    "colombian peso": "COP",
    "ruble": "RUB",
    "rouble": "RUB",
    "shekel": "ILS",
    "new shekel": "ILS",
    "riyal": "Riyal",
    "saudi riyal": "SAR",
    "saudiriyal": "SAR",
    "qatari riyal": "QAR",
    "rial": "Rial",
    "iranian rial": "IRR",
    "dinar": "Dinar",
    "iraqi dinar": "IQD",
    "kuwaiti dinar": "KWD",
    "jordanian dinar": "JOD",
    "dirham": "Dirham",
    "baht": "THB",
    "ringgit": "MYR",
    "malaysian ringgit": "MYR",
    "malaysia ringgit": "MYR",
    "south african rand": "ZAR",
    "rand": "ZAR",
    "reais": "BRL",
    "brazilian real": "BRL",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "koruna": "CZK",
    "krona": "Krona",
    "kronor": "Krona",
    "swedish krona": "SEK",
    "krone": "Krone",
    "norwegian krone": "NOK",
    "danish krone": "DKK",
    "kroner": "Krone",
    "danish kroner": "DKK",
    "norwegian kroner": "NOK",
    "rupiah": "IDR",
    "naira": "NGN",
    "hryvnia": "UAH",
    "lari": "GEL",
    "kip": "LAK",
    "colón": "CRC",
    "colon": "CRC",
    "tugrik": "MNT",
    "dong": "VND",
    "taka": "BDT",
    "lebanese pound": "LBP",
    "egyptian pound": "EGP",
    "egyptianpound": "EGP",
    "won": "KRW",
    "south korean won": "KRW",
    "bitcoin": "BTC",
    "btc": "BTC",
    "satoshi": "BTC",
    "escudo": "PTE",
    "drachma": "GRD",
    "schilling": "ATS",
    "kwacha": "ZMW",
    "cedi": "GHS",
    "shilling": "Shilling",
    "sol": "Sol",
    "soles": "Sol",
    "nuevo sol": "PEN",
    "nuevos soles": "PEN",
    "peruvian sol": "PEN",
    "kenyan shilling": "KES",
}
_SUBUNITS: dict[str, Money] = {
    "cent": ("USD", "USD", 0.01),
    "cents": ("USD", "USD", 0.01),
    "penny": ("USD", "USD", 0.01),
    "pennies": ("USD", "USD", 0.01),
    "pence": ("GBP", "GBP", 0.01),
    "¢": ("USD", "USD", 0.01),
    "satoshis": ("BTC", None, 1e-8),
    "satoshi": ("BTC", None, 1e-8),
    "kopiykas": ("UAH", "UAH", 0.01),
    "canadian cents": ("CAD", "CAD", 0.01),
    "australian cents": ("AUD", "AUD", 0.01),
    "euro cents": ("EUR", "EUR", 0.01),
    "us cents": ("USD", "USD", 0.01),
    "u.s. cents": ("USD", "USD", 0.01),
    "hong kong cents": ("HKD", "HKD", 0.01),
    "new zealand cents": ("NZD", "NZD", 0.01),
}
_PLURAL_EXCEPTIONS = {
    "yen",
    "yuan",
    "renminbi",
    "sterling",
    "baht",
    "won",
    "rand",
    "kip",
    "reais",
    "kronor",
    "kroner",
    "lire",
    "markkaa",
    "zlotys",
    "dong",
    "taka",
    "naira",
    "soles",
    "nuevos soles",
}


# A name several currencies share: the unit is the family ("Peso", currency None) until the text or a
# country the document names decides it (figures/post.py). Cues: country, demonym, capital (lower case).
FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Dollar": {
        "USD": ("united states", "u.s.", "us", "america", "american", "americans", "washington"),
        "CAD": ("canada", "canadian", "canadians", "ottawa"),
        "AUD": ("australia", "australian", "australians", "canberra"),
        "NZD": ("new zealand",),
        "HKD": ("hong kong",),
        "SGD": ("singapore", "singaporean"),
        "TWD": ("taiwan", "taiwanese", "taipei"),
        "ZWL": ("zimbabwe", "zimbabwean", "harare"),
        "JMD": ("jamaica", "jamaican"),
    },
    "Peso": {
        "MXN": ("mexico", "mexican", "mexicans"),
        "PHP": ("philippines", "philippine", "filipino", "filipinos", "manila"),
        "ARS": ("argentina", "argentine", "argentinian", "buenos aires"),
        "CLP": ("chile", "chilean"),
        "COP": ("colombia", "colombian", "bogota"),
        "CUP": ("cuba", "cuban", "havana"),
        "DOP": ("dominican republic",),
        "UYU": ("uruguay", "uruguayan", "montevideo"),
    },
    "Pound": {
        "GBP": (
            "britain",
            "british",
            "united kingdom",
            "uk",
            "u.k.",
            "england",
            "english",
            "scotland",
            "wales",
            "london",
        ),
        "EGP": ("egypt", "egyptian", "cairo"),
        "LBP": ("lebanon", "lebanese", "beirut"),
        "SYP": ("syria", "syrian", "damascus"),
        "SDG": ("sudan", "sudanese", "khartoum"),
    },
    "Rupee": {
        "INR": ("india", "indian", "indians", "new delhi", "mumbai"),
        "PKR": ("pakistan", "pakistani", "islamabad", "karachi"),
        "LKR": ("sri lanka", "sri lankan", "colombo"),
        "NPR": ("nepal", "nepali", "nepalese", "kathmandu"),
        "MUR": ("mauritius", "mauritian"),
    },
    "Franc": {
        "CHF": ("switzerland", "swiss", "bern", "zurich", "geneva"),
        "FRF": ("france", "french", "paris"),
        "BEF": ("belgium", "belgian", "brussels"),
        "CDF": ("congo", "congolese", "kinshasa"),
    },
    "Krone": {"NOK": ("norway", "norwegian", "oslo"), "DKK": ("denmark", "danish", "copenhagen")},
    "Krona": {"SEK": ("sweden", "swedish", "stockholm"), "ISK": ("iceland", "icelandic", "reykjavik")},
    "Dinar": {
        "IQD": ("iraq", "iraqi", "baghdad"),
        "KWD": ("kuwait", "kuwaiti"),
        "JOD": ("jordanian", "amman"),
        "BHD": ("bahrain", "bahraini", "manama"),
        "LYD": ("libya", "libyan", "tripoli"),
        "TND": ("tunisia", "tunisian", "tunis"),
        "DZD": ("algeria", "algerian", "algiers"),
        "RSD": ("serbia", "serbian", "belgrade"),
    },
    "Riyal": {
        "SAR": ("saudi", "saudi arabia", "riyadh"),
        "QAR": ("qatar", "qatari", "doha"),
        "OMR": ("oman", "omani", "muscat"),
        "YER": ("yemen", "yemeni", "sanaa"),
    },
    "Rial": {"IRR": ("iran", "iranian", "tehran"), "OMR": ("oman", "omani", "muscat")},
    "Dirham": {
        "AED": ("united arab emirates", "uae", "emirati", "dubai", "abu dhabi"),
        "MAD": ("morocco", "moroccan", "rabat"),
    },
    "Shilling": {
        "KES": ("kenya", "kenyan", "nairobi"),
        "UGX": ("uganda", "ugandan", "kampala"),
        "TZS": ("tanzania", "tanzanian", "dodoma"),
        "SOS": ("somalia", "somali", "mogadishu"),
    },
    "Lira": {"TRY": ("turkey", "turkish", "ankara", "istanbul"), "ITL": ("italy", "italian", "rome")},
    # A local name that is also an English word ("soles"): its country named in the text decides it.
    "Sol": {"PEN": ("peru", "peruvian", "peruvians", "lima")},
}


def is_money(unit: str | None) -> bool:
    """A currency unit: an ISO code ("USD", "BTC") or an undecided family ("Peso"); measures are lower case."""
    return unit is not None and unit[:1].isupper()


def _money(iso: str, factor: float = 1.0) -> Money:
    return (iso, None if iso in _NON_ISO or iso in FAMILIES else iso, factor)


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


# Signs in the table that are also words or common abbreviations in English text ("Le", "Pt", "fl.").
_COLLIDES = words(
    "Le Pt Pts Db Bs FC CF DA UF UM FR SR QR YR VT BD LD JD KD MK Tk kn man. fl. fr. mk. Nu. Sucre kroon "
    "tolarjev D-Mark T$ Af Afl. B/. G D P Q R T F K L Ls Lt Lm Sk KM DT FG"
)
_EXTRA_LOCAL = {
    "грн": "UAH",
    "грн.": "UAH",
    "руб": "RUB",
    "р.": "RUB",
    "Р": "RUB",
    "₽": "RUB",
    "₺": "TRY",
    "원": "KRW",
    "лв": "BGN",
}
"""Local abbreviations the table lacks (the hryvnia's and the rouble's short forms), leaves shared
between a state and its namesake ("원" is written for the South Korean won in prices), or gives to
another currency ("лв" is the Bulgarian lev's)."""


def _local_signs() -> dict[str, str | None]:
    """Every sign and local abbreviation of the table to its one ISO code, or None when several share it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, info in _TABLE.items():
        if len(code) != 3 or code in ("RMB", "NTD"):
            continue
        for sign in (info["s"], info["sn"], *info.get("sn2", ())):
            if sign != code and sign not in _COLLIDES and not (len(sign) == 1 and sign.isascii()):
                owners[sign].add(code)
    table: dict[str, str | None] = {sign: next(iter(c)) if len(c) == 1 else None for sign, c in owners.items()}
    table.update(_EXTRA_LOCAL)
    return table


LOCAL_SIGNS: dict[str, str | None] = _local_signs()
"""Case-sensitive signs ("Kč", "Ft", "zł", "CA$", "kr") to an ISO code, None when the sign is shared."""
ISO_CODES: frozenset[str] = frozenset(c for c in _TABLE if len(c) == 3 and c.isupper() and c not in ("RMB", "NTD"))
DOLLAR_CODES: frozenset[str] = frozenset(
    c for c, info in _TABLE.items() if c in ISO_CODES and "$" in info["s"] + info["sn"] + "".join(info.get("sn2", ()))
)
"""Currencies written with a dollar sign, which a code after a "$" amount may name ("$1,190.00 AUD")."""
ZERO_DECIMALS: frozenset[str] = frozenset(c for c, info in _TABLE.items() if info["d"] == 0)
"""Currencies written without a decimal part (IDR, JPY, KRW ...): "Rp 31.500" is 31,500 rupiah."""


def sign_money(sign: str) -> Money | None:
    """A local sign or a dollar-family prefix ("CA$", "SGD$", "Kč"): its currency, or an undecided
    unit (the sign itself, currency None) when several currencies write it."""
    if sign in LOCAL_SIGNS:
        iso = LOCAL_SIGNS[sign]
        return (iso, iso, 1.0) if iso else (sign[:1].upper() + sign[1:], None, 1.0)
    if sign.endswith("$") and sign[:-1].upper() in ISO_CODES:  # "SGD$", "AUD$": the code decides
        return (sign[:-1].upper(), sign[:-1].upper(), 1.0)
    return None
