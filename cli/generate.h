// generate.h: a seeded synthetic caseload of care histories, as JSON lines (docs/batch.md).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace carecap::cli {

// History `index` of the caseload of `seed`, one line of JSON without the newline. Each history
// depends only on (seed, index), never on the count, so a caseload can be generated in shards.
std::string generate_history(std::uint64_t seed, std::uint64_t index);

// Writes histories first .. first+count-1, one per line.
void generate_caseload(std::uint64_t seed, std::uint64_t first, std::uint64_t count, std::ostream& out);

} // namespace carecap::cli
