// batch.cpp: `carecap batch` (a caseload of JSON lines evaluated on worker threads) and `carecap generate`.
//
// The pipeline is reader -> bounded queue -> workers -> bounded reorder buffer -> writer (this thread),
// so memory stays flat however long the file is, and results leave in input order the moment they can.
// The rule set is loaded once and shared: it is immutable (include/carecap/carecap.hpp).
#include "cli/batch.h"
#include "cli/command.h"
#include "runtime/history/generate.h"

#include "carecap/carecap.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace carecap::cli {

namespace {

// The history loader refuses more than the limit history_bytes anyway; stopping the reader there too
// keeps one hostile line from taking unbounded memory before the loader ever sees it.
std::size_t max_line_bytes() { return cli_limits().history_bytes; }

using Clock = std::chrono::steady_clock;

// This process's peak resident size in KiB. /proc/self/status's VmHWM belongs to this program's own
// memory; getrusage's ru_maxrss is the fallback, but Linux carries it over from the process that
// started us (a large parent would show its own peak), so it is only used when /proc is missing.
std::int64_t peak_resident_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::strtoll(line.c_str() + 6, nullptr, 10);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss); // kilobytes on Linux
}

std::int64_t millis_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// "12.345 s": milliseconds shown without floating point.
std::string seconds_text(std::int64_t ms) {
    std::string frac = std::to_string(ms % 1000);
    return std::to_string(ms / 1000) + "." + std::string(3 - frac.size(), '0') + frac + " s";
}

// "1:05:09" or "4:07": for the progress line.
std::string clock_text(std::int64_t seconds) {
    auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (seconds >= 3600) return std::to_string(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60);
    return std::to_string(seconds / 60) + ":" + two(seconds % 60);
}

// Reads lines in large chunks; a line longer than the limit is consumed but not kept, and flagged.
class LineReader {
public:
    explicit LineReader(std::FILE* f) : file_(f), buffer_(std::size_t{1} << 20) {}

    // False at the end of input. `too_long` says the line was cut off at the limit.
    bool next(std::string& line, bool& too_long, std::uint64_t& bytes) {
        line.clear();
        too_long = false;
        bool any = false;
        for (;;) {
            if (pos_ == end_) {
                end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
                pos_ = 0;
                if (end_ == 0) return any;
            }
            any = true;
            const char* start = buffer_.data() + pos_;
            const void* nl = std::memchr(start, '\n', end_ - pos_);
            std::size_t take = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
            if (line.size() + take > max_line_bytes()) too_long = true;
            else line.append(start, take);
            pos_ += take;
            bytes += take;
            if (nl) {
                ++pos_;
                ++bytes;
                if (!line.empty() && line.back() == '\r') line.pop_back(); // CRLF files
                return true;
            }
        }
    }

private:
    std::FILE* file_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
};

struct Job {
    std::uint64_t seq = 0;    // position among the records (blank lines are not records)
    std::uint64_t line = 0;   // line number in the file, from 1
    std::uint64_t offset = 0; // bytes read up to the end of this line: progress
    bool too_long = false;
    std::string text;
};

struct Done {
    std::string out;          // the line to write, without the newline
    std::uint64_t offset = 0;
    bool ok = false;
    bool reached = false;     // the primary meter (the care account) reached its ceiling
    Decimal total;            // the primary meter's exact total
};

// "601200/7" or "86000.00", as written by the result format (docs/result.md).
Decimal parse_exact(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos) return Decimal::parse(text).value_or(Decimal{});
    auto n = Decimal::parse(std::string_view(text).substr(0, slash));
    auto d = Decimal::parse(std::string_view(text).substr(slash + 1));
    return n && d && !d->is_zero() ? *n / *d : Decimal{};
}

Done error_line(std::uint64_t line, const std::vector<std::string>& errors) {
    // ordered_json: the line number first, as docs/batch.md shows it.
    nlohmann::ordered_json j;
    j["line"] = line;
    j["errors"] = errors;
    Done d;
    d.out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return d;
}

