// batch.cpp: `carecap batch` (a caseload of JSON lines evaluated on worker threads) and `carecap generate`.
//
// The pipeline is reader -> bounded queue -> workers -> bounded reorder buffer -> writer (this thread)
// (cli/batch_pipeline.h), so memory stays flat however long the file is, and results leave in input order
// the moment they can.
// The rule set is loaded once and shared: it is immutable (include/carecap/carecap.hpp).
#include "cli/batch_pipeline.h"
#include "cli/batch_record.h"
#include "cli/caseload_csv.h"
#include "cli/caseload_file.h"
#include "cli/command.h"
#include "runtime/evaluation/engine.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include "carecap/carecap.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
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
    std::uint64_t line = 0;   // line number in the file, from 1
    std::uint64_t offset = 0; // bytes read up to the end of this line: progress
    bool too_long = false;
    std::string text;
    std::shared_ptr<const CaseloadRecord> csv; // a person of a CSV caseload: where its cells came from
};

struct Done {
    std::string out;          // the line to write, with its newline
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
    Done d;
    d.out = batch_error_line(line, errors);
    return d;
}

// --figures a,b: the outputs each result reports (none given: every output).
std::optional<std::vector<std::string>>& chosen_figures() {
    static std::optional<std::vector<std::string>> figures;
    return figures;
}

// --compact: one short line per person (account_to_compact_line) instead of the JSON result.
bool& compact_lines() {
    static bool compact = false;
    return compact;
}


Done evaluate_line(const RuleChoice& rules, const Job& job, const std::string& source) {
    if (job.too_long)
        return error_line(job.line, {source + ":" + std::to_string(job.line) + ": the line is over the limit of 64 MiB"});
    if (job.csv && !job.csv->errors.empty()) return error_line(job.line, job.csv->errors);
    std::function<std::string(const std::string&)> locate;
    if (job.csv) locate = [&job](const std::string& e) { return job.csv->locate(e); };
    RecordOutcome outcome = evaluate_record(rules, job.text, job.line, source, chosen_figures(), locate,
                                            compact_lines() ? LineFormat::compact : LineFormat::json);
    Done d;
    d.ok = outcome.ok;
    d.out = std::move(outcome.out);
    d.reached = outcome.first_meter_reached;
    if (!outcome.first_meter_total.empty()) d.total = parse_exact(outcome.first_meter_total);
    return d;
}

