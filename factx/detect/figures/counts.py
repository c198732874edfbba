"""What each figure counts or measures, read from the one shared spaCy parse (no model).

``add_counts`` sets ``counts`` (the phrase's text) and ``counts_span`` (its exact offsets) on every
figure where the parse attaches the number to something. The attachment, in the order tried:

1. the counted noun inside the figure ("at least 23 people", "three screening cycles"), with its
   right-hand "of/in" phrase or participle ("seats in parliament", "people killed");
2. "X of Y" on the figure's head ("2.5 million tonnes of wheat", "12 percent of exports"; money also
   "in/for/on": "$48.2 million in emergency aid");
3. the noun the number modifies ("a $5 million deal", "a 3.4% rise", "80th anniversary");
4. a noun the figure's preposition hangs on ("a subgroup of 274 participants");
5. through a verb: the object when the figure is the verb's "at/by/to" phrase ("estimated losses at
   $150 million", "cut the harvest by a fifth"), else the verb's subject ("Net profit jumped 31% to
   612 million euros": both figures count net profit, the percent its change); a bare count that is
   itself the subject counts the verb ("more than 900 were injured" -> "injured").

The phrase runs on the right through the head's adjacent prepositional phrases and noun conjuncts ("the
sensitivity and specificity of the test"), never into the figure. A property noun (depth, modulus,
temperature, ...) whose phrase names no owner counts its owner: the noun its preposition hangs on
("sediments at a depth of 5 m"), the object or subject of the verb it hangs on, or the "for/in/on/of"
phrase of the verb it is the subject of ("the depth was measured in the second well").
A measured quantity (not money, no counted noun) counts what its property belongs to: "a modulus of 3 GPa
was measured for the resin" and "the resin had a modulus of 3 GPa" -> resin; "trucks travelled at a speed
of 80 km/h" -> trucks. Also: the name an equation gives ("dt = 12 s"), what an adjective the figure
measures describes ("40% hotter": the copula's subject), the subject of a range verb ("sizes range from 2%
to 11%"), the noun a parenthesis glosses ("small pores (0.4 mm2)"), and, for a figure listed with others
("at 1031 nm and 1091 nm"), what its first conjunct counts. A unit the tokenizer split off ("mg/L") is
never the counted thing.

Parentheses and notation (``glosses``): a figure in a parenthesis glosses the phrase before it
("participants (n = 30)", "the survey (range 66% to 88%)", "as Tb decreases (from 10 ms to 1 ms)"); a
statistic counts the phrase its label names ("Fisher's exact test p = 0.02") and never its own symbol;
a confidence interval or a conversion counts what the figure it follows counts ("1.8 (95% CI 1.2-2.6)",
"12 knots (22 km/h)"); "A ± B" count the same thing. A percent keeps the noun written after it ("95%
CI"); "a 30-item questionnaire" counts the questionnaire; a comma apposition the figure modifies counts
the noun it renames ("one patient, a 67-year-old man"). A measured figure nothing places counts the
subject of its clause. Symbols, list headers, mixtures and repetitions (``owners``): "a spectrum with fp = 0.5 Hz",
"The conditions were as follows: ...", "medium supplemented with 2 mM glutamine", "flew by 14 times".

``counts_span`` is the head noun with its modifiers (never a determiner, never the figure itself),
so a reader linking figures to events can take the token at ``counts_span`` in the same ``Doc``
(``factx.detect.parse.parse(text)``) and walk to its verb: the subject or object of the die/injure
event, or the event's trigger itself for a bare count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from factx._types import FigureFact, Span
from factx.detect.figures.currency import is_money
from factx.detect.figures.glosses import (
    Gloss,
    compared,
    enclosing_parenthesis,
    glossed,
    glossed_figure,
    in_label,
    plus_minus_pairs,
    stat_owner,
)
from factx.detect.figures.owners import adjacent, header_owner, is_symbol, mixture_owner, repeated, symbol_owner
from factx.detect.figures.phrase import noun_phrase
from factx.detect.figures.tree import (
    PROPERTIES,
    SUBJECTS,
    Token,
    child_of,
    clause_subject,
    described,
    is_unit,
    of_object,
    subject,
    unit_like,
)
from factx.detect.parse import doc_text, parse, tokens_between
from factx.detect.rules import first

__all__ = ["add_counts"]

_OF_PREPS = {"money": frozenset(("of", "in", "for", "on")), "other": frozenset(("of", "among"))}
_MODIFIED = frozenset(("nummod", "compound", "amod", "nmod", "quantmod", "appos", "npadvmod"))
_THROUGH_VERB = frozenset(("dobj", "attr", "npadvmod", "acomp", "oprd", "advmod", "xcomp", "dative"))
_EQUALS = frozenset(("=", "≈", "≡", "≃", "~", "∼"))


def add_counts(text: str, figures: Sequence[FigureFact], doc: Any = None) -> list[FigureFact]:
    """The figures with ``counts``/``counts_span`` from the parse ``doc`` of ``text`` (parsed here when
    not given; a figure the parse cannot place keeps what the scanner read)."""
    if not figures:
        return []
    doc = doc if doc is not None else parse(text)
    glosses = [enclosing_parenthesis(text, f.span.start) for f in figures]
    spans = [_counted(doc, f, g) for f, g in zip(figures, glosses, strict=True)]
    where = {t.i: k for k, f in enumerate(figures) for t in _tokens(doc, f)}
    for k, g in enumerate(glosses):  # "2.84 (95% CI 1.66-4.88)", "35 m/s (126 km/h)": what the glossed figure counts
        j = glossed_figure(doc, g, where) if g is not None else None
        if g is not None and j is not None and j != k and (spans[k] is None or g.interval or _on(spans[k], figures[j])):
            spans[k] = spans[j]
    for a, b in plus_minus_pairs(text, [(f.span.start, f.span.end) for f in figures]):
        if spans[a] is None or _is_verb(doc, spans[a]):
            spans[a] = spans[b]  # "78 ± 0.6% of cells": what the spread counts
        spans[b] = spans[b] or spans[a]
    out = []
    for f, span in zip(figures, spans, strict=True):
        if span is None:
            span = _from_conjunct(doc, f, where, spans) or _clause_subject(doc, f)
        out.append(f if span is None else f.model_copy(update={"counts": span.text, "counts_span": span}))
    return out


def _on(span: Span | None, f: FigureFact) -> bool:
    """The counted phrase lies on another figure ("12 knots (22 km/h)" must not count "knots")."""
    return span is not None and span.start < f.span.end and f.span.start < span.end


def _is_verb(doc: Any, span: Span | None) -> bool:
    """The counted phrase is a bare verb ("more than 900 were injured" -> "injured")."""
    return span is not None and any(t.pos_ == "VERB" for t in tokens_between(doc, span.start, span.start + 1))


def _tokens(doc: Any, f: FigureFact) -> list[Token]:
    """The tokens that overlap the figure (a bisect on the token starts, not a scan of the text)."""
    return [t for t in tokens_between(doc, f.span.start, f.span.end) if t.idx + len(t) > f.span.start]


def _clause_subject(doc: Any, f: FigureFact) -> Span | None:
    """Last resort for a measured figure nothing else places: the subject of the clause it sits in
    ("the mean age of the riders was, at the start, 54 years")."""
    inside = _tokens(doc, f)
    ids = {t.i for t in inside}
    token = next((t for t in reversed(inside) if t.head.i not in ids), None)
    if token is None or is_money(f.unit):
        return None
    subj = clause_subject(token, ids, 4)
    return noun_phrase(doc, _property_owner(subj, ids) or subj, f) if subj is not None else None


def _from_conjunct(doc: Any, f: FigureFact, where: dict[int, int], spans: list[Span | None]) -> Span | None:
    """What the figure it is listed with counts ("modes at 1031 cm-1 and 1091 cm-1"; "were 80% and 81%")."""
    inside = _tokens(doc, f)
    ids = {t.i for t in inside}
    token = next((t for t in inside if t.head.i not in ids), None)
    for _ in range(6):
        if token is None or token.dep_ not in ("conj", "appos") or token.head.i == token.i:
            return None
        token = token.head
        k = where.get(token.i)
        if k is not None and token.i not in ids:
            return spans[k]
    return None


def _counted(doc: Any, f: FigureFact, gloss: Gloss | None = None) -> Span | None:
    """What the figure counts: the first of ``DIRECT`` that decides, else the token the figure attaches to
    (``_found``), refined to whose property or which noun it is (``_refined``)."""
    inside = _tokens(doc, f)
    if not inside:
        return None
    ids = {t.i for t in inside}
    root = _root(inside, ids, f)
    decided = first(DIRECT, doc, f, gloss, inside, ids)
    if decided is not None:
        return decided[0]
    token = _refined(doc, f, _found(doc, f, gloss, inside, ids, root), ids, root)
    return None if token is None else noun_phrase(doc, token, f)


def _root(inside: list[Token], ids: set[int], f: FigureFact) -> Token:
    """The figure's top token (noun phrases are head-final: "magnitude 6.2" hangs on 6.2), past a listed
    numeral ("71 and 14 seats": 14 hangs on 71) and a unit the scanner left out ("24 h"), added to ``ids``."""
    tops = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    root = tops[-1] if tops else inside[0]
    while root.dep_ == "conj" and root.head.pos_ == "NUM" and root.head.i not in ids:
        root = root.head
    while root.head.i not in ids and _left_out_unit(root, f):
        root = root.head
        ids.add(root.i)
    return root


Decided: TypeAlias = tuple[Span | None] | None
"""A rule's answer: None when it does not apply, else a one-tuple of the span (None: counts nothing)."""