Done evaluate_line(const RuleChoice& rules, const Job& job, const std::string& source) {
    if (job.too_long)
        return error_line(job.line, {source + ":" + std::to_string(job.line) + ": the line is over the limit of 64 MiB"});
    try {
        JsonResult r = evaluate_json(rules, job.text, source + ":" + std::to_string(job.line));
        if (!r.ok) return error_line(job.line, r.errors);
        Done d;
        d.ok = true;
        d.out = r.json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        const auto& meters = r.json["meters"];
        if (meters.is_array() && !meters.empty()) {
            const auto& m = meters[0];
            d.reached = m.contains("reached_on") && !m["reached_on"].is_null();
            if (m.contains("total_exact") && m["total_exact"].is_string()) d.total = parse_exact(m["total_exact"].get<std::string>());
            else if (m.contains("total") && m["total"].is_string()) d.total = parse_exact(m["total"].get<std::string>());
        }
        return d;
    } catch (const std::exception& e) {
        // A bug of ours, never of the input: report it on this line and carry on with the rest.
        return error_line(job.line, {"carecap: internal error: " + std::string(e.what())});
    }
}

struct BatchOptions {
    std::string rules, registry, input, out;
    unsigned jobs = 0;
};

// Opening --out truncates it, so were it the caseload (or the rule file) every history would be
// lost before one was read: refused, whatever names lead to the same file (links, ./, ../).
std::optional<std::string> output_overwrites_input(const BatchOptions& o) {
    if (o.out.empty()) return std::nullopt;
    for (const std::string* input : {&o.input, &o.rules}) {
        if (*input == "-") continue;
        std::error_code ec;
        if (std::filesystem::equivalent(o.out, *input, ec) && !ec)
            return "--out is the same file as " + *input + ": writing the results there would destroy it first; "
                   "choose another file";
    }
    return std::nullopt;
}

