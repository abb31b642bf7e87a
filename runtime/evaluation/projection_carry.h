// projection_carry.h: a statement's projection read off the one made for an earlier statement, when it
// can be shown to come out the same, so that a schedule of statements does not project afresh each time.
//
// Two projections from different days are not the same projection carried forward: each starts from the
// capital the financial assessment records, while the earlier one has spent its capital down week by week,
// and from where the meters stand that day. What can be shown is narrower: the later projection's weeks
// repeat the earlier one's, week for week (the same capital, charge and budget in its k-th week), when
// nothing they read differs but the day. Then the meter whose ceiling day is wanted gains the same amount in
// each week of both, and the later one's day follows from its own starting total. docs/statement.md,
// "The expected date", says when that holds; where it cannot be shown the statement projects afresh.
#pragma once

#include "runtime/evaluation/projection.h"

#include <optional>
#include <vector>

namespace carecap {

// Defined in projection.cpp, for the carrying here and for tests:
// the one-period history a projection from `start` evaluates its weeks against (its capital, charge and
// budget are then rewritten week by week);
History projection_history(const ProjectionStart& start);
// how many projections this thread has run (a schedule of statements runs one for each stretch in which
// its projection cannot be carried).
std::size_t projections_run();

// What in a rule set's projection could make its weeks differ from one starting day to another.
struct ProjectionDayReads {
    bool carried = false;                         // false: never read one projection off another
    std::vector<const Expr*> boundaries;          // the dates the weeks compare `today` with
    std::vector<const ParameterDecl*> parameters; // every parameter the weeks or those dates read, by address
};

// Found by walking the projection, every meter's rate, ceiling and interest and the definitions they use.
// `meter` is the one whose ceiling day is wanted.
ProjectionDayReads projection_day_reads(const RuleSet& rules, const ProjectionDecl& decl, std::size_t meter);

// The day read off a kept projection: `known` false when it could not be shown to be the day a fresh
// projection gives; else `reached_on`, nothing when the meter does not reach its ceiling in its weeks.
struct CarriedDay {
    bool known = false;
    std::optional<Date> reached_on;
};

// One projection kept through a schedule of statements, for each next statement to read its day off.
class ProjectionSeries {
public:
    // The day the meter `start.stop_once_reached` reaches its ceiling in the projection from `start` under
    // `rules`.
    CarriedDay read(const RuleSet& rules, const ProjectionStart& start);
    // Keeps a projection just run under `rules`, from `result.start`.
    void keep(const RuleSet& rules, ProjectionResult result);

private:
    const RuleSet* rules_ = nullptr;
    std::optional<ProjectionResult> kept_;
    std::vector<std::optional<Date>> boundary_dates_; // each boundary's date in the kept projection, if it has one
    const RuleSet* reads_for_ = nullptr;
    ProjectionDayReads reads_;
};

} // namespace carecap