struct BatchOptions {
    std::string rules, registry, input, out;
    std::vector<std::string> figures;
    unsigned jobs = 0;
    bool compact = false;
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

// The caseload being read: a file, or standard input for "-"; closed with this object.
struct Caseload {
    std::FILE* file = nullptr;
    std::uint64_t size = 0;  // bytes, for a regular file: lets the progress line say how long is left
    std::string source;      // the name messages give it
    Caseload() = default;
    Caseload(const Caseload&) = delete;
    Caseload& operator=(const Caseload&) = delete;
    ~Caseload() {
        if (file && file != stdin) std::fclose(file);
    }
};

bool open_caseload(const std::string& input, Caseload& caseload) {
    caseload.source = input == "-" ? "stdin" : input;
    caseload.file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (!caseload.file) {
        std::cerr << input << ": error: cannot read the caseload: " << std::strerror(errno) << "\n";
        return false;
    }
    if (input != "-" && std::fseek(caseload.file, 0, SEEK_END) == 0) {
        long size = std::ftell(caseload.file);
        if (size > 0) caseload.size = static_cast<std::uint64_t>(size);
        std::rewind(caseload.file);
    }
    return true;
}

// Opens --out, when given, unless it would overwrite an input.
bool open_results(const BatchOptions& o, std::ofstream& file) {
    if (auto why = output_overwrites_input(o)) {
        std::cerr << o.out << ": error: " << *why << "\n";
        return false;
    }
    if (o.out.empty()) return true;
    file.open(o.out, std::ios::binary | std::ios::trunc);
    if (!file) {
        std::cerr << o.out << ": error: cannot write the results: " << std::strerror(errno) << "\n";
        return false;
    }
    return true;
}

// Records travel between the threads in chunks, not one by one: a hand-over takes a lock and may wake a
// thread, which costs more than a short history's evaluation. A chunk is numbered by its position.
struct Chunk {
    std::uint64_t seq = 0;
    std::vector<Job> jobs;
    std::size_t bytes = 0;
};
constexpr std::size_t chunk_records = 32;
constexpr std::size_t chunk_bytes = std::size_t{1} << 20; // a chunk of long histories closes sooner

// Adds a record to the chunk being filled, and passes the chunk on when it is full.
void add_to_chunk(Chunk& chunk, Job job, BoundedQueue<Chunk>& queue) {
    chunk.bytes += job.text.size();
    chunk.jobs.push_back(std::move(job));
    if (chunk.jobs.size() < chunk_records && chunk.bytes < chunk_bytes) return;
    const std::uint64_t next = chunk.seq + 1;
    queue.push(std::move(chunk));
    chunk = Chunk{};
    chunk.seq = next;
}

// The last chunk, however short; the queue closed; the count of chunks told to the writer.
void finish_chunks(Chunk& chunk, BoundedQueue<Chunk>& queue, ReorderBuffer<std::vector<Done>>& results) {
    const std::uint64_t count = chunk.jobs.empty() ? chunk.seq : chunk.seq + 1;
    if (!chunk.jobs.empty()) queue.push(std::move(chunk));
    queue.close();
    results.finish(count);
}

// The reader: every record of the caseload into the queue, in chunks; true unless reading failed.
bool read_records(std::FILE* in, BoundedQueue<Chunk>& queue, ReorderBuffer<std::vector<Done>>& results) {
    LineReader lines(in);
    Job job;
    Chunk chunk;
    std::uint64_t line_no = 0, bytes = 0;
    while (lines.next(job.text, job.too_long, bytes)) {
        ++line_no;
        // Blank lines are not records (a trailing one is common); they produce no output.
        if (!job.too_long && is_blank_record(job.text)) continue;
        job.line = line_no;
        job.offset = bytes;
        add_to_chunk(chunk, std::move(job), queue);
        job = Job{};
    }
    bool failed = std::ferror(in) != 0;
    finish_chunks(chunk, queue, results);
    return !failed;
}

// The reader of a CSV caseload: each person's rows as one record (cli/caseload_csv.h).
bool read_csv_records(const std::string& path, BoundedQueue<Chunk>& queue, ReorderBuffer<std::vector<Done>>& results) {
    CaseloadReader reader(path, true);
    bool ok = reader.open();
    Chunk chunk;
    for (CaseloadRecord record; ok && reader.next(record);) {
        Job job;
        job.line = record.line;
        job.text = record.text;
        job.csv = std::make_shared<const CaseloadRecord>(std::move(record));
        add_to_chunk(chunk, std::move(job), queue);
    }
    finish_chunks(chunk, queue, results);
    return ok && reader.read_ok();
}

// A worker: chunks from the queue, evaluated, into the reorder buffer until the queue is empty and closed.
void evaluate_records(const RuleChoice& rules, const std::string& source, BoundedQueue<Chunk>& queue,
                      ReorderBuffer<std::vector<Done>>& results) {
    while (std::optional<Chunk> chunk = queue.pop()) {
        std::vector<Done> done;
        done.reserve(chunk->jobs.size());
        for (const Job& job : chunk->jobs) {
            done.push_back(evaluate_line(rules, job, source));
            done.back().offset = job.offset;
        }
        results.put(chunk->seq, std::move(done));
    }
}

// What the written results add up to, for the summary line.
struct BatchTally {
    std::uint64_t written = 0, errors = 0, reached = 0, offset_done = 0;
    Decimal total_metered;

    void add(const Done& d) {
        ++written;
        offset_done = d.offset;
        if (!d.ok) ++errors;
        if (d.reached) ++reached;
        total_metered += d.total;
    }
};

// "carecap batch: 1200 histories, 310/s, about 0:42 left" on a terminal's standard error, twice a second.
class ProgressLine {
public:
    ProgressLine(Clock::time_point started, std::uint64_t input_size)
        : started_(started), input_size_(input_size), enabled_(isatty(STDERR_FILENO) != 0) {}

    void update(const BatchTally& tally) {
        const std::int64_t ms = millis_since(started_);
        if (!enabled_ || ms - last_ms_ < 500) return;
        last_ms_ = ms;
        std::string line = "\rcarecap batch: " + std::to_string(tally.written) + " histories";
        if (ms > 0) line += ", " + std::to_string(tally.written * 1000 / static_cast<std::uint64_t>(ms)) + "/s";
        // Time left from the share of the file read so far: bytes, since the count is unknown.
        if (input_size_ > 0 && tally.offset_done > 0 && tally.offset_done < input_size_) {
            auto left_ms = static_cast<std::int64_t>(static_cast<std::uint64_t>(ms) * (input_size_ - tally.offset_done) /
                                                     tally.offset_done);
            line += ", about " + clock_text(left_ms / 1000) + " left";
        }
        std::cerr << line << "    " << std::flush;
        shown_ = true;
    }

