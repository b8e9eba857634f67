"""Numbers as the cards write them, the French way, which the answers' faithfulness check
reads back. Pure."""

__all__ = ["euros", "grouped"]


def grouped(number: float) -> str:
    """A whole number the French way, thousands apart, as the answers' check reads it.

    >>> grouped(5313), grouped(950)
    ('5 313', '950')
    """
    return f"{round(number):,}".replace(",", " ")


def euros(amount: float) -> str:
    """
    >>> euros(1558)
    '1 558 €'
    """
    return f"{grouped(amount)} €"
