// src/procedure/trace.hpp — the decision trace of a replay.
//
// Every decision records its rule id, the rule's legal basis
// (rules/rule-index.json), the event that caused it, the state before and
// after, the parameters it read with the regime they came from, and the
// conditions as read (R-FACTS). `explain` shows the trace; status, timeline,
// compare and simulate replay without it (ReplayOptions::trace = false): then
// no decision is kept and no message is built, one scratch decision absorbs
// the writes.
#pragma once

#include "sejour61/engine.hpp"

#include <initializer_list>

namespace sejour61::procedure {

class Trace {
public:
    Trace(Outcome& out, const RuleBook& book, bool keep, Decision& scratch)
        : out_(out), book_(book), keep_(keep), scratch_(scratch) {}

    /// Whether decisions are kept (explain).
    bool on() const { return keep_; }

    /// A new decision on `d` under `rule`, in state `now`; the current one until the next.
    Decision& decide(const Date& d, Id rule, const char* event, std::optional<size_t> index,
                     Text message, State now);
    Decision& current() { return keep_ ? out_.decisions.back() : scratch_; }

    /// The machine chose `row` (rule id and target state) for the current decision.
    void chosen(const TransitionRow& row, State to);

    /// Records that `d` read these parameters of `rs` (sorted by key; read again: the latest).
    void read(Decision& d, const RuleSet& rs, std::initializer_list<const char*> keys) const;

    /// A warning on `d`; `no_effect`: the event it concerns changes nothing (record refuses it).
    void warn(Id rule, const Date& d, Text msg, bool no_effect = false) {
        out_.warnings.push_back(Warning{rule, std::move(msg), d, no_effect});
    }

    std::string basis(const std::string& rule) const { return book_.basis_of(rule); }

private:
    Outcome& out_;
    const RuleBook& book_;
    bool keep_;
    Decision& scratch_;  // the decision being built when not tracing (reused)
};

}  // namespace sejour61::procedure

// A catalogue text (rules/i18n) for the trace: not even built when not tracing.
#define S61_TEXT(...) (trace_.on() ? ::sejour61::Text(__VA_ARGS__) : ::sejour61::Text())