    void clear() const {
        if (shown_) std::cerr << "\r" << std::string(79, ' ') << "\r";
    }

private:
    Clock::time_point started_;
    std::uint64_t input_size_;
    bool enabled_;
    std::int64_t last_ms_ = 0;
    bool shown_ = false;
};

// The writer: results in input order as they become ready, with the progress line between.
BatchTally write_results(ReorderBuffer<std::vector<Done>>& results, std::ostream& out, ProgressLine& progress) {
    BatchTally tally;
    std::vector<std::vector<Done>> ready;
    for (;;) {
        bool finished = results.take(ready, std::chrono::milliseconds(250));
        for (const std::vector<Done>& chunk : ready)
            for (const Done& d : chunk) {
                out << d.out;
                tally.add(d);
            }
        ready.clear();
        if (finished) return tally;
        progress.update(tally);
    }
}

void print_summary(const BatchTally& tally, std::int64_t ms, unsigned jobs) {
    const std::int64_t peak_kib = peak_resident_kib();
    // People are the histories evaluated; error lines are counted apart, as errors.
    const std::uint64_t people = tally.written - tally.errors;
    std::cerr << "carecap batch: " << people << (people == 1 ? " person" : " people") << ", " << tally.reached
              << " reached the cap, " << tally.total_metered.to_money(Rounding::half_up) << " metered, " << tally.errors
              << (tally.errors == 1 ? " error" : " errors") << ", " << seconds_text(ms);
    if (ms > 0)
        std::cerr << " (" << tally.written * 1000 / static_cast<std::uint64_t>(ms) << " histories/s, -j " << jobs << ")";
    std::cerr << ", peak memory " << peak_kib / 1024 << "." << peak_kib % 1024 * 10 / 1024 << " MiB\n";
}

int run_batch(const BatchOptions& o, const std::vector<std::string>& roots) {
    const auto started = Clock::now();
    const std::optional<ChosenRules> chosen = choose_or_report(o.rules, o.registry, roots);
    if (!chosen) return exit_failed;
    const RuleChoice rules = chosen->choice(); // immutable: shared by every worker
    if (chosen_figures()) // once, before any line: a wrong name is not an error on every line
        for (const std::string& problem : unknown_figures({chosen->rules.get()}, *chosen_figures())) {
            std::cerr << error_prefix() << "--figures: " << problem << "\n";
            return exit_usage;
        }
    Caseload caseload;
    if (!open_caseload(o.input, caseload)) return exit_failed;
    // Told by content (cli/caseload_file.h): a history over several lines gets one message, not one a line.
    const FileKind kind = o.input == "-" ? FileKind::json_lines : file_kind(o.input);
    if (kind == FileKind::single_history) {
        std::cerr << o.input << ": error: " << not_a_caseload_message("batch") << "\n";
        return exit_failed;
    }
    // A CSV without the columns it needs is said once, before any worker starts.
    if (CaseloadReader header(o.input, true); kind == FileKind::csv && !header.open()) return exit_failed;
    std::ofstream file_out;
    if (!open_results(o, file_out)) return exit_failed;
    std::ostream& out = o.out.empty() ? std::cout : file_out;

    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    // Both bounds (in chunks) scale with the workers, so that each has work waiting and none waits long
    // for a slow neighbour, yet memory is a few hundred histories whatever the length of the file.
    BoundedQueue<Chunk> queue(2 * std::size_t{jobs} + 2);
    ReorderBuffer<std::vector<Done>> results(4 * std::uint64_t{jobs} + 4);
    bool read_ok = true;
    std::thread reader([&] {
        read_ok = kind == FileKind::csv ? read_csv_records(o.input, queue, results) : read_records(caseload.file, queue, results);
    });
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w)
        workers.emplace_back([&] { evaluate_records(rules, caseload.source, queue, results); });
    ProgressLine progress(started, caseload.size);
    const BatchTally tally = write_results(results, out, progress);
    reader.join();
    for (auto& w : workers) w.join();
    out.flush();
    progress.clear();
    print_summary(tally, millis_since(started), jobs);

    if (!read_ok) {
        std::cerr << caseload.source << ": error: reading the caseload failed\n";
        return exit_failed;
    }
    if (!out) {
        std::cerr << error_prefix() << "the results could not be written\n";
        return exit_failed;
    }
    return tally.errors ? exit_failed : exit_ok;
}

CommandRun setup_batch(CLI::App& app) {
    auto o = std::make_shared<BatchOptions>();
    auto* batch = app.add_subcommand("batch", "evaluate a caseload of care histories (JSON lines), one result per line");
    batch->add_option("--rules", o->rules, "the rule file")->required();
    add_registry_option(*batch, o->registry);
    batch->add_option("caseload", o->input, "the caseload: one history per line, or CSV (- for standard input: JSON lines)")->required();
    batch->add_option("-j,--jobs", o->jobs, "worker threads (default: one per processor)")->check(CLI::Range(1u, 256u));
    batch->add_option("--out", o->out, "write the results here instead of standard output");
    auto* figures = batch->add_option("--figures", o->figures, "the outputs each result reports, a,b (default: all)")
                        ->delimiter(',')
                        ->allow_extra_args(false);
    batch->add_flag("--compact", o->compact,
                    "one short line per person: the meters' totals and the totals of the --figures outputs");
    return [o, figures](const CommandContext& context) {
        if (figures->count() > 0) chosen_figures() = o->figures;
        compact_lines() = o->compact;
        return run_batch(*o, context.rule_roots);
    };
}

const CommandRegistration batch_registration{14, "batch", setup_batch};

} // namespace
} // namespace carecap::cli
