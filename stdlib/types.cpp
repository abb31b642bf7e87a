// types.cpp: printing types the way rule files write them.
#include "stdlib/types.h"

namespace carecap {

std::string to_string(Per p) {
    switch (p) {
    case Per::day: return "day";
    case Per::week: return "week";
    case Per::year: return "year";
    case Per::none: break;
    }
    return "";
}

std::string to_string(const Type& t) {
    switch (t.kind) {
    case Kind::unknown: return "unknown";
    case Kind::money: return "money";
    case Kind::rate: return "money per " + to_string(t.per);
    case Kind::decimal: return "decimal";
    case Kind::percent: return "percent";
    case Kind::integer: return "integer";
    case Kind::date: return "date";
    case Kind::duration: return "duration";
    case Kind::boolean: return "bool";
    case Kind::enumeration: return t.enumeration;
    }
    return "unknown";
}

} // namespace carecap