int run_batch(const BatchOptions& o, const std::vector<std::string>& roots) {
    const auto started = Clock::now();
    const std::optional<ChosenRules> chosen = choose_or_report(o.rules, o.registry, roots);
    if (!chosen) return exit_failed;
    const RuleChoice rules = chosen->choice(); // immutable: shared by every worker

    std::FILE* in = o.input == "-" ? stdin : std::fopen(o.input.c_str(), "rb");
    if (!in) {
        std::cerr << o.input << ": error: cannot read the caseload: " << std::strerror(errno) << "\n";
        return exit_failed;
    }
    // The size of a regular file lets the progress line say how long is left.
    std::uint64_t input_size = 0;
    if (o.input != "-" && std::fseek(in, 0, SEEK_END) == 0) {
        long size = std::ftell(in);
        if (size > 0) input_size = static_cast<std::uint64_t>(size);
        std::rewind(in);
    }

    if (auto why = output_overwrites_input(o)) {
        std::cerr << o.out << ": error: " << *why << "\n";
        if (in != stdin) std::fclose(in);
        return exit_failed;
    }
    std::ofstream file_out;
    if (!o.out.empty()) {
        file_out.open(o.out, std::ios::binary | std::ios::trunc);
        if (!file_out) {
            std::cerr << o.out << ": error: cannot write the results: " << std::strerror(errno) << "\n";
            if (in != stdin) std::fclose(in);
            return exit_failed;
        }
    }
    std::ostream& out = o.out.empty() ? std::cout : file_out;

    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    // Both bounds scale with the workers, so that each has work waiting and none waits long for
    // a slow neighbour, yet memory is a few hundred histories whatever the length of the file.
    const std::size_t queue_capacity = 8 * std::size_t{jobs} + 8;
    const std::uint64_t reorder_window = 16 * std::uint64_t{jobs} + 16;
    const std::string source = o.input == "-" ? "stdin" : o.input;

    std::mutex in_mu;
    std::condition_variable in_not_empty, in_not_full;
    std::deque<Job> queue;
    bool input_closed = false;

    std::mutex out_mu;
    std::condition_variable out_ready, out_space;
    std::map<std::uint64_t, Done> reorder;
    std::uint64_t next_write = 0;
    std::uint64_t records = 0;
    bool reader_done = false;
    bool read_error = false;

    std::thread reader([&] {
        LineReader lines(in);
        Job job;
        std::uint64_t line_no = 0, seq = 0, bytes = 0;
        while (lines.next(job.text, job.too_long, bytes)) {
            ++line_no;
            // Blank lines are not records (a trailing one is common); they produce no output.
            if (!job.too_long && job.text.find_first_not_of(" \t\r") == std::string::npos) continue;
            job.seq = seq++;
            job.line = line_no;
            job.offset = bytes;
            std::unique_lock lock(in_mu);
            in_not_full.wait(lock, [&] { return queue.size() < queue_capacity; });
            queue.push_back(std::move(job));
            lock.unlock();
            in_not_empty.notify_one();
            job = Job{};
        }
        bool failed = std::ferror(in) != 0;
        {
            std::lock_guard lock(in_mu);
            input_closed = true;
        }
        in_not_empty.notify_all();
        {
            std::lock_guard lock(out_mu);
            records = seq;
            reader_done = true;
            read_error = failed;
        }
        out_ready.notify_all();
    });

    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&] {
            for (;;) {
                Job job;
                {
                    std::unique_lock lock(in_mu);
                    in_not_empty.wait(lock, [&] { return !queue.empty() || input_closed; });
                    if (queue.empty()) return;
                    job = std::move(queue.front());
                    queue.pop_front();
                }
                in_not_full.notify_one();
                Done done = evaluate_line(rules, job, source);
                done.offset = job.offset;
                std::unique_lock lock(out_mu);
                // Records leave the queue in order, so the one the writer waits for is never held
                // here: a worker ahead of the window waits, and memory stays bounded.
                out_space.wait(lock, [&] { return job.seq < next_write + reorder_window; });
                bool wanted = job.seq == next_write;
                reorder.emplace(job.seq, std::move(done));
                lock.unlock();
                if (wanted) out_ready.notify_one();
            }
        });
    }

    // The writer (this thread): results in input order, the summary, and the progress line.
    const bool progress = isatty(STDERR_FILENO) != 0;
    std::uint64_t written = 0, errors = 0, reached = 0, offset_done = 0;
    Decimal total_metered;
    std::int64_t last_progress_ms = 0;
    bool progress_shown = false;
    std::vector<Done> ready;
    for (;;) {
        bool finished = false;
        {
            std::unique_lock lock(out_mu);
            out_ready.wait_for(lock, std::chrono::milliseconds(250), [&] {
                return reorder.contains(next_write) || (reader_done && next_write == records);
            });
            for (auto it = reorder.find(next_write); it != reorder.end() && it->first == next_write;
                 it = reorder.erase(it), ++next_write)
                ready.push_back(std::move(it->second));
            finished = reader_done && next_write == records;
        }
        if (!ready.empty()) out_space.notify_all();
        for (Done& d : ready) {
            out << d.out << '\n';
            ++written;
            offset_done = d.offset;
            if (!d.ok) ++errors;
            if (d.reached) ++reached;
            total_metered += d.total;
        }
        ready.clear();
        if (finished) break;
        const std::int64_t ms = millis_since(started);
        if (progress && ms - last_progress_ms >= 500) {
            last_progress_ms = ms;
            std::string line = "\rcarecap batch: " + std::to_string(written) + " histories";
            if (ms > 0) line += ", " + std::to_string(written * 1000 / static_cast<std::uint64_t>(ms)) + "/s";
            // Time left from the share of the file read so far: bytes, since the count is unknown.
            if (input_size > 0 && offset_done > 0 && offset_done < input_size) {
                auto left_ms = static_cast<std::int64_t>(static_cast<std::uint64_t>(ms) * (input_size - offset_done) / offset_done);
                line += ", about " + clock_text(left_ms / 1000) + " left";
            }
            std::cerr << line << "    " << std::flush;
            progress_shown = true;
        }
    }
    reader.join();
    for (auto& w : workers) w.join();
    if (in != stdin) std::fclose(in);
    out.flush();
    if (progress_shown) std::cerr << "\r" << std::string(79, ' ') << "\r";

    const std::int64_t ms = millis_since(started);
    const std::int64_t peak_kib = peak_resident_kib();
    // People are the histories evaluated; error lines are counted apart, as errors.
    const std::uint64_t people = written - errors;
    std::cerr << "carecap batch: " << people << (people == 1 ? " person" : " people") << ", " << reached
              << " reached the cap, " << total_metered.to_money(Rounding::half_up) << " metered, " << errors
              << (errors == 1 ? " error" : " errors") << ", " << seconds_text(ms);
    if (ms > 0) std::cerr << " (" << written * 1000 / static_cast<std::uint64_t>(ms) << " histories/s, -j " << jobs << ")";
    std::cerr << ", peak memory " << peak_kib / 1024 << "." << peak_kib % 1024 * 10 / 1024 << " MiB\n";

    if (read_error) {
        std::cerr << source << ": error: reading the caseload failed\n";
        return exit_failed;
    }
    if (!out) {
        std::cerr << "carecap: error: the results could not be written\n";
        return exit_failed;
    }
    return errors ? exit_failed : exit_ok;
}

