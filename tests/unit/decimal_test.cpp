// decimal_test.cpp: carecap::Decimal exactness, parsing, rounding and text forms.
#include "stdlib/decimal.h"

#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>
#include <string>

using carecap::Decimal;
using carecap::Rounding;

namespace {

Decimal num(std::string_view text) {
    const auto parsed = Decimal::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "could not parse ", std::string(text));
    return *parsed;
}

} // namespace

TEST_CASE("decimal: parse accepts") {
    CHECK(num("86000") == Decimal(86000));
    CHECK(num("200.00") == Decimal(200));                 // trailing zeros do not change the value
    CHECK(num("-0.5") == Decimal::ratio(-1, 2));
    CHECK(num("0") == Decimal(0));
    CHECK(num("-0") == Decimal(0));                        // minus zero is plain zero
    CHECK_FALSE(num("-0").is_negative());
    CHECK(num("007") == Decimal(7));                       // leading zeros are still digits
    CHECK(num("12345.67") == Decimal::ratio(1234567, 100));
    CHECK(num("0.001") == Decimal::ratio(1, 1000));
    // Exactly 40 digits in total is the limit.
    CHECK(num("1234567890123456789012345678901234567890").to_exact() ==
          "1234567890123456789012345678901234567890");
    // 20 + 20 digits; crosses the 19-digit chunk boundary on both sides of the point,
    // and the final 0 is dropped by the shortest exact form.
    CHECK(num("12345678901234567890.12345678901234567890").to_exact() ==
          "12345678901234567890.1234567890123456789");
    CHECK(num("-9999999999999999999999999999999999999999").to_exact() ==
          "-9999999999999999999999999999999999999999");
}

TEST_CASE("decimal: parse rejects") {
    for (const char* bad : {
             "",          // nothing
             "-",         // sign alone
             ".5",        // no whole part
             "-.5",       // no whole part
             "5.",        // point without fraction digits
             "1e3",       // exponent
             "+1",        // plus sign
             "1,000",     // thousands separator
             " 1",        // leading space
             "1 ",        // trailing space
             "1 000",     // inner space
             "--1",       // two signs
             "1.2.3",     // two points
             "1.-2",      // sign inside
             "0x10",      // hex
             "NaN",
             "inf",
             "\xC2\xA3" "5", // "£5"
             // 41 digits in total:
             "12345678901234567890123456789012345678901",
             "1234567890123456789012345678901234567890.1",
             "0.0000000000000000000000000000000000000001",
         }) {
        CAPTURE(bad);
        CHECK_FALSE(Decimal::parse(bad).has_value());
    }
}

TEST_CASE("decimal: exact arithmetic") {
    // 1/3 * 3 = 3/3 = 1 exactly (no 0.999...).
    CHECK(Decimal(1) / Decimal(3) * Decimal(3) == Decimal(1));
    // 0.1 + 0.2 = 1/10 + 2/10 = 3/10 exactly.
    CHECK(num("0.1") + num("0.2") == num("0.3"));
    // 86000 - 12345.67 = 73654.33
    CHECK(num("86000") - num("12345.67") == num("73654.33"));
    // 250.50 * 4 = 1002
    CHECK(num("250.50") * Decimal(4) == Decimal(1002));
    // 710 / 7 stays a fraction: 7 * 101 = 707, so 101 3/7.
    CHECK(Decimal(710) / Decimal(7) == Decimal::ratio(710, 7));
    CHECK(Decimal(710) / Decimal(7) * Decimal(7) == Decimal(710));
    // -3/4 / 3/8 = -3/4 * 8/3 = -2
    CHECK(Decimal::ratio(-3, 4) / Decimal::ratio(3, 8) == Decimal(-2));
    // Negative divisors move the sign to the numerator: 1 / -3 = -1/3;
    // -0.5 / -0.25 = 2; (1/2) / (-1/3) = -3/2 = -1.5.
    CHECK(Decimal(1) / Decimal(-3) == Decimal::ratio(-1, 3));
    CHECK(num("-0.5") / num("-0.25") == Decimal(2));
    CHECK((Decimal::ratio(1, 2) / Decimal::ratio(-1, 3)).to_exact() == "-1.5");
    // Normalisation: 2/4 = 1/2 and 3/-6 = -1/2.
    CHECK(Decimal::ratio(2, 4) == Decimal::ratio(1, 2));
    CHECK(Decimal::ratio(3, -6) == Decimal::ratio(-1, 2));
    CHECK(Decimal::ratio(3, -6).to_exact() == "-0.5");
    // Unary minus and compound assignment.
    CHECK(-Decimal(5) == Decimal(-5));
    CHECK(-Decimal(0) == Decimal(0));
    Decimal acc = num("100.25");
    acc += num("0.75");             // 100.25 + 0.75 = 101
    CHECK(acc == Decimal(101));
    acc -= Decimal::ratio(1, 3);    // 101 - 1/3 = 302/3
    CHECK(acc == Decimal::ratio(302, 3));
    // Values beyond int64 stay exact: (10^20 + 1) - 10^20 = 1.
    CHECK(num("100000000000000000001") - num("100000000000000000000") == Decimal(1));
}

