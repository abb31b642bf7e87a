// serve_workers.cpp: see serve_workers.h.
#include "cli/serve_workers.h"

#include "runtime/evaluation/cancel.h"

#include <unistd.h>

namespace carecap::serve {
namespace {

// The stream a worker hands the handler for a job: pieces wait in the job for the reading thread.
class JobStream : public AnswerStream {
public:
    JobStream(Job& job, int wake) : job_(job), wake_(wake) {}
    void begin(std::string_view content_type) override {
        std::lock_guard lock(job_.stream_mutex);
        job_.stream_type = content_type;
        job_.stream_begun = true;
    }
    bool write(std::string_view piece) override {
        std::unique_lock lock(job_.stream_mutex);
        // Woken when the reading thread takes pieces; the timeout only looks at `cancel` again.
        while (job_.pieces.size() >= Job::stream_room && !job_.cancel)
            job_.stream_taken.wait_for(lock, std::chrono::milliseconds(100));
        if (job_.cancel) return false;
        job_.pieces += piece;
        lock.unlock();
        char byte = 1;
        [[maybe_unused]] auto written = write_wake(byte);
        return true;
    }

private:
    ssize_t write_wake(char byte) { return ::write(wake_, &byte, 1); } // a full pipe already wakes the loop
    Job& job_;
    int wake_;
};

} // namespace

bool Job::take_pieces(std::string& into) {
    {
        std::lock_guard lock(stream_mutex);
        if (!stream_begun) return false;
        into += pieces;
        pieces.clear();
    }
    stream_taken.notify_all();
    return true;
}

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
            JobStream stream(*job, wake_);
            job->answer = job->cancel ? error_response(503, "the request was not started before its deadline")
                                      : handle_request(rule_sets_, Request{job->method, job->path, job->query, job->body,
                                                                           &stream});
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
