// serve_loop.cpp: the reading thread of `carecap serve` (cli/serve_loop.h).
#include "cli/serve_loop.h"

#include "cli/serve_access.h"
#include "cli/serve_workers.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <memory>
#include <optional>

namespace carecap::serve {
namespace {

constexpr std::size_t read_size = 64 * 1024;
constexpr std::chrono::milliseconds linger_time{2'000};

struct Connection {
    enum class Phase { head, body, working, answering, lingering };
    int fd = -1;
    std::uint64_t id = 0;
    Phase phase = Phase::head;
    std::string in, out; // bytes received and not yet taken; bytes to send
    std::size_t sent = 0;
    bool started = false;     // some of the current request has arrived
    bool close_after = false; // close once `out` is sent
    Clock::time_point deadline;
    http::Head head;
    std::string body;
    std::optional<http::ChunkedReader> chunked;
    std::size_t drained = 0;
    std::shared_ptr<Job> job;
    Clock::time_point began;      // the current request's first byte: the access log's duration
    bool streaming = false;       // the head of a streamed answer has gone; its pieces follow
    std::uint64_t streamed = 0;   // bytes of that answer's body so far
};

std::string seconds(std::chrono::milliseconds time) {
    return std::to_string((time.count() + 999) / 1000) + " s";
}

class Loop {
public:
    Loop(int listener, int wake, const std::atomic<bool>& stop, const RuleSets& rule_sets, const LoopSettings& s)
        : listener_(listener), wake_(wake), stop_(stop), rule_sets_(rule_sets), s_(s) {}
    ~Loop() {
        for (auto& [id, c] : connections_) ::close(c.fd);
    }
    std::size_t run(Workers& workers);

private:
    void poll_once();
    void accept_all();
    void receive(Connection& c);
    void send_out(Connection& c);
    void all_sent(Connection& c);
    void advance(Connection& c);
    bool take_head(Connection& c);
    bool take_body(Connection& c);
    void dispatch(Connection& c);
    void answer(Connection& c, Response response, bool keep_alive);
    void refuse(Connection& c, std::string_view path, int status, const std::string& message);
    void expire(Connection& c);
    void cancel(Connection& c, const std::string& because);
    void collect_finished();
    void pump_streams();
    void pump(Connection& c, bool finished);
    void begin_stop();
    void end_grace();
    void close(Connection& c);

    int listener_, wake_;
    const std::atomic<bool>& stop_;
    const RuleSets& rule_sets_;
    const LoopSettings& s_;
    Workers* workers_ = nullptr;
    std::map<std::uint64_t, Connection> connections_;
    std::uint64_t next_id_ = 1;
    Clock::time_point now_ = Clock::now();
    std::optional<Clock::time_point> stopping_since_;
    bool grace_over_ = false;
};

std::size_t Loop::run(Workers& workers) {
    workers_ = &workers;
    for (;;) {
        now_ = Clock::now();
        if (stop_ && !stopping_since_) begin_stop();
        if (stopping_since_) {
            if (!grace_over_ && now_ >= *stopping_since_ + s_.stop_grace) end_grace();
            if (connections_.empty() || now_ >= *stopping_since_ + s_.stop_hard) break;
        }
        poll_once();
        collect_finished();
        pump_streams();
        for (auto& [id, c] : connections_)
            if (c.fd >= 0 && now_ >= c.deadline) expire(c);
        std::erase_if(connections_, [](const auto& entry) { return entry.second.fd < 0; });
    }
    std::size_t unanswered = connections_.size();
    for (auto& [id, c] : connections_) close(c);
    connections_.clear();
    return unanswered;
}

void Loop::poll_once() {
    std::vector<pollfd> fds{{wake_, POLLIN, 0}};
    bool listening = !stopping_since_;
    if (listening) fds.push_back({listener_, POLLIN, 0});
    std::vector<Connection*> polled;
    Clock::time_point next = now_ + std::chrono::seconds(1);
    if (stopping_since_) next = std::min(next, *stopping_since_ + (grace_over_ ? s_.stop_hard : s_.stop_grace));
    for (auto& [id, c] : connections_) {
        short events = 0;
        if (c.phase == Connection::Phase::head || c.phase == Connection::Phase::body ||
            c.phase == Connection::Phase::lingering)
            events |= POLLIN;
        if (c.sent < c.out.size()) events |= POLLOUT;
        fds.push_back({c.fd, events, 0});
        polled.push_back(&c);
        next = std::min(next, c.deadline);
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now_).count() + 1;
    if (::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<long long>(wait, 0, 1000))) <= 0) return;
    now_ = Clock::now();
    if (fds[0].revents & POLLIN) {
        char bytes[256];
        while (read(wake_, bytes, sizeof bytes) > 0) {
        }
    }
    if (listening && (fds[1].revents & POLLIN)) accept_all();
    std::size_t first = listening ? 2 : 1;
    for (std::size_t i = 0; i < polled.size(); ++i) {
        Connection& c = *polled[i];
        short revents = fds[first + i].revents;
        if (c.fd >= 0 && (revents & POLLOUT)) send_out(c);
        if (c.fd >= 0 && (revents & (POLLIN | POLLHUP | POLLERR))) receive(c);
    }
}

void Loop::accept_all() {
    for (int taken = 0; taken < 64; ++taken) {
        int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        if (connections_.size() >= s_.connections) {
            // Full: a clear answer at once rather than a wait in the kernel's queue.
            std::string busy = http::format_response(
                error_response(503, "the server has " + std::to_string(s_.connections) + " connections open already"),
                false, false);
            [[maybe_unused]] auto written = send(fd, busy.data(), busy.size(), MSG_NOSIGNAL);
            ::close(fd);
            continue;
        }
        Connection& c = connections_[next_id_];
        c.id = next_id_++;
        c.fd = fd;
        c.deadline = now_ + s_.keep_alive;
    }
}

void Loop::receive(Connection& c) {
    char buffer[read_size];
    ssize_t got = recv(c.fd, buffer, sizeof buffer, 0);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (got <= 0) return close(c); // the client has gone (or half-closed mid-request: nothing can be answered)
    if (c.phase == Connection::Phase::lingering) {
        c.drained += static_cast<std::size_t>(got);
        if (c.drained > s_.drain) close(c);
        return;
    }
    c.in.append(buffer, static_cast<std::size_t>(got));
    advance(c);
}

void Loop::send_out(Connection& c) {
    ssize_t put = send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
    if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (put <= 0) return close(c);
    c.sent += static_cast<std::size_t>(put);
    if (c.sent < c.out.size()) return;
    all_sent(c);
}

// Everything in `out` has gone: on to what follows the answer (or, mid-stream, to waiting for more of it).
void Loop::all_sent(Connection& c) {
    c.out.clear();
    c.sent = 0;
    if (c.phase != Connection::Phase::answering) return; // a "100 Continue" went: the body comes next
    if (c.close_after) {
        // Half-close, then read and drop a little of what the client still sends, so that our answer is
        // not lost to a reset from unread bytes; bounded in bytes (drain) and in time.
        shutdown(c.fd, SHUT_WR);
        c.phase = Connection::Phase::lingering;
        c.deadline = now_ + linger_time;
        return;
    }
    c.phase = Connection::Phase::head;
    c.deadline = now_ + s_.keep_alive;
    if (stopping_since_ && c.in.empty()) return close(c);
    advance(c); // a pipelined request may be here already
}

void Loop::advance(Connection& c) {
    for (;;) {
        if (c.phase == Connection::Phase::head && take_head(c)) continue;
        if (c.phase == Connection::Phase::body && take_body(c)) continue;
        return;
    }
}

// Returns whether the request's head was taken (and the request moved on).
bool Loop::take_head(Connection& c) {
    if (c.in.empty()) return false;
    if (!c.started) {
        c.started = true;
        c.began = now_;
        c.deadline = now_ + s_.request_read; // the whole request, head and body, within this
    }
    http::HeadResult read = http::read_head(c.in, s_.limits);
    if (read.state == http::HeadResult::incomplete) return false;
    if (read.state == http::HeadResult::failed) {
        refuse(c, read.head.path, read.failure.status, read.failure.message);
        return false;
    }
    c.in.erase(0, read.consumed);
    c.head = std::move(read.head);
    if (!s_.token.empty() && c.head.path != "/healthz" && !is_cors_preflight(c.head, s_.allowed_origins) &&
        !http::bearer_matches(c.head.field("authorization"), s_.token)) {
        Response denied = error_response(401, "this server needs \"Authorization: Bearer TOKEN\" on every request but "
                                              "/healthz, with the token it was started with");
        denied.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"carecap\"");
        answer(c, denied, false);
        return false;
    }
    if (c.head.chunked) c.chunked.emplace(s_.limits);
    if (c.head.chunked || c.head.content_length.value_or(0) > 0) {
        c.phase = Connection::Phase::body;
        if (c.head.expect_continue) c.out += http::continue_response;
        return true;
    }
    dispatch(c); // no body (a POST without one gets its 400 now, not after a wait)
    return c.phase == Connection::Phase::head;
}