TEST_CASE("decimal: division by zero throws") {
    CHECK_THROWS_AS(Decimal(1) / Decimal(0), std::domain_error);
    CHECK_THROWS_AS(num("0") / num("0.00"), std::domain_error);
    CHECK_THROWS_AS(Decimal::ratio(1, 0), std::domain_error);
}

TEST_CASE("decimal: predicates and comparisons") {
    CHECK(Decimal(0).is_zero());
    CHECK(Decimal().is_zero());
    CHECK(Decimal(-3).is_negative());
    CHECK_FALSE(Decimal(3).is_negative());
    CHECK(Decimal(-3).sign() == -1);
    CHECK(Decimal(0).sign() == 0);
    CHECK(Decimal(3).sign() == 1);
    CHECK(num("4.00").is_integer());
    CHECK_FALSE(num("4.01").is_integer());
    // 1/3 = 0.333... < 0.34 and > 0.33
    CHECK(Decimal::ratio(1, 3) < num("0.34"));
    CHECK(Decimal::ratio(1, 3) > num("0.33"));
    CHECK(num("-1") < Decimal(0));
    CHECK(num("-2.5") < num("-2.4"));
    CHECK(num("2.50") == Decimal::ratio(5, 2));
    CHECK(num("2.50") != Decimal::ratio(5, 3));
    CHECK((Decimal(1) <=> Decimal(2)) == std::strong_ordering::less);
    CHECK((Decimal(2) <=> num("2.0")) == std::strong_ordering::equal);
    CHECK((Decimal::ratio(7, 3) <=> Decimal(2)) == std::strong_ordering::greater);
}

TEST_CASE("decimal: floor and ceil") {
    // 7/2 = 3.5
    CHECK(Decimal::ratio(7, 2).floor() == Decimal(3));
    CHECK(Decimal::ratio(7, 2).ceil() == Decimal(4));
    // -7/2 = -3.5: floor goes down to -4, ceil up to -3.
    CHECK(Decimal::ratio(-7, 2).floor() == Decimal(-4));
    CHECK(Decimal::ratio(-7, 2).ceil() == Decimal(-3));
    CHECK(Decimal(5).floor() == Decimal(5));
    CHECK(Decimal(-5).ceil() == Decimal(-5));
}

TEST_CASE("decimal: round_to whole numbers in each direction") {
    const Decimal one(1);
    struct Row {
        const char* value;
        int up, down, half_up, half_even;
    };
    for (const Row& row : {
             // 2.5: ceiling 3, floor 2, tie away from zero 3, tie to even 2
             Row{"2.5", 3, 2, 3, 2},
             // 3.5: tie to even is 4 (3 is odd)
             Row{"3.5", 4, 3, 4, 4},
             // -2.5: ceiling -2, floor -3, away from zero -3, even -2
             Row{"-2.5", -2, -3, -3, -2},
             // -3.5: even is -4
             Row{"-3.5", -3, -4, -4, -4},
             // 2.4 is nearer 2; 2.6 nearer 3
             Row{"2.4", 3, 2, 2, 2},
             Row{"2.6", 3, 2, 3, 3},
             // -2.4 is nearer -2; -2.6 nearer -3
             Row{"-2.4", -2, -3, -2, -2},
             Row{"-2.6", -2, -3, -3, -3},
             // 0.5 ties: away from zero 1, even 0; -0.5: away -1, even 0
             Row{"0.5", 1, 0, 1, 0},
             Row{"-0.5", 0, -1, -1, 0},
             // whole numbers never move
             Row{"7", 7, 7, 7, 7},
             Row{"-7", -7, -7, -7, -7},
             Row{"0", 0, 0, 0, 0},
         }) {
        CAPTURE(row.value);
        const Decimal v = num(row.value);
        CHECK(v.round_to(one, Rounding::up) == Decimal(row.up));
        CHECK(v.round_to(one, Rounding::down) == Decimal(row.down));
        CHECK(v.round_to(one, Rounding::half_up) == Decimal(row.half_up));
        CHECK(v.round_to(one, Rounding::half_even) == Decimal(row.half_even));
    }
}

