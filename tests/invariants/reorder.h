// reorder.h: the same history written in another order. The history format (docs/history.md) says
// which orders carry no meaning: the members of every object; the items of income, top-ups, other
// services and premiums (they are added up or looked up); and the dated arrays (eligibility, care
// periods, financial assessments, moves, adjustments), which the loader sorts by date, except that
// items on the same date keep their order in the document. Those keep it here too.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace carecap::invariants {

struct Reordered {
    std::string json;
    // The JSON path of each array item in the reordered document -> its path in the original
    // ("adjustments[0]" -> "adjustments[2]"), for paths the result quotes.
    std::map<std::string, std::string> original_path;
};

// A random reordering, the same for the same seed. The input must be a JSON object.
Reordered reorder(std::string_view json, std::uint64_t seed);

// The result of evaluating the reordered document, with every history path it quotes written as
// the original document's path, serialised as `carecap eval --compact` does.
std::string with_original_paths(std::string_view result, const Reordered& reordered);

} // namespace carecap::invariants
