// types.h: the types and units of the rule language.
#pragma once

#include <string>

namespace carecap {

enum class Kind {
    unknown,     // the type of an expression that already has an error (no cascade)
    money,       // £
    rate,        // money per day / week / year
    decimal,     // an exact number without unit
    percent,     // an exact number written with % (20% is 0.2)
    integer,     // a whole number
    date,
    duration,    // a number of days (12 weeks is 84 days)
    boolean,
    enumeration, // a member of an enumeration declared in a rule file
};

enum class Per { none, day, week, year };

struct Type {
    Kind kind = Kind::unknown;
    Per per = Per::none;       // for rate
    std::string enumeration;   // for enumeration: its name

    static Type of(Kind k) { return Type{k, Per::none, {}}; }
    static Type rate_per(Per p) { return Type{Kind::rate, p, {}}; }
    static Type enum_named(std::string name) { return Type{Kind::enumeration, Per::none, std::move(name)}; }

    bool is_number() const { return kind == Kind::decimal || kind == Kind::percent || kind == Kind::integer; }
    bool operator==(const Type&) const = default;
};

// How a type is written in a rule file: "money per week", "care_setting".
std::string to_string(const Type& t);
std::string to_string(Per p);

} // namespace carecap
