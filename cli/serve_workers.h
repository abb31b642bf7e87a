// serve_workers.h: the fixed pool of threads that run evaluations for `carecap serve` (cli/serve_loop.cpp).
// Each job carries a flag the reading thread sets when the job's deadline passes or the server stops;
// the evaluation then stops at its next step (runtime/evaluation/cancel.h) and the job is answered 503.
#pragma once

#include "cli/serve_handler.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace carecap::serve {

using Clock = std::chrono::steady_clock;

struct Job {
    std::uint64_t connection = 0; // which connection to answer
    std::string method, path, query, body;
    std::atomic<bool> cancel{false};
    std::string cancelled_because; // set by the reading thread before `cancel`; read by it alone
    Response answer;               // written by the worker, read once the job is finished

    // A streamed answer (POST /v1/batch): the worker appends pieces, the reading thread takes them. The
    // worker waits while `pieces` holds stream_room bytes, so a client that reads slowly holds a worker,
    // never memory.
    static constexpr std::size_t stream_room = 256 * 1024;
    std::mutex stream_mutex;
    std::condition_variable stream_taken;
    bool stream_begun = false;   // under stream_mutex
    std::string stream_type;     // the content type, once begun
    std::string pieces;          // under stream_mutex: pieces not yet taken

    // Takes the pieces waiting (the reading thread); false if the stream has not begun.
    bool take_pieces(std::string& into);
};

class Workers {
public:
    // `wake` is the write end of the pipe the reading thread polls: one byte each time a job finishes.
    Workers(const RuleSets& rule_sets, std::size_t count, int wake);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    void submit(std::shared_ptr<Job> job);
    std::vector<std::shared_ptr<Job>> take_finished();
    // Stops taking jobs and waits for the threads until `until`; false if one is still busy then.
    bool stop(Clock::time_point until);

private:
    void work();

    const RuleSets& rule_sets_;
    int wake_;
    std::mutex mutex_;
    std::condition_variable ready_, idle_;
    std::deque<std::shared_ptr<Job>> waiting_; // at most one per connection: bounded by the connection limit
    std::vector<std::shared_ptr<Job>> finished_;
    std::size_t busy_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace carecap::serve