TEST_CASE("decimal: round_to pennies and other steps") {
    const Decimal penny = num("0.01");
    // 1.005 = 100.5 pennies: up 101, down 100, away from zero 101, even 100.
    CHECK(num("1.005").round_to(penny, Rounding::up) == num("1.01"));
    CHECK(num("1.005").round_to(penny, Rounding::down) == num("1.00"));
    CHECK(num("1.005").round_to(penny, Rounding::half_up) == num("1.01"));
    CHECK(num("1.005").round_to(penny, Rounding::half_even) == num("1.00"));
    // 1.015 = 101.5 pennies: even is 102.
    CHECK(num("1.015").round_to(penny, Rounding::half_even) == num("1.02"));
    // -1.005 = -100.5 pennies: ceiling -100, floor -101, away -101, even -100.
    CHECK(num("-1.005").round_to(penny, Rounding::up) == num("-1.00"));
    CHECK(num("-1.005").round_to(penny, Rounding::down) == num("-1.01"));
    CHECK(num("-1.005").round_to(penny, Rounding::half_up) == num("-1.01"));
    CHECK(num("-1.005").round_to(penny, Rounding::half_even) == num("-1.00"));
    // 710/7 = 101.428571...: 10142.857... pennies -> nearest 10143 -> 101.43.
    CHECK((Decimal(710) / Decimal(7)).round_to(penny, Rounding::half_up) == num("101.43"));
    CHECK((Decimal(710) / Decimal(7)).round_to(penny, Rounding::down) == num("101.42"));
    // Step 0.05: 1.025 / 0.05 = 20.5 -> even 20 (1.00), away from zero 21 (1.05).
    CHECK(num("1.025").round_to(num("0.05"), Rounding::half_even) == num("1.00"));
    CHECK(num("1.025").round_to(num("0.05"), Rounding::half_up) == num("1.05"));
    // Step 250 ("any part of £250 counts"): 1000.01 / 250 = 4.00004 -> up 5*250 = 1250, down 4*250 = 1000.
    CHECK(num("1000.01").round_to(Decimal(250), Rounding::up) == Decimal(1250));
    CHECK(num("1000.01").round_to(Decimal(250), Rounding::down) == Decimal(1000));
    CHECK(num("0.01").round_to(Decimal(250), Rounding::up) == Decimal(250));
    // Step 1/3: 0.5 / (1/3) = 1.5 -> even 2 steps = 2/3, away from zero 2 steps = 2/3.
    CHECK(num("0.5").round_to(Decimal::ratio(1, 3), Rounding::half_even) == Decimal::ratio(2, 3));
    // Step 1/3: 0.4 / (1/3) = 1.2 -> nearest 1 step = 1/3.
    CHECK(num("0.4").round_to(Decimal::ratio(1, 3), Rounding::half_up) == Decimal::ratio(1, 3));
}

TEST_CASE("decimal: round_to rejects non-positive steps") {
    CHECK_THROWS_AS(Decimal(5).round_to(Decimal(0), Rounding::up), std::domain_error);
    CHECK_THROWS_AS(Decimal(5).round_to(Decimal(-1), Rounding::half_up), std::domain_error);
}

TEST_CASE("decimal: to_int64") {
    CHECK(Decimal(86000).to_int64() == 86000);
    CHECK(num("-12.00").to_int64() == -12);
    CHECK_FALSE(num("2.5").to_int64().has_value());
    // int64 range is -2^63 .. 2^63 - 1 = -9223372036854775808 .. 9223372036854775807.
    CHECK(num("9223372036854775807").to_int64() == std::numeric_limits<std::int64_t>::max());
    CHECK(num("-9223372036854775808").to_int64() == std::numeric_limits<std::int64_t>::min());
    CHECK_FALSE(num("9223372036854775808").to_int64().has_value());
    CHECK_FALSE(num("-9223372036854775809").to_int64().has_value());
}

