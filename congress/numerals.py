"""Chinese numerals for 届次 labels (四届三次)."""

DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """一 … 九十九 for 1 … 99; larger numbers in Arabic digits."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else DIGITS[tens]) + "十"
    return text + (DIGITS[ones] if ones else "")
