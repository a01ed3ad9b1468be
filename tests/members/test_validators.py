"""Field validators of a member's record: GB 11643 ID card numbers, masking, phone numbers."""

import pytest
from django.core.exceptions import ValidationError

from members.validators import (
    id_check_digit,
    mask_id_card_number,
    normalize_phone,
    validate_id_card_number,
    validate_phone,
)

# Published examples of GB 11643-1999, checked by hand: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
# sum mod 11 mapped through 1 0 X 9 8 7 6 5 4 3 2.
VALID_ID_NUMBERS = [
    "11010519491231002X",  # the standard's own example, check character X
    "440524188001010014",  # the standard's second example
    "320412198503120011",
]


def error_code(validator, value):
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code


# --- ID card numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_ID_NUMBERS)
def test_it_accepts_valid_id_card_numbers(number):
    assert validate_id_card_number(number) is None


def test_it_computes_the_check_character_as_the_standard_does():
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"
    assert id_check_digit("32041219850312001") == "1"


def test_it_accepts_a_lowercase_x_as_the_check_character():
    assert validate_id_card_number("11010519491231002x") is None


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # X expected
        "11010519491231002X".replace("002X", "0029"),
        "440524188001010015",
        "320412198503120012",
    ],
)
def test_it_refuses_a_wrong_check_digit(number):
    assert error_code(validate_id_card_number, number) == "invalid_id_check"


def test_it_refuses_an_x_where_a_digit_is_due():
    assert error_code(validate_id_card_number, "44052418800101001X") == "invalid_id_check"


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",  # 30 February
        "19901301",  # month 13
        "19900001",  # month 0
        "19900100",  # day 0
        "19010229",  # 29 February in a common year
    ],
)
def test_it_refuses_a_birth_date_that_does_not_exist(birth):
    first17 = "320412" + birth + "001"
    number = first17 + id_check_digit(first17)  # the check digit itself is right
    assert error_code(validate_id_card_number, number) == "invalid_id_date"


def test_it_accepts_29_february_of_a_leap_year():
    first17 = "32041220000229001"
    assert validate_id_card_number(first17 + id_check_digit(first17)) is None


@pytest.mark.parametrize(
    "number",
    [
        "",
        "3204121985031200",  # 16
        "32041219850312001",  # 17
        "3204121985031200111",  # 19
        "320412850312001",  # the old 15-digit numbers are not accepted
        "3204121985031200A1",  # a letter inside
        "X20412198503120011",  # X anywhere but last
        "32041219850312 001",
    ],
)
def test_it_refuses_a_number_of_the_wrong_shape(number):
    assert error_code(validate_id_card_number, number) == "invalid_id_format"


# --- masking -----------------------------------------------------------------------------------


def test_it_masks_all_but_the_first_six_and_last_four_characters():
    assert mask_id_card_number("320412198503120011") == "320412********0011"
    assert mask_id_card_number("11010519491231002X") == "110105********002X"


def test_it_masks_the_birth_date_away():
    masked = mask_id_card_number("320412198503120011")
    assert "19850312" not in masked
    assert len(masked) == 18


def test_it_masks_nothing_when_there_is_no_number():
    assert mask_id_card_number("") == ""
    assert mask_id_card_number(None) == ""


# --- phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "13812345678",
        "15000000000",
        "17712345678",
        "19912345678",
        "138 1234 5678",  # spaces are ignored
        "0519-88776655",
        "051988776655",
        "010-62345678",
        "021-5123456",  # 7-digit local number
        "88776655",
        "6234567",
        "(0519)88776655",
        "（0519）88776655",
        "0519-88776655-801",  # extension
    ],
)
def test_it_accepts_mobiles_and_landlines(phone):
    assert validate_phone(phone) is None


@pytest.mark.parametrize(
    "phone",
    [
        "12812345678",  # no mobile network starts 12
        "10012345678",
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "23812345678",
        "0519-08776655",  # a local number does not start with 0
        "0519-1877665",  # nor with 1
        "0519-887766",  # too short
        "88776",
        "phone",
        "+86 13812345678",
        "13812345678; drop table",
    ],
)
def test_it_refuses_what_is_not_a_phone_number(phone):
    assert error_code(validate_phone, phone) == "invalid_phone"


def test_it_names_the_wrong_value_in_the_phone_error():
    with pytest.raises(ValidationError) as caught:
        validate_phone("12345")
    assert caught.value.params == {"value": "12345"}
    assert "12345" in caught.value.messages[0]


def test_it_normalizes_spaces_and_brackets_away():
    assert normalize_phone(" (0519) 8877 6655 ") == "051988776655"
    assert normalize_phone(None) == ""
