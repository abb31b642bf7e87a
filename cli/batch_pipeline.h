// batch_pipeline.h: the two hand-overs between the threads of `carecap batch` (cli/batch.cpp). The reader
// pushes records into a BoundedQueue, the workers pop them and put each result into a ReorderBuffer under
// the record's position, and the writer takes the results out in input order. Both are bounded, so memory
// stays flat however long the caseload is.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace carecap::cli {

// A first-in first-out queue holding at most `capacity` items: push waits while it is full.
template <class T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        lock.unlock();
        not_empty_.notify_one();
    }

    // No more items will be pushed: pop returns nothing once the queue is empty.
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        not_empty_.notify_all();
    }

    // The oldest item, waiting for one; nothing when the queue is closed and empty.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        lock.unlock();
        not_full_.notify_one();
        return item;
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<T> items_;
    bool closed_ = false;
};

// Items numbered 0, 1, 2... put in any order and taken out in order. An item more than `window` places
// ahead of the next one to be taken waits to be put, so at most `window` items are ever held.
template <class T>
class ReorderBuffer {
public:
    explicit ReorderBuffer(std::uint64_t window) : window_(window) {}

    // Items leave the queue in order, so the one the writer waits for is never the one held here waiting.
    void put(std::uint64_t position, T item) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return position < next_ + window_; });
        bool wanted = position == next_;
        held_.emplace(position, std::move(item));
        lock.unlock();
        if (wanted) ready_.notify_one();
    }

    // Every item has been numbered: there are `count` in all.
    void finish(std::uint64_t count) {
        {
            std::lock_guard lock(mutex_);
            count_ = count;
        }
        ready_.notify_all();
    }

    // Waits at most `wait` for the next item, then moves every item that follows in order into `out`.
    // True once all `count` items (finish) have been taken.
    bool take(std::vector<T>& out, std::chrono::milliseconds wait) {
        bool finished = false;
        bool took = false;
        {
            std::unique_lock lock(mutex_);
            ready_.wait_for(lock, wait, [&] { return held_.contains(next_) || (count_ && next_ == *count_); });
            for (auto it = held_.find(next_); it != held_.end() && it->first == next_; it = held_.erase(it), ++next_) {
                out.push_back(std::move(it->second));
                took = true;
            }
            finished = count_ && next_ == *count_;
        }
        if (took) space_.notify_all();
        return finished;
    }

private:
    std::uint64_t window_;
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::map<std::uint64_t, T> held_;
    std::uint64_t next_ = 0;
    std::optional<std::uint64_t> count_;  // set by finish
};

} // namespace carecap::cli
