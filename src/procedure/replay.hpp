// src/procedure/replay.hpp — the replay of one case, in parts a reader can name.
//
//   agenda.cpp        the order of things: the case file's events dated up to
//                     `on` (R-ASOF), merged with the events time creates (the
//                     end of a document, the 18th birthday); one check that
//                     nothing happens after closure (R-AFTER-CLOSE)
//   facts.hpp         the facts ledger: the conditions of art. 61/4 by name (R-FACTS)
//   periods.hpp       the period book: periods, extensions, renewals
//   trace.hpp         the decision trace: rule id, basis, parameters read
//   rules/*.cpp       the rules, one file per family, each function headed by
//                     its rule id and basis (rules/rule-index.json names the file)
//
// The Boost.MSM decision table (src/machine.cpp) chooses the transition for
// an event and the facts; the functions here compute its dates and say why.
#pragma once

#include "facts.hpp"
#include "periods.hpp"
#include "trace.hpp"

#include "sejour61/engine.hpp"

#include <optional>
#include <vector>

namespace sejour61::procedure {

/// A "labour event ignored" or "immunity gap" warning (§7), kept until the
/// end of the replay decides whether a decision read the fact after all.
struct IgnoredLabour {
    size_t warning;
    std::optional<size_t> decision;  // the trace decision whose text becomes the fact's
    Date date;
    Text fact;
};

/// What a replay uses besides its outcome. One per thread is kept and reused
/// (agenda.cpp), so that a loop over many cases allocates nothing once its
/// buffers have grown (issue 10).
struct Scratch {
    std::vector<const Event*> events;
    std::vector<int> pending_stages;
    std::vector<IgnoredLabour> ignored_labour;
    Decision decision;  // the decision being built when not tracing
    ProcedureMachine machine;
    bool busy = false;  // a replay runs on it (a nested replay takes its own)
};

class Replay {
public:
    Replay(const Case& c, const Selection& sel, const Date& on, const ReplayOptions& opt, Outcome& out, Scratch& s)
        : c_(c), sel_(sel), on_(on), obligations_(opt.obligations), out_(out), trace_(out_, sel.book(), opt.trace, s.decision), book_(out_.periods),
          m_(s.machine), events_(s.events), pending_stages_(s.pending_stages), ignored_labour_(s.ignored_labour) {}

    /// Fills the outcome given to the constructor (emptied first, its storage kept).
    void run();

private:
    const Case& c_;
    const Selection& sel_;
    Date on_;
    bool obligations_;
    Outcome& out_;
    Trace trace_;
    FactsLedger facts_;
    PeriodBook book_;
    ProcedureMachine& m_;

    // ---- agenda.cpp: the order of things ----
    std::vector<const Event*>& events_;  // visible events (R-ASOF), processing order
    size_t cursor_ = 0;                 // the event being processed, in events_
    bool started_ = false;
    std::optional<Date> majority_;      // the 18th birthday, known from the indications on
    bool majority_done_ = false;

    void start();
    void advance(const Date& to);
    void process(const Event& e);
    void finish();
    void apply(const Fired& f, const Date& act, const Date& effective, const RuleSet& rs, const Event* ev);
    const RuleSet& rules_at(const Date& d, const char* what, long index = -1) const;
    const RuleSet& rules_of(const Event& e) const { return rules_at(e.date, "", static_cast<long>(e.index)); }
    Decision& decide(const Date& d, Id rule, const Event& e, Text message) {
        return trace_.decide(d, rule, event_type_name(e.type), e.index, std::move(message), m_.state());
    }
    bool minor_on(const Date& d) const { return majority_ && d < *majority_; }
    bool mena_on(const Date& d) const { return c_.person.unaccompanied && minor_on(d); }
    // Conditions 2 and 3 of art. 61/4 waived on `d`: for everyone (conditions.waived,
    // residence-without-cooperation) or for an unaccompanied minor (mena-unconditional).
    bool waived_on(const Date& d, const RuleSet& rs) const {
        return rs.p.conditions_2_3_waived || (rs.p.mena_unconditional && mena_on(d));
    }
    bool labour_track(const RuleSet& rs) const { return rs.p.labour_track && c_.person.employer_immunity; }

    // ---- rules/eligibility.cpp ----
    void on_indications(const Event& e, const RuleSet& rs);
    void eligibility(const Event& e, const RuleSet& rs, GuardContext& g, Decision& dec) const;
    void open_case(const Date& act);
    void majority_reached(const Date& d);

    // ---- rules/reflection.cpp ----
    void on_centre_contact(const Event& e, const RuleSet& rs);
    void issue_reflection(Action a, const Date& act, const RuleSet& rs);
    const std::string& annex15_window(const Date& act, const RuleSet& rs, Decision& dec);
    void close_lapsed(const Date& last, const Date& closed);
    void issue_ai_personal(const Date& last, const Date& effective, const RuleSet& rs);

    // ---- rules/provisional.cpp ----
    void on_cooperation(const Event& e, const RuleSet& rs);
    void issue_ai(Action a, const Date& act, const RuleSet& rs);
    void extend_ai(const Date& act, const Date& effective, const RuleSet& rs);
    void close_exhausted(const Date& end, const Date& closed, const RuleSet& rs);

    // ---- rules/temporary.cpp ----
    GuardContext last_;  // the conditions read at the last document end
    void document_end(const Date& last);
    GuardContext conditions(const Date& d, const RuleSet& rs, DecisionFacts* facts) const;
    void issue_a_card(const Date& act, const Date& effective, const RuleSet& rs);
    void renew_a_card(const Date& act, const Date& effective, const RuleSet& rs);
    void a_card(const Date& act, const Date& effective, const RuleSet& rs, const char* message);
    void close_not_met(Action a, const Date& end, const Date& closed);

    // ---- rules/unlimited.cpp (R-61/5-INDEF) ----
    int covered_max_ = -1;             // latest stage covered by a recorded decision
    std::vector<int>& pending_stages_;  // stages of the triggers awaiting a decision
    bool any_trigger_seen_ = false;
    struct TriggerFate;
    void on_trigger(const Event& e, const RuleSet& rs);
    TriggerFate trigger_fate(const Event& e, const RuleSet& rs) const;
    void on_indefinite_decision(const Event& e, const RuleSet& rs);
    void fire_indefinite(const Event& e, const RuleSet& rs, Trigger t, Text message);
    void grant_indefinite(const Date& from, const RuleSet& rs, bool by_years = false);
    std::optional<Date> years_day(const Date& card_last) const;
    void temporary_years(const Date& day);

    // ---- rules/exits.cpp ----
    void on_withdrawal(const Event& e, const RuleSet& rs);
    void on_left(const Event& e, const RuleSet& rs);
    void after_close(const Event& e);
    void close(Id reason, const Date& from);

    // ---- rules/facts.cpp (R-FACTS) ----
    std::vector<IgnoredLabour>& ignored_labour_;
    std::optional<Date> labour_read_until_;  // latest fact day read by a decision under the reform
    void on_fact(const Event& e, const RuleSet& rs);
    void fact_decision(const Event& e, Text msg);
    bool labour_event_ignored(const Event& e, const RuleSet& rs);
    Text record_labour(const Event& e);
    void withdraw_labour_warnings();

    // ---- rules/recorded.cpp ----
    void on_document_issued(const Event& e);

    // ---- rules/obligations.cpp ----
    void deadlines(const RuleSet& rs);
    void sensitivities();
};

}  // namespace sejour61::procedure