def _modified_noun(doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int]) -> Decided:
    """ "a 30-item questionnaire", "a four point scale": the noun the figure's own noun modifies."""
    noun = _noun_inside(inside, f)
    if noun is not None and noun.dep_ in ("compound", "amod", "nmod") and noun.head.i == noun.i + 1:
        return (noun_phrase(doc, noun.head, f),)
    return None


def _own_noun(doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int]) -> Decided:
    """The counted noun inside the figure ("142 people"); "flew by 14 times" counts repetitions of the flyer."""
    noun = _noun_inside(inside, f)
    if noun is None:
        return None
    agent = repeated(noun, ids)
    return (noun_phrase(doc, noun, f, inside=True) if agent is None else noun_phrase(doc, agent, f),)


def _compared(doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int]) -> Decided:
    """ "children had more X than adults (54% vs. 14%)": each side of the comparison."""
    side = compared(doc, doc_text(doc), gloss, f, ids) if gloss is not None else None
    return None if side is None else (noun_phrase(doc, side, f),)


def _statistic(doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int]) -> Decided:
    """ "participants (n = 30)", "(Fisher's exact test p = 0.02)": never the symbol, "n" counts nothing."""
    if gloss is None or not gloss.statistic:
        return None
    token = stat_owner(doc, gloss, ids)
    return (None if token is None else noun_phrase(doc, token, f),)


