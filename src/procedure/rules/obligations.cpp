// Obligations: the deadlines on the query date and the ambiguity alarm
// (procedure.md §9, §10). The next steps built on them are in next_steps.cpp.
#include "../replay.hpp"

#include <algorithm>

namespace sejour61 {

namespace bg = boost::gregorian;

// procedure.md §10: the prosecutor is consulted `months` before the document
// ends: the same day-number, clamped to the month's end, moved back to the
// previous working day.
Date consultation_deadline(const Date& end, int months) { return roll_backward(same_day_clamped(end, -months)); }

namespace procedure {

namespace {

// procedure.md §10 and rules/README.md, interpretation 23: the OE consults the
// prosecutor before the current document ends; a prosecutor opinion dated
// within the current period (from its first day to the query date) is the
// answer for this document's end, so the consultation is no longer due. An
// opinion dated before the period was read by an earlier decision and does
// not answer for this one: each end of a document needs its own.
bool consultation_answered(const Case& c, const Period& cur, const Date& on) {
    for (const auto& e : c.events)
        if (e.type == EventType::prosecutor_opinion && e.date >= cur.from && e.date <= on) return true;
    return false;
}

int deadline_rank(const std::string& id) {
    static const char* order[] = {"reflection-last-day", "prosecutor-consultation", "renewal-request",
                                  "document-end", "indefinite-request", "majority"};
    for (int i = 0; i < 6; ++i)
        if (id == order[i]) return i;
    return 6;
}

}  // namespace

// The deadlines of the current period, sorted by date (same day: in the
// order of the procedure).
void Replay::deadlines(const RuleSet& rs) {
    const Period* cur = out_.current();
    auto add = [&](const char* id, const Date& d, const std::string& b) { out_.deadlines.push_back({id, d, b}); };
    State s = cur->state;
    if (cur->doc_end) {
        const Date end = *cur->doc_end;
        const RuleSet& at_end = sel_.at(end) ? *sel_.at(end) : rs;
        if (s == State::reflection) add("reflection-last-day", end, "art. 61/2 §2; Judicial Code art. 53");
        const bool answered = at_end.p.consultation_answered_by_opinion && consultation_answered(c_, *cur, on_);
        // Unlimited stay by R-61/5-YEARS before this card's end: nothing prepares a renewal.
        const bool years = out_.years_due.has_value();
        if ((s == State::provisional || s == State::temporary) && !answered && !years) {
            // Never before the document exists or its end is known (a short
            // printed expiry): then the consultation is due at once.
            Date consult = consultation_deadline(end, at_end.p.consultation_months_before);
            consult = std::max(consult, cur->from);
            if (cur->recorded_on) consult = std::max(consult, *cur->recorded_on);
            add("prosecutor-consultation", consult, "art. 61/4 §1");
        }
        if (s == State::temporary && !years)
            add("renewal-request", end - bg::days(at_end.p.renewal_request_days_before_end), trace_.basis("R-61/4-RENEW"));
        add("document-end", end,
            s == State::reflection ? "art. 61/2 §2" : s == State::provisional ? "art. 61/3 §1" : "art. 61/4 §1");
    }
    if (out_.pending_trigger && (s == State::provisional || s == State::temporary || s == State::indefinite))
        add("indefinite-request", *out_.pending_trigger, "art. 61/5");
    if (out_.minor && s != State::closed) add("majority", out_.majority, trace_.basis("R-MAJORITY"));
    std::stable_sort(out_.deadlines.begin(), out_.deadlines.end(), [](const Deadline& a, const Deadline& b) {
        if (a.date != b.date) return a.date < b.date;
        return deadline_rank(a.id) < deadline_rank(b.id);
    });
}

// Ambiguity alarm (procedure.md §9), one instance of the contestable
// readings of §8: each alternative the rule files mark "alarm" (the month
// convention without the end-of-month rule, the reflection without
// roll-over) replayed under its own selection; where the current document's
// end, or in reflection the last day to cooperate, differs, the alarm names
// the reading and its date. The date compared is that of the same document
// under the other reading (the period that covers the current one's first
// day, in the same state with the same document): on the last days of a
// document, that reading may already have moved on to the next one, or
// closed the case.
void Replay::sensitivities() {
    const Period* cur = out_.current();
    if (!cur->doc_end) return;
    for (const auto& alarm : sel_.alarms()) {
        const Outcome alt = replay(c_, *alarm.selection, on_, ReplayOptions{false, false});
        const Period* other = nullptr;
        for (const auto& p : alt.periods)
            if (p.from <= cur->from) other = &p;
        if (!other || other->state != cur->state || other->document != cur->document || !other->doc_end ||
            *other->doc_end == *cur->doc_end)
            continue;
        out_.sensitivities.push_back({"document.until", alarm.name, *other->doc_end});
        if (cur->state == State::reflection && other->state == State::reflection)
            out_.sensitivities.push_back({"deadlines.reflection-last-day", alarm.name, *other->doc_end});
    }
}

}  // namespace procedure
}  // namespace sejour61