bool Loop::take_body(Connection& c) {
    if (c.chunked) {
        std::size_t used = c.chunked->feed(c.in, c.body);
        c.in.erase(0, used);
        if (c.chunked->failure()) {
            refuse(c, c.head.path, c.chunked->failure()->status, c.chunked->failure()->message);
            return false;
        }
        if (!c.chunked->done()) return false;
    } else {
        std::size_t want = static_cast<std::size_t>(*c.head.content_length) - c.body.size();
        std::size_t take = std::min(want, c.in.size());
        c.body.append(c.in, 0, take);
        c.in.erase(0, take);
        if (take < want) return false;
    }
    dispatch(c);
    return c.phase == Connection::Phase::head;
}

void Loop::dispatch(Connection& c) {
    c.chunked.reset();
    if (auto bad = http::decode_body(c.head.encoding, c.body, s_.limits.body))
        return answer(c, refusal_response(c.head.path, bad->status, bad->message), c.head.keep_alive);
    if (!is_evaluation(c.head.method, c.head.path)) {
        // Cheap and bounded (a route list, a health check, an error): answered here, never queued, so a
        // server whose workers are all busy still says it is alive.
        return answer(c, handle_request(rule_sets_, Request{c.head.method, c.head.path, c.head.query, c.body}),
                      c.head.keep_alive);
    }
    auto job = std::make_shared<Job>();
    job->connection = c.id;
    job->method = c.head.method;
    job->path = c.head.path;
    job->query = c.head.query;
    job->body = std::move(c.body);
    c.body.clear();
    c.job = job;
    c.phase = Connection::Phase::working;
    c.deadline = now_ + s_.evaluation; // waiting for a worker counts towards it
    workers_->submit(std::move(job));
}

