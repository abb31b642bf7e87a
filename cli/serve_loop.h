// serve_loop.h: the connections of `carecap serve`. One thread reads every connection without blocking
// (poll), so a slow or silent client holds a buffer and a deadline, never a thread; a complete request
// that needs an evaluation goes to a fixed pool of workers, everything else (/healthz, /v1/rules, every
// error) is answered at once by the reading thread. docs/serve.md "Limits" lists every bound.
#pragma once

#include "cli/serve_handler.h"
#include "cli/serve_http.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace carecap::serve {

struct LoopSettings {
    http::HttpLimits limits;
    std::size_t workers = 4;                 // --threads: evaluations at once
    std::size_t connections = 128;           // open at once; one more is answered 503 and closed
    std::chrono::milliseconds request_read{10'000}; // from a request's first byte to the end of its body
    std::chrono::milliseconds keep_alive{5'000};    // an open connection with no request under way
    std::chrono::milliseconds write{10'000};        // for the client to take an answer
    std::chrono::milliseconds evaluation{30'000};   // --timeout: from a request's end to its answer
    std::chrono::milliseconds stop_grace{3'000};    // after SIGTERM, for requests in hand to finish
    std::chrono::milliseconds stop_hard{7'000};     // after SIGTERM, when the process goes whatever is left
    std::size_t drain = 64 * 1024; // bytes read and dropped after a refused request, before closing
    std::string token;             // the bearer token every request but /healthz must carry; empty: none
    std::vector<std::string> allowed_origins; // --allow-origin: the web origins CORS lets read the answers
    std::FILE* access_log = nullptr;          // --access-log: one line per answer (cli/serve_access.h); null: none
};

struct StopReport {
    std::size_t unanswered = 0; // requests still under way when the server gave up on them
    bool workers_stuck = false; // a worker did not finish: the caller must end the process (std::_Exit)
};

// Serves on `listener` (bound, listening, non-blocking) until `stop` is set; whoever sets it writes a
// byte to `wake_write`, the write end of a non-blocking pipe whose read end is `wake` (workers use it
// too). Then stops as LoopSettings says: stop_grace for what is under way, stop_hard at the most.
StopReport run_loop(int listener, int wake, int wake_write, const std::atomic<bool>& stop, const RuleSets& rule_sets,
                    const LoopSettings& settings);

} // namespace carecap::serve