def _mixture(doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int]) -> Decided:
    """ "medium supplemented with 2 mM glutamine": the medium."""
    owner = None if is_money(f.unit) else mixture_owner(doc, inside[0], ids)
    return None if owner is None else (noun_phrase(doc, owner, f),)


DIRECT: tuple[Callable[[Any, FigureFact, Gloss | None, list[Token], set[int]], Decided], ...] = (
    _modified_noun,
    _own_noun,
    _compared,
    _statistic,
    _mixture,
)
"""The rules that decide from the figure's own words, in order."""


def _found(
    doc: Any, f: FigureFact, gloss: Gloss | None, inside: list[Token], ids: set[int], root: Token
) -> Token | None:
    """The token the figure names or attaches to: an equation's name, the noun after a percent, the parse's
    attachment (past a unit the tokenizer split off), the words beside it, or what a parenthesis glosses."""
    token = _named(doc, inside[0])
    if token is not None and is_symbol(token):
        token = symbol_owner(doc, token, ids) or token  # "a spectrum with fp = 0.5 Hz": the spectrum
    token = token or _noun_after_percent(doc, ids, f)
    if token is None:
        token = _attached(root, ids, f)
        while (
            token is not None
            and token.i not in ids
            and is_unit(token)
            and abs(token.i - root.i) <= 2
            and not (token.dep_ == "pobj" and token.head.head.i in ids)
        ):  # "81% of Cl" is no unit
            ids.add(token.i)  # a unit the tokenizer split off ("mg/L" -> "L"): part of the quantity
            token = _attached(token, ids, f)
    if token is None and gloss is None:
        token = adjacent(doc, ids)  # "cores 4.8 m long", "a plate of thickness 0.025 m": the words beside it
    if gloss is not None and (token is None or in_label(token, gloss, f)):
        token = glossed(doc, gloss.open_at, ids) or token  # "the survey (range 66% to 88%)"
    return token


