// sejour61/engine.hpp — replay of a case's dated facts through the procedure.
//
// State is never stored: it is derived by replaying the facts in date order
// through the state machine (machine.hpp), under the rule set in force on
// each act's date (R-REGIME), adding the events that time creates (the end
// of a document, the 18th birthday). A query for date D sees only the events
// dated on or before D (R-ASOF). The outcome holds the periods, every decision
// with its rule id, legal basis and the parameters read, and the warnings.
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/id.hpp"
#include "sejour61/case.hpp"
#include "sejour61/machine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/rules.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sejour61 {

/// The query cannot be answered (date before the case starts, no regime in
/// force). Exit code 1 in the CLI, S61_EINPUT in the C API.
class QueryError : public SaidError {
public:
    QueryError(std::string path, const std::string& msg) : QueryError(std::move(path), Said{msg, {}, {}}) {}
    QueryError(std::string path, Said msg)
        : SaidError(path.empty() ? msg.english() : path + ": " + msg.english(), std::move(msg)), path_(std::move(path)) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// How the last day of a document period was obtained (for the ambiguity alarm).
struct EndCount {
    enum Kind { none, days, months, recorded } kind = none;
    int n = 0;                    ///< number of days or months
    Date act;                     ///< the act date the count starts from
    bool rollover = false;        ///< R-DATE-ROLL applied
    Date unrolled;                ///< the last day before any roll-over
    MonthConvention convention = MonthConvention::quantieme;
    FirstDay first_day = FirstDay::next_day;
};

struct Period {
    State state = State::start;
    std::string document;          ///< "" when none
    Date from;
    std::optional<Date> until;     ///< last day; nullopt for open-ended states
    std::optional<Date> doc_end;   ///< the document's own last day
    std::string regime;            ///< regime under which the document was issued
    int extensions = 0;            ///< extensions (ai) or renewals (a_card) before this period
    Date first_issued;             ///< first day a document of this kind was issued
    EndCount count;
    std::optional<Date> recorded_on;  ///< date of a document_issued record that set doc_end
    Id rule;                       ///< rule that opened the period
};

struct Warning {
    Id rule;
    Text text;  ///< rendered with a catalogue (rules/i18n) by the views
    Date date;
    bool no_effect = false;  ///< the event it concerns changes nothing (record refuses it)
};

/// A parameter a decision read, with the regime (or overlay) it came from.
struct ParamRead {
    std::string key;
    Param param;
    std::string regime;
};

/// The conditions of art. 61/4 as a decision read them (R-FACTS).
struct DecisionFacts {
    Date decision_day;
    Tri victim = Tri::unknown, proceedings = Tri::unknown, cooperation = Tri::unknown, identity = Tri::unknown;
    bool waived = false;        ///< conditions 2 and 3 waived (mena-unconditional, unaccompanied minor)
    bool waived_for_all = false;  ///< ... by conditions.waived (residence-without-cooperation), for everyone
    bool labour_track = false;  ///< read under diplomatic-labour-track
};

struct Decision {
    Date date;
    Id rule;
    std::string basis;
    std::string event;                   ///< event type, or "time:document_end" / "time:majority"
    std::optional<size_t> event_index;   ///< index in the case file's events
    std::string from_state, to_state;
    Text text;                           ///< rendered with a catalogue by the views
    std::vector<ParamRead> params;       ///< parameters read, by key
    std::vector<std::string> also;       ///< supporting rules (dates, facts)
    std::optional<DecisionFacts> facts;  ///< conditions as read, when relevant
};

struct Deadline {
    std::string id;
    Date date;
    std::string basis;
};

struct Sensitivity {
    std::string field;
    std::string convention;
    Date date;
};

/// The catalogue name of a closure for the reader ("closure.<it>"): the
/// reason itself, except that a case closed for conditions not met because
/// the extended ai ran out while conditions were still unknown
/// (R-61/3-EXHAUSTED) had them not established, not failing:
/// "conditions_not_established". JSON keeps the reason (interfaces.md).
/// A view of `reason` or of a literal: nothing allocated (the lean replay).
[[nodiscard]] inline std::string_view closure_wording(std::string_view reason, std::string_view closing_rule) {
    if (reason == "conditions_not_met" && closing_rule == "R-61/3-EXHAUSTED") return "conditions_not_established";
    return reason;
}
/// Not of a temporary string: the view would outlive it.
std::string_view closure_wording(std::string&& reason, std::string_view closing_rule) = delete;

struct Outcome {
    std::string case_id;
    Date on;
    std::string regime;                 ///< regime in force on `on` (or pinned)
    std::vector<std::string> reforms;
    std::vector<Period> periods;
    std::optional<Id> closure_reason;  ///< e.g. "conditions_not_met" (interfaces.md)
    std::vector<Decision> decisions;
    std::vector<Warning> warnings;
    std::vector<Deadline> deadlines;    ///< for `on`, sorted by date
    std::vector<Sensitivity> sensitivities;
    bool minor = false;                 ///< minor on `on`
    bool unaccompanied = false;
    Date majority;                      ///< the 18th birthday
    std::optional<Date> pending_trigger;  ///< unlimited-stay trigger with no decision recorded
    /// R-61/5-YEARS (residence-without-cooperation): the day the current temporary stay becomes
    /// unlimited, when it comes before or with the current card's next decision.
    std::optional<Date> years_due;
    GuardContext conditions;            ///< the conditions of art. 61/4 as the facts stand on `on`
    std::optional<Date> indications;    ///< date of the first indications
    std::string indications_by;         ///< police | inspection

    State state() const { return periods.empty() ? State::start : periods.back().state; }
    const Period* current() const { return periods.empty() ? nullptr : &periods.back(); }
    /// The period covering `d` (the last one starting on or before it), nullptr before the first.
    const Period* covering(const Date& d) const {
        const Period* found = nullptr;
        for (const auto& p : periods)
            if (p.from <= d) found = &p;
        return found;
    }
    /// The closure as a person reads it (closure_wording of the closing rule).
    /// A view of an interned id or a literal: valid as long as the program.
    std::string_view closure_words() const {
        return closure_reason ? closure_wording(closure_reason->view(), current() ? current()->rule.view() : "") : std::string_view();
    }
};

struct ReplayOptions {
    /// Keep every decision with its parameters and facts (what `explain`
    /// shows). Without it the outcome has the periods, warnings, deadlines and
    /// sensitivities only: what status, timeline, compare and simulate need.
    bool trace = true;
    /// Compute the deadlines and the ambiguity alarm (sensitivities) of the
    /// query date; simulate, which reports neither, skips them.
    bool obligations = true;
};

/// Replays `c` as of `on` under `sel`. Throws QueryError.
Outcome replay(const Case& c, const Selection& sel, const Date& on, const ReplayOptions& options = {});

/// The same into `out`, which is emptied first and keeps its storage: a loop
/// over many cases with one Outcome (per thread) allocates nothing once its
/// buffers have grown, when not tracing and without deadlines (issue 10). On
/// QueryError `out` holds no valid outcome.
void replay_into(Outcome& out, const Case& c, const Selection& sel, const Date& on, const ReplayOptions& options = {});

/// R-MINOR-AGE: the day a person born on `birth` reaches majority under `rs`.
Date majority_date(const Date& birth, const RuleSet& rs);

/// The prosecutor-consultation deadline for a document ending on `end`
/// (procedure.md §10): the same day-number `months` earlier, clamped to the
/// month's end, moved back to the previous working day.
Date consultation_deadline(const Date& end, int months);

}  // namespace sejour61
