// fmt.cpp: `carecap fmt`, which lays rule files out canonically (docs/formatting.md).
#include "cli/command.h"
#include "lang/layout.h"
#include "lang/resolve.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace carecap::cli {
namespace {

namespace fs = std::filesystem;

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
    bool to_stdout = false;
};

// A directory stands for every *.rules file below it, in a stable order; one
// without any is not an error, so `fmt --check rules/ examples/ docs/` works.
bool collect(const std::string& path, std::vector<std::string>& files) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (it->is_regular_file(ec) && it->path().extension() == ".rules") found.push_back(it->path().string());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
        return !ec;
    }
    if (!fs::exists(path, ec)) {
        std::cerr << path << ": error: no such file or directory\n";
        return false;
    }
    files.push_back(path); // a file named explicitly is formatted whatever its name
    return true;
}

// Exit status: 0 done (or, with --check, nothing would change); 1 a file has
// syntax errors or cannot be read or written, or --check found a file to change.
int run_fmt(const FmtOptions& o) {
    std::vector<std::string> files;
    bool failed = false;
    for (const auto& p : o.paths) failed |= !collect(p, files);
    for (const auto& file : files) {
        std::string why;
        auto text = read_text_file(file, 64u << 20, why);
        if (!text) {
            std::cerr << file << ": error: cannot read the rule file: " << why << "\n";
            failed = true;
            continue;
        }
        FormatCheck c = check_format(file, *text);
        if (!c.ok) {
            // A file that does not parse is never touched: its layout may be what is wrong.
            std::cerr << render(c.diagnostics);
            std::cerr << file << ": not formatted: it has errors\n";
            failed = true;
            continue;
        }
        if (o.to_stdout) {
            std::cout << c.formatted;
        } else if (o.check) {
            if (c.changed) {
                std::cout << file << ": would be reformatted\n" << c.hint;
                failed = true;
            }
        } else if (c.changed && !write_file(file, c.formatted)) {
            std::cerr << file << ": error: cannot write the formatted file\n";
            failed = true;
        }
    }
    return failed ? exit_failed : exit_ok;
}

CommandRun setup_fmt(CLI::App& app) {
    auto o = std::make_shared<FmtOptions>();
    auto* fmt = app.add_subcommand("fmt", "lay rule files out canonically (in place; directories: every *.rules below)");
    fmt->add_option("paths", o->paths, "rule files and directories")->required();
    auto* check = fmt->add_flag("--check", o->check, "change nothing; exit 1 listing the files that would change");
    fmt->add_flag("--stdout", o->to_stdout, "print the formatted text instead of writing it")->excludes(check);
    return [o](const CommandContext&) { return run_fmt(*o); };
}

const CommandRegistration fmt_registration{16, "fmt", setup_fmt};

} // namespace
} // namespace carecap::cli
