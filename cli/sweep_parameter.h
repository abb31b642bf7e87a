// sweep_parameter.h: `carecap sweep --vary-parameter NAME`: a rule parameter held at each of a range of values
// for the whole rule set (runtime/analyses/parameter_override.h), over one person, a population of starting
// positions or a caseload of histories. docs/sweep.md.
#pragma once

#include "cli/command.h"
#include "cli/projection_options.h"

#include <string>
#include <vector>

namespace carecap::cli {

struct ParameterSweepRequest {
    std::vector<std::string> rules;
    std::string parameter, from, to, step;
    std::string population, caseload;  // at most one; with neither, the person of `person`
    const ProjectionOptions* person = nullptr;
    std::string csv, svg;
    unsigned jobs = 1;
};

int run_parameter_sweep(const ParameterSweepRequest& request, const CommandContext& context);

} // namespace carecap::cli