def _refined(doc: Any, f: FigureFact, token: Token | None, ids: set[int], root: Token) -> Token | None:
    """Whose property the token is, the noun it modifies or renames; nothing for another figure's symbol."""
    if token is not None and not is_money(f.unit):
        token = _property_owner(token, ids) or header_owner(doc, token, ids) or token
    if token is not None and f.unit is None and _modifies_next(doc, token, ids):
        token = token.head  # "a 30-item questionnaire": the noun the count's noun modifies
    if token is not None and _renames(doc, token, root):
        token = token.head  # "one patient, a 67-year-old man": the noun the apposition renames
    if token is not None and not any(c.isalpha() for c in token.text):
        return None  # a symbol ("%") of another figure counts nothing
    return token


def _property_owner(prop: Token, ids: set[int]) -> Token | None:
    """Whose measured property ``prop`` is when its own phrase does not say ("sediments at a depth of
    5 m" -> sediments; "the plates had a thickness of 2 mm" -> plates); None when it does ("the depth of
    the well") or ``prop`` is no property noun."""
    if prop.lemma_.lower() not in PROPERTIES or prop.pos_ != "NOUN":
        return None
    if prop.dep_ == "compound" and prop.head.pos_ in ("NOUN", "PROPN") and prop.head.i not in ids:
        return prop.head  # "the 0-10 cm depth soil": the property names the noun it modifies
    if of_object(prop, frozenset(("of", "in", "for", "at", "within")), ids) is not None:
        return None
    head = prop.head
    if prop.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in ("of", "from", "than", "between"):
        holder = head.head
        if holder.pos_ in ("NOUN", "PROPN") and holder.i not in ids and holder.lemma_.lower() not in PROPERTIES:
            return holder
        if holder.pos_ in ("VERB", "AUX"):
            return child_of(holder, ("dobj",), ids) or subject(holder, ids)
    if prop.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return of_object(head, frozenset(("for", "in", "on", "of")), ids)
    return None


def _noun_inside(inside: list[Token], f: FigureFact) -> Token | None:
    """The counted noun the scanner put in the figure's span ("14,000 troops")."""
    if not f.counts or is_money(f.unit) or f.percent:
        return None
    return next((t for t in reversed(inside) if t.pos_ in ("NOUN", "PROPN") and t.lower_ == f.counts), None)


def _attached(root: Token, ids: set[int], f: FigureFact) -> Token | None:
    """The token the parse attaches the figure to: the answer of the first of ``ATTACHMENTS`` that applies."""
    found = first(ATTACHMENTS, root, ids, f)
    return None if found is None else found[0]


Attached: TypeAlias = tuple[Token | None] | None
"""An attachment rule's answer: None when it does not apply, else a one-tuple of the token (None: nothing)."""