void Loop::answer(Connection& c, Response response, bool keep_alive) {
    bool keep = keep_alive && !stopping_since_;
    add_cors_headers(response.headers, c.head, s_.allowed_origins);
    c.out += http::format_response(response, c.head.method == "HEAD", keep);
    log_access(s_.access_log, c.head.method, c.head.path, response.status, response.body.size(),
               std::chrono::duration_cast<std::chrono::milliseconds>(now_ - (c.started ? c.began : now_)));
    c.close_after = !keep;
    c.phase = Connection::Phase::answering;
    c.deadline = now_ + s_.write;
    c.started = false;
    c.head = {};
    c.body.clear();
    c.chunked.reset();
    c.job.reset();
}

// An error after which the connection cannot be trusted to be in step (the rest of the request is unread).
void Loop::refuse(Connection& c, std::string_view path, int status, const std::string& message) {
    c.in.clear();
    answer(c, refusal_response(path, status, message), false);
}

void Loop::expire(Connection& c) {
    switch (c.phase) {
    case Connection::Phase::head:
        if (!c.started) return close(c); // idle keep-alive connection
        [[fallthrough]];
    case Connection::Phase::body:
        // In the head phase, c.head is still the previous request's: this one's path is not known.
        return refuse(c, c.phase == Connection::Phase::body ? std::string_view(c.head.path) : std::string_view(), 408,
                      "the request did not arrive in full within " + seconds(s_.request_read));
    case Connection::Phase::working:
        return cancel(c, "the request was not answered within its deadline of " + seconds(s_.evaluation) +
                             " (--timeout)");
    case Connection::Phase::answering:
    case Connection::Phase::lingering: return close(c);
    }
}

// Stops the connection's evaluation; its worker answers at its next step, and the answer says why.
void Loop::cancel(Connection& c, const std::string& because) {
    c.job->cancelled_because = because;
    c.job->cancel = true;
    c.deadline = Clock::time_point::max();
}

