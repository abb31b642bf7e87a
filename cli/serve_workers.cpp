// serve_workers.cpp: see serve_workers.h.
#include "cli/serve_workers.h"

#include "runtime/evaluation/cancel.h"

#include <unistd.h>

namespace carecap::serve {

Workers::Workers(const RuleSets& rule_sets, std::size_t count, int wake) : rule_sets_(rule_sets), wake_(wake) {
    for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
}

Workers::~Workers() {
    stop(Clock::time_point::max());
}

void Workers::submit(std::shared_ptr<Job> job) {
    {
        std::lock_guard lock(mutex_);
        waiting_.push_back(std::move(job));
    }
    ready_.notify_one();
}

std::vector<std::shared_ptr<Job>> Workers::take_finished() {
    std::lock_guard lock(mutex_);
    return std::exchange(finished_, {});
}

void Workers::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ready_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_) return; // what still waits was cancelled, and its connection is gone
        std::shared_ptr<Job> job = std::move(waiting_.front());
        waiting_.pop_front();
        ++busy_;
        lock.unlock();
        {
            // A job whose deadline passed while it waited is not started at all: the handler answers 503.
            CancelScope scope(job->cancel);
            job->answer = job->cancel ? error_response(503, "the request was not started before its deadline")
                                      : handle_request(rule_sets_, Request{job->method, job->path, job->query, job->body});
        }
        lock.lock();
        --busy_;
        finished_.push_back(std::move(job));
        char byte = 1;
        [[maybe_unused]] auto written = write(wake_, &byte, 1); // a full pipe already wakes the loop
        idle_.notify_all();
    }
}

bool Workers::stop(Clock::time_point until) {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    ready_.notify_all();
    auto idle = [this] { return busy_ == 0; };
    if (until == Clock::time_point::max()) idle_.wait(lock, idle);
    else if (!idle_.wait_until(lock, until, idle)) return false;
    lock.unlock();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    return true;
}

} // namespace carecap::serve