// The largest caseload one run writes (about 100 GB) and the largest first index: together they
// keep first + count far from wrapping round.
constexpr std::uint64_t kMaxGenerated = 100'000'000;
constexpr std::uint64_t kMaxFirst = 1'000'000'000'000;

// A validator for a whole number from `min` to `max`, written in plain digits. CLI11 reads an
// unsigned option with strtoull, which takes "-5" for 2^64 - 5; a sign is refused here first.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
            std::uint64_t n = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < min || n > max)
                return "must be " + range + ", not \"" + text + "\"";
            return {};
        },
        "UINT");
}

struct GenerateOptions {
    std::uint64_t seed = 1, count = 0, first = 0;
    std::string out;
};

int run_generate(const GenerateOptions& o) {
    if (o.out.empty()) {
        generate_caseload(o.seed, o.first, o.count, std::cout);
        return exit_ok; // main checks that standard output could be written
    }
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    if (!file) {
        std::cerr << o.out << ": error: cannot write the caseload: " << std::strerror(errno) << "\n";
        return exit_failed;
    }
    generate_caseload(o.seed, o.first, o.count, file);
    file.flush();
    if (!file) {
        std::cerr << o.out << ": error: the caseload could not be written\n";
        return exit_failed;
    }
    return exit_ok;
}

} // namespace

struct BatchCommands::State {
    CLI::App* batch = nullptr;
    CLI::App* generate = nullptr;
    BatchOptions batch_options;
    GenerateOptions generate_options;
};

BatchCommands::BatchCommands(CLI::App& app) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.batch = app.add_subcommand("batch", "evaluate a caseload of care histories (JSON lines), one result per line");
    s.batch->add_option("--rules", s.batch_options.rules, "the rule file")->required();
    add_registry_option(*s.batch, s.batch_options.registry);
    s.batch->add_option("caseload", s.batch_options.input, "the caseload: one history per line (- for standard input)")->required();
    s.batch->add_option("-j,--jobs", s.batch_options.jobs, "worker threads (default: one per processor)")->check(CLI::Range(1u, 256u));
    s.batch->add_option("--out", s.batch_options.out, "write the results here instead of standard output");

    s.generate = app.add_subcommand("generate", "write a seeded synthetic caseload of care histories as JSON lines");
    s.generate->add_option("--seed", s.generate_options.seed, "the seed: the same seed gives the same caseload (default 1)")
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
    s.generate->add_option("--count", s.generate_options.count, "how many histories (1 to 100,000,000)")
        ->required()->check(whole_number(1, kMaxGenerated));
    s.generate->add_option("--first", s.generate_options.first,
                           "the index of the first history (default 0, at most 1,000,000,000,000), to generate in shards")
        ->check(whole_number(0, kMaxFirst));
    s.generate->add_option("--out", s.generate_options.out, "write the caseload here instead of standard output");
}

BatchCommands::BatchCommands(BatchCommands&&) noexcept = default;
BatchCommands& BatchCommands::operator=(BatchCommands&&) noexcept = default;
BatchCommands::~BatchCommands() = default;

bool BatchCommands::selected() const { return *state_->batch || *state_->generate; }

int BatchCommands::run(const std::vector<std::string>& rule_roots) const {
    if (*state_->batch) return run_batch(state_->batch_options, rule_roots);
    if (*state_->generate) return run_generate(state_->generate_options);
    return exit_usage;
}

} // namespace carecap::cli
