// Next steps (procedure.md §10): who must or may act, by when, and what the
// replay does when nobody acts. The steps come from the state and deadlines
// of the outcome; every consequence is the replay itself, run again with no
// new event, never a re-derivation of the rules.
#include "sejour61/next.hpp"

#include <algorithm>

namespace sejour61 {

namespace bg = boost::gregorian;

namespace {

// The case as the query sees it (R-ASOF): the events dated on or before `on`.
Case as_of(const Case& c, const Date& on) {
    Case v = c;
    v.events.clear();
    for (const auto& e : c.events)
        if (e.date <= on) v.events.push_back(e);
    return v;
}

const char* consequence_kind(const Outcome& o, const Period& p, const Period& cur) {
    if (p.state == State::closed)
        return o.closure_reason == std::string("reflection_lapsed") ? "lapsed"
               : p.rule == "R-61/3-EXHAUSTED"                       ? "exhausted"
                                                                    : "closes";
    if (p.state == State::indefinite && cur.state != State::indefinite) return "indefinite";
    if (p.from == cur.from) return "unchanged";
    if (p.state == State::provisional && cur.state == State::provisional) return "extension";
    if (p.state == State::temporary && cur.state == State::temporary) return "renewal";
    if (p.state == State::temporary) return "a_card";
    if (p.state == State::provisional && cur.state == State::reflection) return "ai";  // R-61/3-PERSONAL
    return "unchanged";
}

// What the replay does on `d` when nobody acts, as seen from `cur` (the
// period on the query date).
std::optional<Consequence> consequence_on(const Case& visible, const Selection& sel, const Date& d, const Period& cur) {
    Outcome o;
    try {
        o = replay(visible, sel, std::min(d, max_date()), ReplayOptions{false});
    } catch (const QueryError&) {
        return std::nullopt;
    }
    const Period* p = o.current();
    if (!p) return std::nullopt;
    return Consequence{d, p->state, o.closure_reason, p->document, p->doc_end, p->rule, consequence_kind(o, *p, cur)};
}

// The engine's own text for the decision that closes the case on `d`.
std::optional<Text> closing_decision(const Case& visible, const Selection& sel, const Date& d) {
    try {
        Outcome o = replay(visible, sel, d, ReplayOptions{true});
        for (auto it = o.decisions.rbegin(); it != o.decisions.rend(); ++it)
            if (it->to_state == "closed" && it->date == d) return it->text;
    } catch (const QueryError&) {
    }
    return std::nullopt;
}

bool tied_to_document_end(const std::string& id) {
    return id == "cooperate" || id == "consult-prosecutor" || id == "establish-identity" || id == "request-a-card" ||
           id == "exhausted-warning" || id == "request-renewal";
}

class Steps {
public:
    Steps(const Outcome& o, const RuleBook& book, const RuleSet* closed_under)
        : o_(o), book_(book), closed_under_(closed_under) {}

    // The obligations of the state on the query date, in procedure order.
    std::vector<Step> list() {
        const Period& cur = *o_.current();
        switch (cur.state) {
            case State::start: break;
            case State::detected: detected(); break;
            case State::reflection:
                add("cooperate", "person", false, cur.doc_end, "R-61/2-END", base());
                add("accompany", "centre", true, std::nullopt, "R-61/2-REFLECT");
                break;
            case State::provisional:
            case State::temporary: stay(cur); break;
            case State::indefinite:
                if (o_.pending_trigger)
                    add("decide-unlimited-stay", "minister", false, std::nullopt, "R-61/5-INDEF",
                        {{"trigger", format_date(*o_.pending_trigger)}});
                break;
            case State::closed: closed(cur); break;
        }
        if (o_.minor && cur.state != State::closed) minor(cur);
        return std::move(steps_);
    }

private:
    const Outcome& o_;
    const RuleBook& book_;
    const RuleSet* closed_under_;  // the rule set in force on the day of closure
    std::vector<Step> steps_;

