// src/procedure/facts.hpp — the facts ledger (R-FACTS).
//
// Facts do not move the procedure: they are recorded as they come, each with
// its date, its place in the order of events and the event that set it, and
// they are read when a decision is taken (at the end of a document). The four
// conditions of art. 61/4 §1 have names here; so do the facts the reform
// diplomatic-labour-track reads (procedure.md §8). Facts are recorded under
// every rule set (§7): whether a decision reads a fact is the decision's
// rule set's business, not the recording's.
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/machine.hpp"

#include <string>

namespace sejour61::procedure {

/// One fact about a condition: its value and when it was established.
struct Fact {
    Tri value = Tri::unknown;
    Date date;
    size_t seq = 0;       ///< position in the order of events (later facts win)
    const char* source = "";  ///< event type that set it (a static name)
};

/// The conditions as a decision reads them.
struct Conditions {
    Tri victim = Tri::unknown, proceedings = Tri::unknown, cooperation = Tri::unknown, identity = Tri::unknown;
};

class FactsLedger {
public:
    // Condition 1, the person is a victim: the prosecutor's opinion (when its
    // qualification is clear), or under diplomatic-labour-track the labour
    // auditor's finding when it is the later of the two.
    Fact victim_by_prosecutor;
    Fact victim_by_labour_auditor;
    Fact proceedings;  ///< condition 2: criminal proceedings ongoing
    Fact cooperation;  ///< condition 3: the person cooperates
    Fact identity;     ///< condition 4: identity established
    // diplomatic-labour-track: the latest labour_proceedings (holds: pending;
    // fails: a judgment against the worker; unknown: a favourable judgment),
    // and the latest proceedings_ended with another outcome than immunity.
    Fact labour_proceedings;
    Fact ended_other_than_immunity;

    /// A new event is being processed: facts it sets are later than all before.
    void next_event() { ++seq_; }
    void set(Fact& f, Tri v, const Event& e);

    /// The conditions of art. 61/4 as of now. `labour_track`: read under
    /// diplomatic-labour-track for a worker of an employer with immunity;
    /// `waived`: conditions 2 and 3 are waived (mena-unconditional, and
    /// condition 1 holds unless known to fail).
    Conditions read(bool labour_track, bool waived) const;

private:
    size_t seq_ = 0;
};

}  // namespace sejour61::procedure