TEST_CASE("decimal: to_fixed") {
    const Decimal third = Decimal::ratio(1, 3);      // 0.3333...
    const Decimal two_thirds = Decimal::ratio(2, 3); // 0.6666...
    CHECK(third.to_fixed(2, Rounding::half_up) == "0.33");
    CHECK(third.to_fixed(2, Rounding::up) == "0.34");
    CHECK(two_thirds.to_fixed(2, Rounding::down) == "0.66");
    CHECK(two_thirds.to_fixed(2, Rounding::half_up) == "0.67");
    // -1/3 = -0.3333...: nearest -0.33; ceiling -0.33; floor -0.34.
    CHECK((-third).to_fixed(2, Rounding::half_up) == "-0.33");
    CHECK((-third).to_fixed(2, Rounding::up) == "-0.33");
    CHECK((-third).to_fixed(2, Rounding::down) == "-0.34");
    // 710/7 = 101.428571428...
    const Decimal q = Decimal(710) / Decimal(7);
    CHECK(q.to_fixed(2, Rounding::half_up) == "101.43");   // 101.428 -> .43
    CHECK(q.to_fixed(0, Rounding::half_up) == "101");      // .43 < .5
    CHECK(q.to_fixed(6, Rounding::half_up) == "101.428571"); // next digit 4 -> stays
    CHECK(q.to_fixed(6, Rounding::up) == "101.428572");
    // 18 places of 1/3: eighteen 3s; 18 places of 2/3 nearest: seventeen 6s then 7.
    CHECK(third.to_fixed(18, Rounding::half_even) == "0.333333333333333333");
    CHECK(two_thirds.to_fixed(18, Rounding::half_even) == "0.666666666666666667");
    // 10^-19 is below the 18th place: up gives one unit there, down gives zero.
    CHECK(num("0.0000000000000000001").to_fixed(18, Rounding::up) == "0.000000000000000001");
    CHECK(num("0.0000000000000000001").to_fixed(18, Rounding::down) == "0.000000000000000000");
    // Ties at 0 places: 2.5 -> even 2, away 3; -2.5 -> away -3.
    CHECK(num("2.5").to_fixed(0, Rounding::half_even) == "2");
    CHECK(num("2.5").to_fixed(0, Rounding::half_up) == "3");
    CHECK(num("-2.5").to_fixed(0, Rounding::half_up) == "-3");
    // 0.05 to 1 place: 0.5 tenths, a tie; even is 0 tenths, away is 1 tenth.
    CHECK(num("0.05").to_fixed(1, Rounding::half_even) == "0.0");
    CHECK(num("0.05").to_fixed(1, Rounding::half_up) == "0.1");
    // Padding: 12.3 to 3 places is 12.300; 0.07 to 2 places keeps the leading 0.
    CHECK(num("12.3").to_fixed(3, Rounding::half_up) == "12.300");
    CHECK(num("0.07").to_fixed(2, Rounding::half_up) == "0.07");
    CHECK(num("-0.07").to_fixed(2, Rounding::half_up) == "-0.07");
    CHECK(Decimal(42).to_fixed(0, Rounding::down) == "42");
    // Zero never gets a sign, even when a negative value rounds to it:
    // -0.001 nearest penny is 0; -0.004 nearest is 0; -0.5 to even whole is 0.
    CHECK(Decimal(0).to_fixed(2, Rounding::half_up) == "0.00");
    CHECK(num("-0.001").to_fixed(2, Rounding::half_up) == "0.00");
    CHECK(num("-0.004").to_fixed(2, Rounding::half_even) == "0.00");
    CHECK(num("-0.004").to_fixed(2, Rounding::up) == "0.00");   // ceiling of -0.4 pennies is 0
    CHECK(num("-0.5").to_fixed(0, Rounding::half_even) == "0");
    // ...but a negative that rounds away from zero keeps it: floor of -0.1 pennies is -1 penny.
    CHECK(num("-0.001").to_fixed(2, Rounding::down) == "-0.01");
    CHECK_THROWS(Decimal(1).to_fixed(-1, Rounding::up));
    CHECK_THROWS(Decimal(1).to_fixed(19, Rounding::up));
}

