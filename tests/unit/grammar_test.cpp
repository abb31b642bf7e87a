// grammar_test.cpp: the grammar has no rule that can loop without consuming input.
#include <doctest/doctest.h>

#include "lang/grammar.h"

#include <tao/pegtl/contrib/analyze.hpp>

namespace g = carecap::grammar;

TEST_CASE("tao::pegtl::analyze finds no problem in the grammar") {
    // analyze returns the number of problems it found (and prints them).
    CHECK(tao::pegtl::analyze<g::header>() == 0);
    CHECK(tao::pegtl::analyze<g::declaration>() == 0);
    CHECK(tao::pegtl::analyze<g::expression>() == 0);
}
