// batch.h: the `carecap batch` and `carecap generate` subcommands, registered on the main CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace carecap::cli {

// The two subcommands and the options they bind. CLI11 keeps pointers to the option
// variables, so they live on the heap and the handle may be moved freely.
class BatchCommands {
public:
    explicit BatchCommands(CLI::App& app);
    BatchCommands(BatchCommands&&) noexcept;
    BatchCommands& operator=(BatchCommands&&) noexcept;
    ~BatchCommands();

    // Whether `batch` or `generate` was the command given.
    bool selected() const;
    // Runs it; the exit status of docs/cli.md (0, 1, 2).
    int run(const std::vector<std::string>& rule_roots) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

inline BatchCommands add_batch_commands(CLI::App& app) { return BatchCommands(app); }

} // namespace carecap::cli
