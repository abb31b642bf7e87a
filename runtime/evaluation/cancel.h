// cancel.h: stopping an evaluation from outside it. A host that answers strangers (carecap serve) gives
// each request a deadline; when it passes, another thread sets the request's flag and the evaluation
// stops at its next expression step. This is no limit of the rules: it depends on the clock, so it never
// enters a result, only stops one from being given (EvaluationCancelled, never an EvalError).
#pragma once

#include <atomic>
#include <stdexcept>

namespace carecap {

struct EvaluationCancelled : std::runtime_error {
    EvaluationCancelled() : std::runtime_error("the evaluation was stopped before it finished") {}
};

// The flag that stops the evaluations of this thread, or null: every Evaluator made on the thread
// reads it (through EvalLimits::cancel), whichever API call made it.
inline thread_local const std::atomic<bool>* thread_cancel_flag = nullptr;

// Sets the flag for the evaluations of this thread while it lives.
class CancelScope {
public:
    explicit CancelScope(const std::atomic<bool>& flag) : outer_(thread_cancel_flag) { thread_cancel_flag = &flag; }
    ~CancelScope() { thread_cancel_flag = outer_; }
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

private:
    const std::atomic<bool>* outer_;
};

} // namespace carecap
