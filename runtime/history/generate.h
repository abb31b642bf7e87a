// generate.h: a seeded synthetic caseload of care histories, as JSON lines (docs/batch.md), for
// `carecap generate` and `carecap batch`, and for the invariant tests (tests/invariants/).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace carecap {

// What kind of caseload to draw.
enum class GenerateVariety {
    // A population like the reform's (docs/batch.md): what `carecap generate` writes. Its output for a
    // seed never changes, so caseloads made with an earlier carecap can be made again.
    caseload,
    // The same people, with more of what stresses a care account: care that starts before the reform,
    // requests made after care began, adjustments of every kind and sign (some on the same day, some
    // before care or after the horizon), costs high enough to reach the cap, very short periods, no
    // cost at all, a second eligibility decision, an `as_of` after the last care. For tests.
    edge_cases,
};

// History `index` of the caseload of `seed`, one line of JSON without the newline. Each history
// depends only on (seed, index, variety), never on the count, so a caseload can be generated in shards.
std::string generate_history(std::uint64_t seed, std::uint64_t index,
                             GenerateVariety variety = GenerateVariety::caseload);

// Writes histories first .. first+count-1, one per line.
void generate_caseload(std::uint64_t seed, std::uint64_t first, std::uint64_t count, std::ostream& out,
                       GenerateVariety variety = GenerateVariety::caseload);

} // namespace carecap
