"""Currency lexicon for the figure scanner: symbols, ISO 4217 codes, names and subunits to
(unit, currency, factor). Plain data, so the hot path is a dict look-up."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


Money = tuple[str, str | None, float]
"""(unit, ISO 4217 currency or None, factor): "cents" -> ("USD", "USD", 0.01), "pesos" -> ("Peso", None, 1)."""

# ISO codes accepted in any case ("usd 200"); other codes only in upper case ("ALL", "TRY", "CUP"
# are English words).
SAFE_CODES = frozenset(
    words(
        "usd eur gbp jpy cny rmb chf cad aud nzd hkd sgd inr rub brl mxn krw sek nok dkk pln zar ils sar aed "
        "qar kwd egp lbp myr thb idr php vnd bgn uah mnt czk huf ron ngn kes pkr bdt lkr twd ars clp cop pen "
        "dem frf itl esp nlg bef fim ats xau btc"
    )
)
UPPER_CODES = frozenset(words("ALL TRY CUP TOP MOP BOB GEL LAK CRC IRR IQD JOD OMR BHD MAD TND DZD"))

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
        "GBP": ("britain", "british", "united kingdom", "uk", "u.k.", "england", "english", "scotland", "wales",
                "london"),
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