void Loop::collect_finished() {
    for (auto& job : workers_->take_finished()) {
        auto found = connections_.find(job->connection);
        if (found == connections_.end() || found->second.fd < 0 || found->second.job != job) continue;
        Connection& c = found->second;
        if (c.streaming || job->answer.streamed) { // a streamed answer: its last pieces, then its end
            pump(c, true);
            continue;
        }
        bool stopped = job->cancel && job->answer.status == 503;
        answer(c, stopped ? error_response(503, job->cancelled_because) : std::move(job->answer), c.head.keep_alive);
    }
}

// Moves the pieces of streamed answers to their connections while each has room to send them.
void Loop::pump_streams() {
    for (auto& [id, c] : connections_)
        if (c.fd >= 0 && c.phase == Connection::Phase::working && c.job && c.out.size() - c.sent < Job::stream_room)
            pump(c, false);
}

// Sends on what a streamed answer's worker has made: the head first, then each piece as a chunk (or as it is
// for HTTP/1.0); when `finished`, the end. A stream cut short (the deadline, a stop, a failure after the head
// went) ends by closing the connection without the last chunk, so the client sees the answer is incomplete.
void Loop::pump(Connection& c, bool finished) {
    std::string pieces;
    if (!c.job->take_pieces(pieces) && !c.streaming) return;
    bool chunked = !c.head.http10;
    if (!c.streaming) {
        Response head{200, c.job->stream_type, "", {}};
        add_cors_headers(head.headers, c.head, s_.allowed_origins);
        c.out += http::format_stream_head(head, chunked);
        c.streaming = true;
    }
    if (!pieces.empty()) {
        c.out += chunked ? http::chunk(pieces) : pieces;
        c.streamed += pieces.size();
        c.deadline = now_ + s_.evaluation; // --timeout bounds each wait for more, not the whole caseload
    }
    if (!finished) return;
    bool complete = c.job->answer.streamed && !c.job->cancel;
    if (complete && chunked) c.out += http::last_chunk;
    int status = complete ? 200 : c.job->answer.status;
    log_access(s_.access_log, c.head.method, c.head.path, status, c.streamed,
               std::chrono::duration_cast<std::chrono::milliseconds>(now_ - c.began));
    bool keep = complete && chunked && c.head.keep_alive && !stopping_since_;
    c.close_after = !keep;
    c.phase = Connection::Phase::answering;
    c.deadline = now_ + s_.write;
    c.started = false;
    c.streaming = false;
    c.streamed = 0;
    c.head = {};
    c.body.clear();
    c.job.reset();
    if (c.sent >= c.out.size()) all_sent(c); // nothing left to send (a stream cut short): close now, not later
}

// SIGTERM or SIGINT: no new connections; idle ones close now; requests under way get stop_grace to finish.
void Loop::begin_stop() {
    stopping_since_ = now_;
    ::close(listener_);
    for (auto& [id, c] : connections_)
        if (c.phase == Connection::Phase::head && !c.started && c.out.empty()) close(c);
}

void Loop::end_grace() {
    grace_over_ = true;
    for (auto& [id, c] : connections_) {
        if (c.fd < 0) continue;
        if (c.phase == Connection::Phase::working) cancel(c, "the server is stopping");
        else if (c.phase == Connection::Phase::body || (c.phase == Connection::Phase::head && c.started))
            refuse(c, "", 503, "the server is stopping");
        else if (c.phase == Connection::Phase::head) close(c);
    }
}

void Loop::close(Connection& c) {
    if (c.fd < 0) return;
    ::close(c.fd);
    c.fd = -1;
    if (c.job) c.job->cancel = true; // nobody is left to answer: stop working for them
}

} // namespace

StopReport run_loop(int listener, int wake, int wake_write, const std::atomic<bool>& stop, const RuleSets& rule_sets,
                    const LoopSettings& settings) {
    auto workers = std::make_unique<Workers>(rule_sets, settings.workers, wake_write);
    StopReport report;
    {
        Loop loop(listener, wake, stop, rule_sets, settings);
        report.unanswered = loop.run(*workers);
    }
    // Every job left was cancelled, so a worker is done within a step; one that is not (stuck outside the
    // evaluator's steps) must not hold the process: it is left to the exit that follows.
    if (!workers->stop(Clock::now() + std::chrono::seconds(2))) {
        report.workers_stuck = true;
        [[maybe_unused]] Workers* left = workers.release();
    }
    return report;
}

} // namespace carecap::serve