TEST_CASE("decimal: to_exact") {
    CHECK(Decimal(86000).to_exact() == "86000");
    CHECK(Decimal(-86000).to_exact() == "-86000");
    CHECK(Decimal(0).to_exact() == "0");
    CHECK(num("200.00").to_exact() == "200");       // 200.00 = 200
    CHECK(Decimal::ratio(1, 2).to_exact() == "0.5");
    CHECK(Decimal::ratio(-49, 4).to_exact() == "-12.25"); // 49/4 = 12 1/4
    CHECK(Decimal::ratio(1, 8).to_exact() == "0.125");    // 2^-3 = 125/1000
    CHECK(Decimal::ratio(1, 80).to_exact() == "0.0125");  // 80 = 2^4*5: 10^4/80 = 125
    CHECK(Decimal::ratio(3, 20).to_exact() == "0.15");    // 20 = 2^2*5: 3*5/100
    CHECK(Decimal::ratio(1, 1024).to_exact() == "0.0009765625"); // 5^10 = 9765625 over 10^10
    CHECK(Decimal::ratio(1, 625).to_exact() == "0.0016");  // 625 = 5^4: 2^4 = 16 over 10^4
    CHECK(num("0.10").to_exact() == "0.1");
    // Non-terminating: a prime factor other than 2 or 5 in the denominator.
    CHECK((Decimal(710) / Decimal(7)).to_exact() == "710/7");
    CHECK(Decimal::ratio(1, 3).to_exact() == "1/3");
    CHECK(Decimal::ratio(-1, 3).to_exact() == "-1/3");
    CHECK(Decimal::ratio(1, 6).to_exact() == "1/6");     // 6 = 2*3
    CHECK(Decimal::ratio(10, 30).to_exact() == "1/3");   // lowest terms
    CHECK(Decimal::ratio(7, 15).to_exact() == "7/15");   // 15 = 3*5
}

TEST_CASE("decimal: to_money") {
    CHECK(Decimal(86000).to_money(Rounding::half_up) == "\xC2\xA3" "86,000.00");
    CHECK(num("-1234.5").to_money(Rounding::half_up) == "-\xC2\xA3" "1,234.50");
    CHECK(Decimal(0).to_money(Rounding::half_up) == "\xC2\xA3" "0.00");
    CHECK(num("0.07").to_money(Rounding::half_up) == "\xC2\xA3" "0.07");
    CHECK(Decimal(100).to_money(Rounding::down) == "\xC2\xA3" "100.00");      // three digits: no comma
    CHECK(Decimal(123456).to_money(Rounding::down) == "\xC2\xA3" "123,456.00"); // six digits: one comma
    CHECK(num("-12.5").to_money(Rounding::half_up) == "-\xC2\xA3" "12.50");
    // 1234567.891: 123456789.1 pennies -> 123456789 -> £1,234,567.89
    CHECK(num("1234567.891").to_money(Rounding::half_up) == "\xC2\xA3" "1,234,567.89");
    // 999.995 = 99999.5 pennies: away from zero 100000, even 100000 (99999 is odd).
    CHECK(num("999.995").to_money(Rounding::half_up) == "\xC2\xA3" "1,000.00");
    CHECK(num("999.995").to_money(Rounding::half_even) == "\xC2\xA3" "1,000.00");
    // 999.985 = 99998.5 pennies: even is 99998.
    CHECK(num("999.985").to_money(Rounding::half_even) == "\xC2\xA3" "999.98");
    // 710/7 = 10142.857... pennies: nearest 10143, floor 10142.
    CHECK((Decimal(710) / Decimal(7)).to_money(Rounding::half_up) == "\xC2\xA3" "101.43");
    CHECK((Decimal(710) / Decimal(7)).to_money(Rounding::down) == "\xC2\xA3" "101.42");
    // -0.004 = -0.4 pennies: nearest 0, printed without a sign; floor -1 penny.
    CHECK(num("-0.004").to_money(Rounding::half_up) == "\xC2\xA3" "0.00");
    CHECK(num("-0.004").to_money(Rounding::down) == "-\xC2\xA3" "0.01");
    // -1000000 pounds: two commas.
    CHECK(Decimal(-1000000).to_money(Rounding::half_up) == "-\xC2\xA3" "1,000,000.00");
}

TEST_CASE("decimal: rounding names") {
    CHECK(carecap::to_string(Rounding::up) == "up");
    CHECK(carecap::to_string(Rounding::down) == "down");
    CHECK(carecap::to_string(Rounding::half_up) == "half_up");
    CHECK(carecap::to_string(Rounding::half_even) == "half_even");
}