    void add(std::string id, std::string actor, bool must, std::optional<Date> by, const std::string& rule,
             std::map<std::string, std::string> args = {}) {
        Step s{std::move(id), std::move(actor), must, by, rule, book_.basis_of(rule), std::move(args)};
        auto info = book_.rule_index().find(rule);
        if (info != book_.rule_index().end()) s.grade = info->second.status;
        steps_.push_back(std::move(s));
    }
    // A step under R-AFTER-CLOSE whose basis and grade are those of the parameter `key`.
    void after_close(std::string id, std::string actor, const char* key, std::map<std::string, std::string> args = {}) {
        const Param& p = closed_under_->param(key);
        Step s{std::move(id), std::move(actor), false, std::nullopt, "R-AFTER-CLOSE", p.basis, std::move(args)};
        s.grade = p.status;
        steps_.push_back(std::move(s));
    }
    // What follows a closure for the person (rules/README.md, interpretation 22):
    // the closure itself (the right to stay under this procedure has ended),
    // an order to leave that may follow, the appeal and its time limit, the
    // other routes.
    void closed(const Period& cur) {
        const std::string reason = o_.closure_reason ? o_.closure_reason->str() : std::string();
        add("closed", "none", false, std::nullopt, cur.rule,
            {{"reason", std::string(o_.closure_words())}, {"since", format_date(cur.from)}, {"variant", reason}});
        // Only a closure that ends a stay of this procedure: not a person never
        // eligible (no stay began; a Belgian or an EU citizen has other rules),
        // nor one who left it.
        if (!closed_under_ || reason == "left_procedure" || reason == "not_eligible") return;
        const auto& p = closed_under_->p;
        // An unaccompanied minor is represented by the guardian, who acts for them; an order to
        // leave is not what follows for a minor (the durable-solution procedure of art. 61/14 ff.
        // is outside this engine): rules/README.md, interpretation 22.
        const bool mena = o_.minor && o_.unaccompanied;
        if (p.order_to_leave && !mena) after_close("order-to-leave", "oe", "closure.order_to_leave");
        after_close("appeal", mena ? "guardian" : "person", "closure.appeal_days",
                    {{"days", std::to_string(p.appeal_days)}});
        if (p.other_routes) after_close("other-routes", "centre", "closure.other_routes");
    }
    std::optional<Date> deadline(const char* id) const {
        for (const auto& d : o_.deadlines)
            if (d.id == id) return d.date;
        return std::nullopt;
    }
    std::string services() const { return o_.indications_by.empty() ? "police" : o_.indications_by; }
    std::map<std::string, std::string> base() const {
        const Period& cur = *o_.current();
        std::map<std::string, std::string> b{{"document", cur.document}};
        if (cur.doc_end) {
            b["end"] = format_date(*cur.doc_end);
            b["after"] = format_date(*cur.doc_end + bg::days(1));
        }
        return b;
    }
    void detected() {
        add("inform-oe", services(), true, o_.indications, "R-61/2-DETECT");
        add("inform-person", services(), true, o_.indications, "R-61/2-DETECT");
        add("refer-to-centre", services(), true, o_.indications, "R-61/2-DETECT",
            {{"variant", o_.minor && o_.unaccompanied ? "mena" : "adult"}});
    }
    void stay(const Period& cur) {
        // No consultation deadline: the prosecutor already answered for this document (obligations.cpp).
        if (auto consult = deadline("prosecutor-consultation"))
            add("consult-prosecutor", "oe", true, consult, "R-61/4-A", base());
        if (cur.state == State::provisional) {
            if (o_.conditions.identity != Tri::holds)
                add("establish-identity", "person", true, cur.doc_end, "R-61/4-A", base());
            add("request-a-card", "centre", true, cur.doc_end, "R-61/4-A", base());
            // R-61/3-EXHAUSTED, shown from the consultation deadline on, when
            // the replay ends the procedure for lack of a further document.
            auto from = deadline("prosecutor-consultation");
            if (!from || o_.on >= *from) add("exhausted-warning", "oe", true, cur.doc_end, "R-61/3-EXHAUSTED", base());
        } else if (auto renewal = deadline("renewal-request")) {  // none before R-61/5-YEARS (obligations.cpp)
            add("request-renewal", "centre", true, renewal, "R-61/4-RENEW", base());
        }
        if (o_.pending_trigger)
            add("request-unlimited-stay", "centre", false, std::nullopt, "R-61/5-INDEF",
                {{"trigger", format_date(*o_.pending_trigger)}});
    }
    void minor(const Period& cur) {
        if (o_.unaccompanied) {
            add("guardian-represents", "guardian", true, std::nullopt, "R-MAJORITY");
            if (cur.state == State::detected)
                add("inform-guardianship-service", services(), true, o_.indications, "R-MAJORITY");
        }
        add("majority", o_.unaccompanied ? "guardian" : "person", true, o_.majority, "R-MAJORITY",
            {{"date", format_date(o_.majority)}, {"variant", o_.unaccompanied ? "mena" : "accompanied"}});
    }
};

// Where the facts already decide that the procedure closes at the end of the
// document, the first step says so with the engine's decision; with a
// condition known to fail, asking for the next document or producing
// identity changes nothing (a new prosecutor opinion still can).
void decided_first(std::vector<Step>& steps, const Consequence& k, const Period& cur, const Case& visible,
                   const Selection& sel) {
    Step d{"decided", "none", false, k.date, k.rule, sel.book().basis_of(k.rule),
           {{"date", format_date(k.date)}, {"end", format_date(*cur.doc_end)},
            {"reason", k.closure_reason.value_or("")}, {"rule", k.rule}}};
    auto info = sel.book().rule_index().find(k.rule);
    if (info != sel.book().rule_index().end()) d.grade = info->second.status;
    d.consequence = k;
    d.because = closing_decision(visible, sel, k.date);
    if (k.kind == "closes")
        steps.erase(std::remove_if(steps.begin(), steps.end(),
                                   [](const Step& s) {
                                       return s.id == "request-a-card" || s.id == "establish-identity" ||
                                              s.id == "request-renewal";
                                   }),
                    steps.end());
    steps.insert(steps.begin(), std::move(d));
}

}  // namespace

std::vector<Step> next_steps(const Case& c, const Outcome& o, const Selection& sel) {
    const Period* cur = o.current();
    if (!cur) return {};
    std::vector<Step> steps = Steps(o, sel.book(), sel.at(cur->from)).list();
    const Case visible = as_of(c, o.on);
    std::map<Date, std::optional<Consequence>> memo;
    auto at = [&](const Date& d) -> const std::optional<Consequence>& {
        auto it = memo.find(d);
        if (it == memo.end()) it = memo.emplace(d, consequence_on(visible, sel, d, *cur)).first;
        return it->second;
    };
    for (auto& s : steps) {
        if (s.by) s.overdue = *s.by < o.on;
        if (tied_to_document_end(s.id) && cur->doc_end) {
            s.consequence = at(*cur->doc_end + bg::days(1));
            if (s.consequence) s.args["variant"] = s.consequence->kind;
            // Under residence-without-cooperation the reflection's end gives the ai: its rule, not R-61/2-END's.
            if (s.consequence && s.consequence->kind == "ai" && s.consequence->rule == "R-61/3-PERSONAL") {
                s.rule = s.consequence->rule;
                s.basis = sel.book().basis_of(s.rule);
                auto info = sel.book().rule_index().find(s.rule);
                if (info != sel.book().rule_index().end()) s.grade = info->second.status;
            }
        } else if (s.by && s.id != "closed") {
            s.consequence = at(*s.by);
        }
        if (s.consequence) {
            s.args["after"] = format_date(s.consequence->date);
            s.args["reason"] = s.consequence->closure_reason.value_or(s.args["reason"]);
            if (s.consequence->until) s.args["until"] = format_date(*s.consequence->until);
        }
    }
    // R-61/3-EXHAUSTED is a warning only where the replay ends the procedure for it.
    steps.erase(std::remove_if(steps.begin(), steps.end(),
                               [](const Step& s) {
                                   return s.id == "exhausted-warning" &&
                                          !(s.consequence && s.consequence->kind == "exhausted");
                               }),
                steps.end());
    if ((cur->state == State::provisional || cur->state == State::temporary) && cur->doc_end) {
        const auto& k = at(*cur->doc_end + bg::days(1));
        if (k && k->state == State::closed) decided_first(steps, *k, *cur, visible, sel);
    }
    // Unlimited stay by R-61/5-YEARS on the day the replay schedules it (within
    // the card or the day after it): the first step says so (the deadlines
    // already leave out the renewal and its consultation).
    if (o.years_due) {
        const auto& k = at(*o.years_due);
        const RuleSet* then = sel.at(*o.years_due - bg::days(1));
        if (k && k->rule == "R-61/5-YEARS" && then) {
            Step d{"decided", "none", false, k->date, k->rule, sel.book().basis_of(k->rule),
                   {{"date", format_date(k->date)}, {"end", format_date(*cur->doc_end)}, {"variant", "indefinite"},
                    {"years", std::to_string(then->p.indefinite_after_temporary_years.value_or(0))}}};
            auto info = sel.book().rule_index().find(k->rule);
            if (info != sel.book().rule_index().end()) d.grade = info->second.status;
            d.consequence = k;
            steps.insert(steps.begin(), std::move(d));
        }
    }
    // procedure.md §10: where the facts already decide the next decision, the
    // first step states it; the others by date, undated last, the same date in
    // the order above.
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
        if ((a.id == "decided") != (b.id == "decided")) return a.id == "decided";
        if (a.by.has_value() != b.by.has_value()) return a.by.has_value();
        return a.by && b.by && *a.by < *b.by;
    });
    return steps;
}

}  // namespace sejour61