def _of_phrase(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """ "2.5 million tonnes of wheat", "$48.2 million in emergency aid"; paid "in cash for Orvix": Orvix."""
    money = is_money(f.unit)
    of = of_object(root, _OF_PREPS["money" if money else "other"], ids)
    if of is not None and money and of.lemma_.lower() in _MEANS:
        bought = _bought(root.head, ids)
        of = bought if bought is not None else of
    return None if of is None else (of,)


def _participle(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """ "more than 200 injured were taken": a participle right after the number is a noun, the injured."""
    head = root.head
    if root.dep_ == "nummod" and head.pos_ in ("VERB", "ADJ") and head.i == max(ids) + 1:
        return (head,)
    return None


def _modified(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """The noun the figure modifies ("a $5 million deal", "a 3.4% rise"); another figure's "%" counts nothing."""
    head = root.head
    if root.dep_ in _MODIFIED | {"prep"} and head.pos_ in ("NOUN", "PROPN") and head.i not in ids:
        return (head if any(c.isalpha() for c in head.text) else None,)
    return None


def _prepositional(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """The figure is a preposition's object: the noun the preposition hangs on ("a subgroup of 274
    participants"; an "of" names whose property), a verb's object or subject ("estimated losses at $150
    million"), what an adjective describes ("cooler by 1000 K"); the outermost preposition attaches."""
    head = root.head
    if root.dep_ != "pobj" or head.dep_ != "prep":
        return None
    owner = head.head
    while owner.pos_ == "ADP" and owner.dep_ == "prep" and owner.head.i != owner.i:
        head, owner = owner, owner.head  # "even at about -100 °C"
    if owner.pos_ in ("NOUN", "PROPN"):
        return (_owner_of(owner, ids) if head.lower_ == "of" and not is_money(f.unit) else owner,)
    if owner.pos_ in ("VERB", "AUX"):
        obj = child_of(owner, ("dobj",), ids)
        return (obj if obj is not None else subject(owner, ids),)
    if owner.pos_ in ("ADJ", "ADV"):
        return (described(owner, ids),)
    return None


def _range_verb(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """ "the sizes range from 2% to 11%": the subject of the verb the figure's preposition is."""
    if root.dep_ == "prep" and root.head.pos_ in ("VERB", "AUX"):
        return (subject(root.head, ids),)
    return None


def _measured_adjective(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """ "a 1 mm thick layer", "the plants were 40% taller": what the adjective the figure measures describes."""
    if root.dep_ in ("npadvmod", "advmod") and root.head.pos_ in ("ADJ", "ADV"):
        return (described(root.head, ids),)
    return None


def _through_verb(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """The figure is the verb's object or complement: what money is spent on ("spent 300 million euros on
    flood protection"), else the verb's subject ("Net profit jumped 31%")."""
    head = root.head
    if root.dep_ not in _THROUGH_VERB or head.pos_ not in ("VERB", "AUX"):
        return None
    aim = _aim(head, ids, f)
    return (aim if aim is not None else subject(head, ids),)


def _verb_subject(root: Token, ids: set[int], f: FigureFact) -> Attached:
    """The figure is the verb's subject: what money goes to, the whole a share is of ("Of the patients, 5.4%
    relapsed", "Out of the 54 functions, 26 begin"), or the verb of a bare count ("more than 900 were
    injured": the count is of the injured)."""
    head = root.head
    if root.dep_ not in SUBJECTS or head.pos_ not in ("VERB", "AUX"):
        return None
    aim = _aim(head, ids, f)
    if aim is not None:
        return (aim,)
    part = of_object(head, _OF_PREPS["other"], ids) if f.percent or f.unit is None else None
    if part is not None:
        return (part,)
    return (head if f.unit is None and head.pos_ == "VERB" else None,)


def _aim(verb: Token, ids: set[int], f: FigureFact) -> Token | None:
    """What a sum goes to: the verb's "in/for/on" phrase ("spent 300 million euros on flood protection")."""
    return of_object(verb, _OF_PREPS["money"] - {"of"}, ids) if is_money(f.unit) else None


ATTACHMENTS: tuple[Callable[[Token, set[int], FigureFact], Attached], ...] = (
    _of_phrase,
    _participle,
    _modified,
    _prepositional,
    _range_verb,
    _measured_adjective,
    _through_verb,
    _verb_subject,
)
"""Where the parse attaches a figure, in order: its own "of" phrase, then what it hangs on."""


_MEANS = frozenset(("cash", "stock", "share", "shares", "bond", "bonds", "kind", "credit", "installment", "note"))
"""How a sum is paid ("in cash", "in stock"): the means, never what the sum buys."""


def _bought(verb: Token, ids: set[int]) -> Token | None:
    """What a payment buys: the "for" phrase of the verb that pays ("paid ... for Orvix Systems")."""
    for child in verb.children if verb.pos_ in ("VERB", "AUX") else ():
        if child.dep_ in ("prep", "dative") and child.lower_ == "for":
            obj = child_of(child, ("pobj",), ids)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return None


def _owner_of(prop: Token, ids: set[int]) -> Token:
    """Whose property ``prop`` is, when the figure is its "of" phrase ("a modulus of 3 GPa was measured for
    the resin" -> resin; "sands with grain sizes of 2 mm" -> sands); else ``prop`` itself."""
    head = prop.head
    if prop.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in ("of", "to", "from", "than", "between"):
        holder = head.head
        if holder.pos_ in ("NOUN", "PROPN") and holder.i not in ids:
            return holder
        if holder.pos_ in ("VERB", "AUX"):
            return child_of(holder, ("dobj",), ids) or subject(holder, ids) or prop
    if prop.dep_ == "dobj" and head.pos_ == "VERB":
        return subject(head, ids) or prop  # "the model yields transit depths of 3.9%"
    if (prop.dep_ == "nsubjpass" or prop.lemma_.lower() in PROPERTIES) and head.pos_ == "VERB":
        aim = of_object(head, frozenset(("for", "in", "on")), ids)
        if aim is not None:
            return aim
    return prop


def _named(doc: Any, first: Token) -> Token | None:
    """The symbol or noun an equation names ("with a step of dt = 12 s" -> dt; "K = 0.9")."""
    i = first.i - 1
    if i < 1 or doc[i].text not in _EQUALS:
        return None
    name = doc[i - 1]
    return name if any(c.isalpha() for c in name.text) and not name.like_num else None


def _left_out_unit(root: Token, f: FigureFact) -> bool:
    """``root`` hangs on a unit the scanner did not read ("24 h", "3.19 GPa", "7.8 m s-1"); a percent or
    money figure has its unit already ("95% CI", "5% HCl": the next word is what it counts)."""
    if not unit_like(root.head) or f.percent or is_money(f.unit):
        return False
    return bool(root.dep_ in ("nummod", "compound", "quantmod") or (root.dep_ == "punct" and root.head.i == root.i + 1))


def _modifies_next(doc: Any, token: Token, ids: set[int]) -> bool:
    """``token`` is the noun of a count ("30-item") that modifies the noun right after it ("questionnaire")."""
    return bool(
        doc[max(ids) + 1 : token.i].text in ("", "-")
        and token.dep_ in ("compound", "amod", "nmod")
        and token.head.i == token.i + 1
        and token.head.pos_ in ("NOUN", "PROPN")
    )


def _noun_after_percent(doc: Any, ids: set[int], f: FigureFact) -> Token | None:
    """The noun a percent is written before ("95% CI", "5% HCl", "31% women"): the head of its compound run."""
    nxt = max(ids) + 1
    if not f.percent or nxt >= len(doc) or doc[nxt].pos_ not in ("NOUN", "PROPN") or not doc[nxt].is_alpha:
        return None
    token = doc[nxt]
    while token.dep_ == "compound" and token.head.i == token.i + 1:
        token = token.head
    return token


def _renames(doc: Any, token: Token, root: Token) -> bool:
    """``token`` is a comma apposition renaming the noun before it, and the figure modifies it."""
    head = token.head
    if token.dep_ != "appos" or head.pos_ not in ("NOUN", "PROPN") or not head.i < root.i < token.i:
        return False
    return all(t.text != "(" for t in doc[head.i : token.i]) and doc[head.i + 1].text == ","
