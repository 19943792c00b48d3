// sejour61/machine.hpp — the procedure's state machine behind a small interface.
//
// The machine (Boost.MSM, compiled in src/machine.cpp only) holds the
// structure of the procedure (procedure.md §3–§4): its states, the events that
// can move a case, and which transition each guard selects. It computes no
// date and reads no rule file: the replay (src/procedure/) evaluates the facts
// into a GuardContext, fires an event, and applies the Action the machine
// chose. The transition table is introspected from the MSM table itself, so
// that tests, `graph` and the documentation can never drift from the code.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sejour61 {

enum class State { start, detected, reflection, provisional, temporary, indefinite, closed };
const char* state_name(State s);

/// Three-valued truth of a condition of R-61/4-A (R-FACTS).
enum class Tri { unknown, holds, fails };

/// What the guards read, evaluated by the replay from the facts and the rule
/// set in force on the decision day.
struct GuardContext {
    Tri victim = Tri::unknown;       ///< condition 1: the person is a victim
    Tri proceedings = Tri::unknown;  ///< condition 2: proceedings ongoing
    Tri cooperation = Tri::unknown;  ///< condition 3: the person cooperates
    Tri identity = Tri::unknown;     ///< condition 4: identity established
    bool extension_left = false;      ///< provisional.max_extensions not reached
    bool renewal_left = true;         ///< temporary.max_renewals not reached
    bool eligible = true;             ///< R-ELIG on the day of the indications
    bool prior_cooperation = false;   ///< R-61/3-DIRECT
    bool mena_on_contact = false;     ///< unaccompanied minor on the day of centre contact
    bool mena_reflection_3m = false;  ///< mena.first_document == reflection_3m
    bool withdrawal_effective = true; ///< false for cooperation_stopped when condition 3 is waived
    bool personal_stay = false;       ///< reflection.end_without_cooperation == provisional (R-61/3-PERSONAL)
};

/// Events the machine reacts to. Facts (opinions, identity, ...) do not move
/// the machine: the replay records them and they are read at decisions.
enum class Trigger {
    indications,
    centre_contact,
    cooperation,
    document_end,        ///< time event: the last day of the current document has passed
    withdrawal,
    left,
    indefinite_trigger,  ///< conviction or requisitions (R-61/5-INDEF), when effective
    indefinite_grant,    ///< a recorded indefinite_decision with granted: true
    temporary_years,     ///< time event: indefinite.after_temporary_years of temporary stay (R-61/5-YEARS)
};
const char* trigger_name(Trigger t);
constexpr int trigger_count = 9;

/// What the replay must do after a transition.
enum class Action {
    open_case,
    close_not_eligible,
    issue_reflection,
    issue_mena_reflection,
    issue_ai_direct,
    issue_ai_mena,
    issue_ai,
    close_lapsed,
    close_withdrawn,
    close_left,
    extend_ai,
    issue_a_card,
    close_exhausted,
    close_conditions,
    renew_a_card,
    close_not_renewed,
    indefinite_by_trigger,
    indefinite_by_decision,
    issue_ai_personal,      ///< R-61/3-PERSONAL (reform residence-without-cooperation)
    indefinite_by_years,    ///< R-61/5-YEARS (reform residence-without-cooperation)
};
const char* action_name(Action a);

/// One row of the transition table.
struct TransitionRow {
    State source;
    Trigger event;
    State target;
    Action action;
    const char* rule;   ///< the rule id of procedure.md the row implements
    const char* guard;  ///< the guard's name ("" when none)
    bool (*holds)(const GuardContext&);
};

/// The rows of the MSM transition table, in table order.
const std::vector<TransitionRow>& transition_table();

/// Result of firing one event.
struct Fired {
    bool handled = false;  ///< false: no row applies (the replay warns)
    State from = State::start;
    State to = State::start;
    const TransitionRow* row = nullptr;
};

/// One procedure, replayed event by event. Not thread-safe; cheap to create.
class ProcedureMachine {
public:
    ProcedureMachine();
    ~ProcedureMachine();
    ProcedureMachine(const ProcedureMachine&) = delete;
    ProcedureMachine& operator=(const ProcedureMachine&) = delete;

    State state() const;
    Fired fire(Trigger t, const GuardContext& ctx);
    /// Back to the initial state, without allocating (a machine reused per thread).
    void reset();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sejour61
